using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    /// <summary>One generated source file (a class: see <see cref="Input.RuntimeFeatures"/>).</summary>
    internal sealed record GeneratedFile(string HintName, string Source);

    /// <summary>
    /// Stage three: <see cref="ApiSpec"/> -> C# source. Sees only the model, never NSwag or Roslyn
    /// symbols. Every type name is written <c>global::</c>-qualified so user code cannot capture it,
    /// and all text is culture-invariant with '\n' line ends, so output is byte-identical run to run.
    /// </summary>
    internal sealed partial class SpecEmitter
    {
        /// <summary>The namespace, below the spec's, that holds the converters and JSON helpers.</summary>
        public const string SerializationNamespace = GeneratedNames.SerializationNamespace;

        private readonly ApiSpec _spec;
        private readonly string _generatorVersion;
        private readonly string _ns;
        private readonly string _serializationNs;
        private readonly Dictionary<string, ObjectModel> _objects;
        private readonly Dictionary<string, EnumModel> _enums;
        private readonly Dictionary<string, List<ObjectModel>> _children = new Dictionary<string, List<ObjectModel>>(StringComparer.Ordinal);

        /// <summary>The pages and links by class name; empty when the project does not reference the runtime that declares their interfaces.</summary>
        private readonly Dictionary<string, PageModel> _pages;
        private readonly Dictionary<string, LinkModel> _links;

        /// <summary>One buffer for every file, one file at a time: it grows to the largest file once instead of in chunks per file.</summary>
        private readonly StringBuilder _fileBuffer = new StringBuilder();

        private readonly HashSet<string> _hintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The runtime is referenced: models keep what their spec does not declare (AdditionalProperties, date-time texts).</summary>
        private readonly bool _keepsUnknown;

        /// <param name="withRuntime">The project references the runtime: clients, page interfaces and unknown-data capture.</param>
        private SpecEmitter(ApiSpec spec, string generatorVersion, bool withRuntime)
        {
            _pages = withRuntime ? spec.Pages.ToDictionary(p => p.TypeName, StringComparer.Ordinal) : new Dictionary<string, PageModel>();
            _links = withRuntime ? spec.Links.ToDictionary(l => l.TypeName, StringComparer.Ordinal) : new Dictionary<string, LinkModel>();
            _spec = spec;
            _keepsUnknown = withRuntime;
            _generatorVersion = generatorVersion;
            _ns = spec.Namespace;
            _serializationNs = spec.Namespace + "." + SerializationNamespace;
            _objects = spec.Objects.ToDictionary(o => o.Name, StringComparer.Ordinal);
            _enums = spec.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
            foreach (ObjectModel model in spec.Objects.Where(o => o.BaseName is not null))
            {
                if (!_children.TryGetValue(model.BaseName!, out List<ObjectModel>? children))
                {
                    _children[model.BaseName!] = children = new List<ObjectModel>();
                }

                children.Add(model);
            }
        }

        /// <summary>
        /// The models: enums, objects, their converters and the JSON resolver. They read no operation, so the pipeline
        /// emits them from the spec without its clients, and an edit that touches only operations leaves them cached.
        /// </summary>
        /// <param name="withRuntime">The project references the runtime: page interfaces and unknown-data capture.</param>
        public static IEnumerable<GeneratedFile> EmitModels(ApiSpec spec, string generatorVersion, bool withRuntime, CancellationToken cancellationToken)
        {
            var emitter = new SpecEmitter(spec, generatorVersion, withRuntime);
            foreach (EnumModel model in spec.Enums)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return emitter.File(model.Name, writer => emitter.WriteEnum(writer, model));
            }

            foreach (ObjectModel model in spec.Objects)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return emitter.File(model.Name, writer => emitter.WriteObject(writer, model));
            }

            yield return emitter.File("AtlasJson", emitter.WriteResolver);
            yield return emitter.File(SerializationNamespace + ".AtlasJsonReader", emitter.WriteJsonHelpers);
        }

        /// <summary>The clients (the project references the runtime), named after the model files <see cref="EmitModels"/> names.</summary>
        /// <param name="withDependencyInjection">Also emit the <c>AddAtlasClient</c> registration (the project can see IHttpClientFactory).</param>
        public static IEnumerable<GeneratedFile> EmitClients(ApiSpec spec, string generatorVersion, bool withDependencyInjection, CancellationToken cancellationToken)
        {
            var emitter = new SpecEmitter(spec, generatorVersion, withRuntime: true);
            foreach (string modelFile in spec.Enums.Select(e => e.Name).Concat(spec.Objects.Select(o => o.Name)).Append("AtlasJson"))
            {
                // Hint names are unique across both sets of files; the models take theirs first.
                emitter.UniqueHintName(emitter._ns + "." + modelFile);
            }

            yield return emitter.File("AtlasClient", emitter.WriteRootClient);
            if (withDependencyInjection)
            {
                yield return emitter.File("AtlasServiceCollectionExtensions", emitter.WriteServiceRegistration);
            }

            if (spec.CloudProviderAccessWorkflow is not null)
            {
                yield return emitter.File("CloudProviderAccessWorkflows", emitter.WriteCloudProviderAccessWorkflows);
            }

            foreach (ClientModel client in spec.Clients)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return emitter.File(client.TypeName, writer => emitter.WriteClient(writer, client));
            }
        }

        private GeneratedFile File(string name, Action<SourceWriter> body)
        {
            var writer = new SourceWriter(_fileBuffer);
            writer.WriteLine("// <auto-generated/>");
            writer.WriteLine("// Generated by AtlasAccessGen " + _generatorVersion + " from " + Comment(_spec.SpecFileName)
                + " (info.version " + Comment(_spec.InfoVersion) + (_spec.XgenSha is null ? string.Empty : ", x-xgen-sha " + Comment(_spec.XgenSha)) + ").");
            writer.WriteLine("// Do not edit: the file is rewritten on every build from the spec.");
            writer.WriteLine("#nullable enable");
            writer.WriteLine();
            body(writer);
            string hintName = UniqueHintName(_ns + "." + name);
            string source = writer.ToString();
            EnsureOnlyNewlines(source, hintName);
            return new GeneratedFile(hintName, source);
        }

        /// <summary>
        /// Roslyn compares hint names ignoring case (they become file names), while C# tells <c>RolesClient</c> and
        /// <c>ROlesClient</c> apart: the second one's file gets a number.
        /// </summary>
        private string UniqueHintName(string name)
        {
            string candidate = name;
            for (int i = 2; !_hintNames.Add(candidate); i++)
            {
                candidate = name + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate + ".g.cs";
        }

        private string Global(string typeName) => "global::" + _ns + "." + typeName;

        private string Converter(string typeName) => "global::" + _serializationNs + "." + typeName + "Converter";

        /// <summary>Writes a summary from spec text (escaped), or from <paramref name="fallbackXml"/> (already XML) when the spec has none.</summary>
        private static void WriteSummary(SourceWriter writer, string? description, string fallbackXml)
        {
            string[] lines = description is null ? new[] { fallbackXml } : Lines(description).Select(XmlDocFromMarkdown).ToArray();
            if (lines.Length == 1)
            {
                writer.WriteLine(("/// <summary>" + lines[0]).TrimEnd() + "</summary>");
                return;
            }

            writer.WriteLine("/// <summary>");
            foreach (string line in lines)
            {
                writer.WriteLine(("/// " + line).TrimEnd());
            }

            writer.WriteLine("/// </summary>");
        }

        /// <summary>The two JsonConverter overrides every generated converter has: both delegate to static methods the other converters call directly.</summary>
        private static void WriteConverterOverrides(SourceWriter writer, string type, string writeExpression)
        {
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"public override {type} Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) => ReadValue(ref reader);");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"public override void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value, global::System.Text.Json.JsonSerializerOptions options) => {writeExpression};");
        }
    }
}
