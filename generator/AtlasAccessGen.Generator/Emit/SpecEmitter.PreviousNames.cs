using System.Collections.Generic;
using System.Linq;
using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        public const string PreviousNamesClass = "AtlasPreviousNames";

        /// <summary>The file that keeps code written against an earlier spec state compiling; null when nothing changed.</summary>
        public static GeneratedFile? EmitPreviousNames(ApiSpec spec, PreviousNamesModel model, string generatorVersion, bool withClients)
        {
            if (model.IsEmpty || (!withClients && model.RemovedProperties.Count == 0))
            {
                return null;
            }

            var emitter = new SpecEmitter(spec, generatorVersion, withRuntime: withClients);
            return emitter.File(PreviousNamesClass, writer => emitter.WritePreviousNames(writer, model, withClients));
        }

        private void WritePreviousNames(SourceWriter writer, PreviousNamesModel model, bool withClients)
        {
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            bool first = true;
            if (withClients && (model.Renamed.Count > 0 || model.Removed.Count > 0))
            {
                first = false;
                writer.WriteLine($"/// <summary>Method names from before the spec updates that {XmlDoc(model.LockFileName)} records, so code written then still compiles.</summary>");
                writer.WriteLine($"public static partial class {PreviousNamesClass}");
                writer.OpenBrace();
                bool firstMethod = true;
                foreach (RenamedOperation renamed in model.Renamed)
                {
                    foreach ((string interfaceName, OperationMethod method) in Methods(renamed.ClientTypeName, renamed.OperationKey))
                    {
                        if (!firstMethod)
                        {
                            writer.WriteLine();
                        }

                        firstMethod = false;
                        WriteForwarder(writer, model, renamed, interfaceName, method);
                    }
                }

                foreach (RemovedOperation removed in model.Removed)
                {
                    if (!firstMethod)
                    {
                        writer.WriteLine();
                    }

                    firstMethod = false;
                    string message = removed.OldMethodName + "Async was removed: the operation " + removed.OperationKey + " (" + removed.OldSpecName + ") is not in "
                        + _spec.SpecFileName + " any more (it was in the spec state of " + removed.Since + "). " + model.LockFileName + " keeps this name only to say so.";
                    writer.WriteLine($"/// <summary>{XmlDoc(message)}</summary>");
                    writer.WriteLine($"[global::System.Obsolete({Literal(message)}, true)]");
                    writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                    writer.WriteLine($"public static global::System.Threading.Tasks.Task {removed.OldMethodName}Async(this {Global("I" + removed.ClientTypeName)} client, params object?[] arguments) =>");
                    writer.WriteLine($"    throw new global::System.NotSupportedException({Literal(message)});");
                }

                writer.CloseBrace();
            }

            if (withClients && _spec.CloudProviderAccessWorkflow is { AuthorizeMethodName: { } authorize } workflow
                && model.Renamed.FirstOrDefault(r => r.ClientTypeName == workflow.ClientTypeName && Methods(r.ClientTypeName, r.OperationKey).Any(m => m.Method.Operation.MethodName == authorize)) is { } renamedAuthorize)
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                first = false;
                string message = "Renamed to " + authorize + "WhenAssumableAsync, as " + renamedAuthorize.OldMethodName + "Async was renamed to " + authorize + "Async (see " + model.LockFileName + ").";
                writer.WriteBlock($$"""
                    public static partial class CloudProviderAccessWorkflows
                    {
                        /// <summary>The name <c>{{authorize}}WhenAssumableAsync</c> had before the spec update that {{XmlDoc(model.LockFileName)}} records.</summary>
                        [global::System.Obsolete({{Literal(message)}})]
                        [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
                        public static global::System.Threading.Tasks.Task<{{Global(workflow.AuthorizeResultTypeName!)}}> {{renamedAuthorize.OldMethodName}}WhenAssumableAsync(this {{Global("I" + workflow.ClientTypeName)}} client, string groupId, string roleId, {{Global(workflow.AuthorizeBodyTypeName!)}} body, {{Workflows}}AtlasPollOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default) =>
                            {{authorize}}WhenAssumableAsync(client, groupId, roleId, body, options, cancellationToken);
                    }
                    """);
            }

            foreach (IGrouping<string, RemovedProperty> type in model.RemovedProperties.GroupBy(p => p.TypeName))
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                first = false;
                writer.WriteLine($"public partial class {type.Key}");
                writer.OpenBrace();
                bool firstProperty = true;
                foreach (RemovedProperty property in type)
                {
                    if (!firstProperty)
                    {
                        writer.WriteLine();
                    }

                    firstProperty = false;
                    string message = property.OldPropertyName + " was removed: the schema has no property '" + property.JsonName + "' any more (it had in the spec state of "
                        + property.Since + "). " + model.LockFileName + " keeps this name only to say so.";
                    writer.WriteLine($"/// <summary>{XmlDoc(message)}</summary>");
                    writer.WriteLine($"[global::System.Obsolete({Literal(message)}, true)]");
                    writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                    writer.WriteLine($"public object? {property.OldPropertyName}");
                    writer.OpenBrace();
                    writer.WriteLine($"get => throw new global::System.NotSupportedException({Literal(message)});");
                    writer.WriteLine($"set => throw new global::System.NotSupportedException({Literal(message)});");
                    writer.CloseBrace();
                }

                writer.CloseBrace();
            }

            writer.CloseBrace();
        }

        private void WriteForwarder(SourceWriter writer, PreviousNamesModel model, RenamedOperation renamed, string interfaceName, OperationMethod method)
        {
            string oldName = renamed.OldMethodName + method.Version.MethodSuffix + "Async";
            string message = "Renamed to " + method.Name + ": upstream renamed the operation " + renamed.OperationKey + " from " + renamed.OldSpecName
                + " (spec state of " + renamed.Since + ") to " + method.Operation.OperationId + ". This forwarder comes from " + model.LockFileName + ".";
            string arguments = string.Join(", ", SignatureParameters(method).Select(p => p.Name));
            writer.WriteLine($"/// <summary>The name <c>{method.Name}</c> had before the spec update that {XmlDoc(model.LockFileName)} records.</summary>");
            writer.WriteLine($"[global::System.Obsolete({Literal(message)})]");
            writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            writer.WriteLine($"public static {Signature(method, oldName, "this " + Global(interfaceName) + " client")} =>");
            writer.WriteLine($"    (client ?? throw new global::System.ArgumentNullException(nameof(client))).{method.Name}({arguments});");
        }

        /// <summary>Every generated method of one operation, with the interface that declares it (the tag's, or a version's sub-client).</summary>
        private IEnumerable<(string Interface, OperationMethod Method)> Methods(string clientTypeName, string operationKey)
        {
            ClientModel? client = _spec.Clients.FirstOrDefault(c => c.TypeName == clientTypeName);
            OperationModel? operation = client?.Operations.FirstOrDefault(o => o.Key == operationKey);
            if (operation is null)
            {
                yield break;
            }

            foreach (OperationVersionModel version in operation.Versions)
            {
                string typeName = version.IsDefault ? client!.TypeName : client!.OlderVersions.First(v => v.Version == version.Version).TypeName;
                yield return ("I" + typeName, new OperationMethod(operation, version));
            }
        }
    }
}
