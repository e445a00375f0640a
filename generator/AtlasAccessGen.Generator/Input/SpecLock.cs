using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using AtlasAccessGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AtlasAccessGen.Generator.Input
{
    /// <summary>
    /// The spec states a vendored spec replaced, as <c>atlas-spec update</c> records them beside it
    /// (<c>spec.json</c> -> <c>spec.atlas-lock.json</c>): the spec names each operation and schema had, so the
    /// generator can keep old method names compiling. The format is documented in docs/spec-updates.md.
    /// </summary>
    /// <param name="Path">The lock file's full path.</param>
    /// <param name="States">The replaced states, oldest first.</param>
    /// <param name="Error">Why the file could not be read (its content is then ignored).</param>
    internal sealed record SpecLock(string Path, ImmutableEquatableArray<LockedState> States, DiagnosticInfo? Error)
    {
        public const string Extension = ".atlas-lock.json";
        public const int FormatVersion = 1;

        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>Where the lock of <paramref name="specPath"/> lives: the spec's name with its extension replaced.</summary>
        public static string PathFor(string specPath) => System.IO.Path.ChangeExtension(specPath, null) + Extension;
    }

    /// <summary>One replaced spec state: its provenance, and the spec names of its operations and schemas.</summary>
    internal sealed record LockedState(
        string Version,
        string? Sha,
        ImmutableEquatableArray<LockedOperation> Operations,
        ImmutableEquatableArray<LockedSchema> Schemas)
    {
        /// <summary>How messages name this state: upstream's commit when known, else info.version.</summary>
        public string Describe() => Sha is { Length: > 0 } sha ? "x-xgen-sha " + (sha.Length > 12 ? sha.Substring(0, 12) : sha) : "info.version " + Version;
    }

    /// <param name="Key">The identity that survives renames: upper-case method, a space, the path.</param>
    /// <param name="Line">Zero-based line of the entry in the lock file, for diagnostics.</param>
    internal sealed record LockedOperation(string Key, string OperationId, string? Override, string? Tag, int Line)
    {
        /// <summary>The name the generator took the method name from, as <see cref="Parsing.SchemaReader"/> does.</summary>
        public string SpecName => Override ?? OperationId;
    }

    internal sealed record LockedSchema(string Name, ImmutableEquatableArray<string> Properties, int Line);

    internal static class SpecLockReader
    {
        public const string MarkerMetadata = "AtlasSpecLock";

        public static bool IsLock(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
            options.GetOptions(file).TryGetValue(SpecInputReader.MetadataPrefix + MarkerMetadata, out string? marker)
            && string.Equals(marker, "true", StringComparison.OrdinalIgnoreCase);

        public static SpecLock Read(AdditionalText file, CancellationToken cancellationToken)
        {
            string fileName = System.IO.Path.GetFileName(file.Path);
            string? text = file.GetText(cancellationToken)?.ToString();
            if (text is null)
            {
                return Fail(file.Path, 0, fileName, "the file could not be read");
            }

            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 16 };
                JToken root = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
                if (root is not JObject lockObject || lockObject.Value<int?>("atlasSpecLock") is not { } version)
                {
                    return Fail(file.Path, 0, fileName, "it is not an object with \"atlasSpecLock\": " + SpecLock.FormatVersion);
                }

                if (version != SpecLock.FormatVersion)
                {
                    return Fail(file.Path, Line(lockObject["atlasSpecLock"]), fileName, "it has format " + version + ", and this generator reads format " + SpecLock.FormatVersion);
                }

                var states = new List<LockedState>();
                foreach (JToken state in Array(lockObject["states"]))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    states.Add(ReadState(state));
                }

                return new SpecLock(file.Path, states.ToImmutableEquatableArray(), null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Third-party text like the spec (a number too large for an int, a wrong type anywhere): a diagnostic, never CS8785.
                int line = e is JsonReaderException json ? Math.Max(0, json.LineNumber - 1) : e.Data["line"] as int? ?? 0;
                return Fail(file.Path, line, fileName, SingleLine(e.Message));
            }
        }

        private static LockedState ReadState(JToken state)
        {
            var operations = new List<LockedOperation>();
            foreach (JToken operation in Array(state["operations"]))
            {
                string method = Text(operation, "method").ToUpperInvariant();
                operations.Add(new LockedOperation(method + " " + Text(operation, "path"), Text(operation, "operationId"), OptionalText(operation, "override"), OptionalText(operation, "tag"), Line(operation)));
            }

            var schemas = new List<LockedSchema>();
            foreach (JToken schema in Array(state["schemas"]))
            {
                var properties = new List<string>();
                foreach (JToken property in Array(schema["properties"]))
                {
                    properties.Add(property.Type == JTokenType.String ? (string)property! : throw Invalid(property, "a property name must be a string"));
                }

                schemas.Add(new LockedSchema(Text(schema, "name"), properties.ToImmutableEquatableArray(), Line(schema)));
            }

            return new LockedState(OptionalText(state, "version") ?? string.Empty, OptionalText(state, "sha"), operations.ToImmutableEquatableArray(), schemas.ToImmutableEquatableArray());
        }

        private static IEnumerable<JToken> Array(JToken? token) => token switch
        {
            null or { Type: JTokenType.Null } => System.Array.Empty<JToken>(),
            JArray array => array,
            _ => throw Invalid(token, "'" + token.Path + "' must be an array"),
        };

        private static string Text(JToken owner, string name) =>
            OptionalText(owner, name) ?? throw Invalid(owner, "'" + owner.Path + "' needs a string \"" + name + "\"");

        private static string? OptionalText(JToken owner, string name) => owner is JObject o && o[name] is { } value && value.Type != JTokenType.Null
            ? value.Type == JTokenType.String ? (string)value! : throw Invalid(value, "'" + value.Path + "' must be a string")
            : owner is JObject ? null : throw Invalid(owner, "'" + owner.Path + "' must be an object");

        private static int Line(JToken? token) => token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber - 1 : 0;

        private static InvalidDataException Invalid(JToken token, string message)
        {
            var exception = new InvalidDataException(message);
            exception.Data["line"] = Line(token);
            return exception;
        }

        private static string SingleLine(string message) => message.Replace('\r', ' ').Replace('\n', ' ');

        private static SpecLock Fail(string path, int line, string fileName, string reason) =>
            new SpecLock(path, ImmutableEquatableArray<LockedState>.Empty, DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableSpecLock, null, fileName, reason) with { Location = new LocationInfo(path, line, 0) });
    }
}
