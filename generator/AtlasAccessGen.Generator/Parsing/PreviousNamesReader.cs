using System;
using System.Collections.Generic;
using System.Linq;
using AtlasAccessGen.Generator.Diagnostics;
using AtlasAccessGen.Generator.Input;
using AtlasAccessGen.Generator.Model;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Compares the states a spec's lock file records with the spec as it is now. An operation keeps its identity
    /// (method and path) when upstream renames its operationId, so a method whose name changed gets its old name
    /// back as a forwarder; what is gone gets a stub that explains, at each use, what happened.
    /// </summary>
    internal static class PreviousNamesReader
    {
        public static PreviousNamesModel Read(ApiSpec spec, SpecLock specLock)
        {
            var renamed = new List<RenamedOperation>();
            var removed = new List<RemovedOperation>();
            var removedProperties = new List<RemovedProperty>();
            var diagnostics = new List<DiagnosticInfo>();
            if (specLock.Error is { } error)
            {
                diagnostics.Add(error);
            }

            var current = new Dictionary<string, (ClientModel Client, OperationModel Operation)>(StringComparer.Ordinal);
            foreach (ClientModel client in spec.Clients)
            {
                foreach (OperationModel operation in client.Operations)
                {
                    current[operation.Key] = (client, operation);
                }
            }

            var inDocument = new HashSet<string>(spec.OperationKeys, StringComparer.Ordinal);
            var objects = spec.Objects.ToDictionary(o => o.Name, StringComparer.Ordinal);
            var components = spec.Objects.Where(o => o.UnknownVariantOf is null).GroupBy(o => o.JsonPointer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var claimed = new HashSet<(string Client, string Method)>();
            foreach (LockedState state in specLock.States)
            {
                foreach (LockedOperation old in state.Operations)
                {
                    string oldName = Naming.ToPascalCase(old.SpecName);
                    if (current.TryGetValue(old.Key, out var now))
                    {
                        ClientModel client = now.Client;

                        // An operation that moved to another tag's client cannot be reached from the old client's interface.
                        if (now.Operation.MethodName == oldName || (old.Tag is not null && old.Tag != client.Tag) || !claimed.Add((client.TypeName, oldName)))
                        {
                            continue;
                        }

                        if (client.Operations.FirstOrDefault(o => o.MethodName == oldName) is { } other)
                        {
                            diagnostics.Add(At(specLock, old.Line, DiagnosticInfo.Create(
                                DiagnosticDescriptors.PreviousNameTaken, null, spec.SpecFileName, oldName + "Async", old.Key, state.Describe(), other.Key, now.Operation.MethodName + "Async")));
                            continue;
                        }

                        renamed.Add(new RenamedOperation(client.TypeName, old.Key, oldName, old.SpecName, state.Describe()));
                    }
                    else if (!inDocument.Contains(old.Key))
                    {
                        diagnostics.Add(At(specLock, old.Line, DiagnosticInfo.Create(
                            DiagnosticDescriptors.OperationRemoved, null, spec.SpecFileName, old.Key, old.SpecName, oldName + "Async", state.Describe())));
                        if (spec.Clients.FirstOrDefault(c => c.Tag == old.Tag) is { } client
                            && client.Operations.All(o => o.MethodName != oldName)
                            && claimed.Add((client.TypeName, oldName)))
                        {
                            removed.Add(new RemovedOperation(client.TypeName, old.Key, oldName, old.SpecName, state.Describe()));
                        }
                    }
                }

                ReadSchemas(spec, components, objects, specLock, state, removedProperties, diagnostics);
            }

            return new PreviousNamesModel(
                specLock.FileName,
                renamed.ToImmutableEquatableArray(),
                removed.ToImmutableEquatableArray(),
                removedProperties.ToImmutableEquatableArray(),
                diagnostics.ToImmutableEquatableArray());
        }

        /// <param name="components">The generated classes of component schemas, by JSON pointer.</param>
        /// <param name="objects">Every generated class, by name, for the walk up to the discriminator's base.</param>
        private static void ReadSchemas(ApiSpec spec, Dictionary<string, ObjectModel> components, Dictionary<string, ObjectModel> objects, SpecLock specLock, LockedState state, List<RemovedProperty> removed, List<DiagnosticInfo> diagnostics)
        {
            foreach (LockedSchema schema in state.Schemas)
            {
                if (!components.TryGetValue("/components/schemas/" + SpecTextMap.Escape(schema.Name), out ObjectModel? model))
                {
                    continue;
                }

                // The discriminator is declared once, on the base, and not among the properties.
                var jsonNames = new HashSet<string>(model.AllProperties.Select(p => p.JsonName), StringComparer.Ordinal);
                var members = new HashSet<string>(model.AllProperties.Select(p => p.Name).Concat(GeneratedNames.ObjectProperties), StringComparer.Ordinal);
                for (ObjectModel? type = model; type is not null; type = type.BaseName is { } baseName && objects.TryGetValue(baseName, out ObjectModel? parent) ? parent : null)
                {
                    if (type.Discriminator is { } discriminator)
                    {
                        jsonNames.Add(discriminator.JsonName);
                        members.Add(discriminator.PropertyName);
                    }
                }

                foreach (string property in schema.Properties)
                {
                    string oldName = Naming.ToPascalCase(property);
                    if (jsonNames.Contains(property) || oldName == model.Name || removed.Any(r => r.TypeName == model.Name && r.OldPropertyName == oldName))
                    {
                        continue;
                    }

                    if (!members.Contains(oldName))
                    {
                        removed.Add(new RemovedProperty(model.Name, property, oldName, state.Describe()));
                    }

                    diagnostics.Add(At(specLock, schema.Line, DiagnosticInfo.Create(
                        DiagnosticDescriptors.PropertyRemoved, null, spec.SpecFileName, property, schema.Name, model.Name, oldName, state.Describe())));
                }
            }
        }

        private static DiagnosticInfo At(SpecLock specLock, int line, DiagnosticInfo diagnostic) =>
            diagnostic with { Location = new LocationInfo(specLock.Path, line, 0) };
    }
}
