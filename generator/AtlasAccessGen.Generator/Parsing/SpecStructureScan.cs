using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using AtlasAccessGen.Generator.Diagnostics;
using Newtonsoft.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>A local or external <c>$ref</c> as written in the text: the pointer of the object holding it, its value and where the key is.</summary>
    /// <param name="OwnerPointer">The escaped JSON pointer of the object that holds the <c>$ref</c> ("" for the root).</param>
    /// <param name="OwnerSegments">The same pointer, unescaped, one segment per level.</param>
    /// <param name="Line">Zero-based line of the <c>$ref</c> key.</param>
    /// <param name="Column">Zero-based column of the <c>$ref</c> key.</param>
    internal sealed record ReferenceSite(string OwnerPointer, IReadOnlyList<string> OwnerSegments, string Target, int Line, int Column);

    /// <summary>What one streaming pass over the text learned before any recursive parser runs.</summary>
    /// <param name="OpenApiVersion">The root <c>openapi</c> value, however the key is quoted; null when absent.</param>
    /// <param name="DeclaresSwagger">The root has a <c>swagger</c> key (a Swagger 2.0 document).</param>
    /// <param name="Sunsets">The <c>x-sunset</c> date of each media type object under <c>paths</c>, by its JSON pointer (NSwag drops it).</param>
    /// <param name="LimitExceeded">The first <see cref="SpecLimits"/> bound the text breaks, located; null when within bounds.</param>
    internal sealed record SpecStructure(string? OpenApiVersion, bool DeclaresSwagger, List<ReferenceSite> References, Dictionary<string, string> Sunsets, DiagnosticInfo? LimitExceeded);

    /// <summary>
    /// One pass over the spec text that never recurses, so it is safe on any input: plain JSON is walked by hand
    /// (<see cref="TryScanPlainJson"/>), any other JSON read with Json.NET's <see cref="JsonTextReader"/>, YAML with
    /// YamlDotNet's <see cref="Parser"/>. It enforces
    /// <see cref="SpecLimits"/> before NSwag, NJsonSchema and YamlDotNet's deserializer (all recursive, and the
    /// latter expanding aliases without bound) see the text, and collects every <c>$ref</c> for
    /// <see cref="ReferenceChecks"/>. Syntax errors surface as the readers' own exceptions, with line numbers.
    /// </summary>
    internal static partial class SpecStructureScan
    {
        /// <summary>How many tokens or events pass between two checks of the cancellation token.</summary>
        private const int CancellationStride = 4096;

        public static SpecStructure Scan(string path, string fileName, string text, bool isYaml, CancellationToken cancellationToken) =>
            isYaml ? ScanYaml(path, fileName, text, cancellationToken) : TryScanPlainJson(path, fileName, text, cancellationToken) ?? ScanJson(path, fileName, text, cancellationToken);

        /// <summary>The pass with Json.NET's reader, for any text <see cref="TryScanPlainJson"/> declines: its errors are the ones NSwag's read would give.</summary>
        internal static SpecStructure ScanJson(string path, string fileName, string text, CancellationToken cancellationToken)
        {
            var references = new List<ReferenceSite>();
            var sunsets = new Dictionary<string, string>(StringComparer.Ordinal);
            string? version = null;
            bool swagger = false;
            var frames = new List<Frame>();
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = null };
            int keyLine = 0;
            int keyColumn = 0;
            int tokens = 0;
            while (reader.Read())
            {
                if (++tokens % CancellationStride == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                switch (reader.TokenType)
                {
                    case JsonToken.Comment:
                        continue;
                    case JsonToken.PropertyName:
                        frames[frames.Count - 1].Key = (string)reader.Value!;
                        keyLine = reader.LineNumber - 1;
                        keyColumn = Math.Max(0, reader.LinePosition - 1);
                        continue;
                    case JsonToken.EndObject:
                    case JsonToken.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        if (frames.Count == 0)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, null);
                        }

                        continue;
                }

                // A value or the start of a container: the root, an array element, or the value of the last key.
                Frame? parent = frames.Count == 0 ? null : frames[frames.Count - 1];
                string segment = parent is null ? string.Empty : parent.IsSequence ? (parent.NextIndex++).ToString(CultureInfo.InvariantCulture) : parent.Key ?? string.Empty;
                if (reader.TokenType is JsonToken.StartObject or JsonToken.StartArray)
                {
                    if (frames.Count + 1 > SpecLimits.MaxNestingDepth)
                    {
                        return new SpecStructure(version, swagger, references, sunsets, TooDeep(path, fileName, frames, segment, reader.LineNumber, reader.LinePosition));
                    }

                    frames.Add(new Frame(segment, isSequence: reader.TokenType == JsonToken.StartArray));
                    continue;
                }

                if (parent is null)
                {
                    // A scalar document: nothing to scan.
                    return new SpecStructure(version, swagger, references, sunsets, null);
                }

                if (reader.TokenType == JsonToken.Null && !MayBeNull(frames, segment))
                {
                    return new SpecStructure(version, swagger, references, sunsets, NullValue(path, fileName, frames, segment, reader.LineNumber - 1, Math.Max(0, reader.LinePosition - 4)));
                }

                // Only a $ref, an x-sunset or a root key matters; every other value is left unconverted.
                if (!parent.IsSequence && (parent.Key == "$ref" || parent.Key == "x-sunset" || frames.Count == 1))
                {
                    NoteScalar(frames, parent.Key, reader.Value is null ? null : Convert.ToString(reader.Value, CultureInfo.InvariantCulture), reader.TokenType == JsonToken.String, keyLine, keyColumn, references, sunsets, ref version, ref swagger);
                }
            }

            // The text ended inside the root value; NSwag's reader reports that with its position.
            return new SpecStructure(version, swagger, references, sunsets, null);
        }

        private static SpecStructure ScanYaml(string path, string fileName, string text, CancellationToken cancellationToken)
        {
            var references = new List<ReferenceSite>();
            var sunsets = new Dictionary<string, string>(StringComparer.Ordinal);
            string? version = null;
            bool swagger = false;
            var frames = new List<Frame>();

            // Each anchor's expanded size in nodes and its height in nested containers; null while the anchored node is still open.
            var anchors = new Dictionary<string, (long Size, int Height)?>(StringComparer.Ordinal);
            long aliasNodes = 0;
            var parser = new Parser(new StringReader(text));
            int events = 0;
            while (parser.MoveNext())
            {
                if (++events % CancellationStride == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                ParsingEvent current = parser.Current!;
                switch (current)
                {
                    case StreamStart or DocumentStart:
                        continue;
                    case DocumentEnd or StreamEnd:
                        // NSwag reads the first document only.
                        return new SpecStructure(version, swagger, references, sunsets, null);
                    case MappingEnd or SequenceEnd:
                    {
                        Frame closed = frames[frames.Count - 1];
                        frames.RemoveAt(frames.Count - 1);
                        int height = closed.MaxChildHeight + 1;
                        if (closed.Anchor is { } closedAnchor)
                        {
                            anchors[closedAnchor] = (closed.Size + 1, height);
                        }

                        if (frames.Count == 0)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, null);
                        }

                        Frame parent = frames[frames.Count - 1];
                        parent.Size += closed.Size + 1;
                        parent.MaxChildHeight = Math.Max(parent.MaxChildHeight, height);
                        parent.Done(closed.IsKey);
                        continue;
                    }
                }

                Frame? owner = frames.Count == 0 ? null : frames[frames.Count - 1];
                bool isKey = owner is { IsSequence: false, ExpectsKey: true };
                string segment = owner is null ? string.Empty : owner.IsSequence ? (owner.NextIndex++).ToString(CultureInfo.InvariantCulture) : owner.Key ?? string.Empty;
                int line = (int)Math.Max(0, current.Start.Line - 1);
                int column = (int)Math.Max(0, current.Start.Column - 1);
                switch (current)
                {
                    case AnchorAlias alias:
                    {
                        if (!anchors.TryGetValue(alias.Value.Value, out (long Size, int Height)? anchored) || owner is null)
                        {
                            // An unknown anchor: YamlDotNet reports it when NSwag loads the text.
                            owner?.Done(isKey);
                            continue;
                        }

                        if (anchored is not { } expansion)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, AliasesTooLarge(path, fileName, line, column, alias.Value.Value, "refers to the node that contains it, which would expand without end"));
                        }

                        aliasNodes += expansion.Size;
                        if (aliasNodes > SpecLimits.MaxAliasExpandedNodes)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, AliasesTooLarge(path, fileName, line, column, alias.Value.Value, "brings the nodes the aliases add to more than " + SpecLimits.MaxAliasExpandedNodes.ToString("N0", CultureInfo.InvariantCulture)));
                        }

                        if (frames.Count + expansion.Height > SpecLimits.MaxNestingDepth)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, TooDeep(path, fileName, frames, segment, line + 1, column + 1));
                        }

                        owner.Size += expansion.Size;
                        owner.MaxChildHeight = Math.Max(owner.MaxChildHeight, expansion.Height);
                        if (isKey)
                        {
                            owner.Key = string.Empty;
                        }

                        owner.Done(isKey);
                        continue;
                    }

                    case Scalar scalar:
                    {
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = (1, 0);
                        }

                        if (owner is null)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, null);
                        }

                        owner.Size++;
                        if (isKey)
                        {
                            owner.Key = scalar.Value;
                            owner.KeyLine = line;
                            owner.KeyColumn = column;
                        }
                        else if (IsYamlNull(scalar) && !MayBeNull(frames, segment))
                        {
                            return new SpecStructure(version, swagger, references, sunsets, NullValue(path, fileName, frames, segment, line, column));
                        }
                        else if (!owner.IsSequence)
                        {
                            NoteScalar(frames, owner.Key, scalar.Value, isString: true, owner.KeyLine, owner.KeyColumn, references, sunsets, ref version, ref swagger);
                        }

                        owner.Done(isKey);
                        continue;
                    }

                    case NodeEvent start when current is MappingStart or SequenceStart:
                    {
                        if (frames.Count + 1 > SpecLimits.MaxNestingDepth)
                        {
                            return new SpecStructure(version, swagger, references, sunsets, TooDeep(path, fileName, frames, segment, line + 1, column + 1));
                        }

                        if (!start.Anchor.IsEmpty)
                        {
                            anchors[start.Anchor.Value] = null;
                        }

                        if (isKey)
                        {
                            // A complex key: scanned for limits, but not a path segment.
                            owner!.Key = string.Empty;
                        }

                        frames.Add(new Frame(segment, isSequence: current is SequenceStart) { Anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value, IsKey = isKey });
                        continue;
                    }
                }
            }

            return new SpecStructure(version, swagger, references, sunsets, null);
        }

        /// <summary>A scalar value of the key <paramref name="key"/>: a <c>$ref</c>, a media type's <c>x-sunset</c>, or the root's <c>openapi</c>/<c>swagger</c>.</summary>
        private static void NoteScalar(List<Frame> frames, string? key, string? value, bool isString, int keyLine, int keyColumn, List<ReferenceSite> references, Dictionary<string, string> sunsets, ref string? version, ref bool swagger)
        {
            if (key == "$ref" && isString && value is not null)
            {
                references.Add(new ReferenceSite(PointerOf(frames), Segments(frames), value, keyLine, keyColumn));
            }
            else if (key == "x-sunset" && isString && value is not null && IsMediaTypeObject(frames))
            {
                sunsets[PointerOf(frames)] = value;
            }
            else if (frames.Count == 1 && key == "openapi")
            {
                version = value;
            }
            else if (frames.Count == 1 && key == "swagger")
            {
                swagger = true;
            }
        }

        /// <summary>The escaped pointer of the innermost frame (<see cref="ReferenceChecks.ToPointer"/> of its segments), built on its parent's and kept.</summary>
        private static string PointerOf(List<Frame> frames)
        {
            int known = frames.Count - 1;
            while (known > 0 && frames[known].Pointer is null)
            {
                known--;
            }

            for (int i = Math.Max(known, 1); i < frames.Count; i++)
            {
                frames[i].Pointer ??= (i == 1 ? string.Empty : frames[i - 1].Pointer) + "/" + SpecTextMap.Escape(frames[i].Segment);
            }

            return frames.Count > 1 ? frames[frames.Count - 1].Pointer! : string.Empty;
        }

        private static List<string> Segments(List<Frame> frames)
        {
            var segments = new List<string>(frames.Count);
            for (int i = 1; i < frames.Count; i++)
            {
                segments.Add(frames[i].Segment);
            }

            return segments;
        }

        /// <summary>The innermost frame is paths/{path}/{method}/responses/{status}/content/{type} or paths/{path}/{method}/requestBody/content/{type}.</summary>
        private static bool IsMediaTypeObject(List<Frame> frames)
        {
            int depth = frames.Count - 1;
            return (depth == 7 || depth == 6) && frames[1].Segment == "paths" && frames[depth - 1].Segment == "content"
                && (depth == 7 ? frames[4].Segment == "responses" : frames[4].Segment == "requestBody");
        }

        /// <summary>
        /// OpenAPI 3.0 has no field whose value may be null, except inside example values, defaults, enums and x-
        /// extensions; NSwag's object model throws deep inside on a null response, media type or component.
        /// </summary>
        private static bool MayBeNull(List<Frame> frames, string segment)
        {
            for (int i = 1; i <= frames.Count; i++)
            {
                string name = i < frames.Count ? frames[i].Segment : segment;
                string previous = frames[i - 1].Segment;

                // A map of names (properties, components...) may hold a key named like a keyword: that is no keyword.
                bool isNamedEntry = i > 1 && previous is "properties" or "schemas" or "parameters" or "responses" or "headers" or "examples"
                    or "requestBodies" or "securitySchemes" or "links" or "callbacks" or "mapping" or "content" or "paths";
                if (!isNamedEntry && (name is "example" or "default" or "enum" || name.StartsWith("x-", StringComparison.Ordinal)))
                {
                    return true;
                }

                // An Example object's value: .../examples/{name}/value.
                if (name == "value" && i >= 3 && frames[i - 2].Segment == "examples")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A plain, untagged YAML scalar that YAML reads as null.</summary>
        private static bool IsYamlNull(Scalar scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

        private static DiagnosticInfo NullValue(string path, string fileName, List<Frame> frames, string segment, int line, int column)
        {
            var segments = new List<string>(frames.Count);
            for (int i = 1; i < frames.Count; i++)
            {
                segments.Add(frames[i].Segment);
            }

            segments.Add(segment);
            var info = DiagnosticInfo.Create(DiagnosticDescriptors.NullValue, null, fileName, ReferenceChecks.ToPointer(segments));
            return info with { Location = new LocationInfo(path, Math.Max(0, line), Math.Max(0, column)) };
        }

        private static DiagnosticInfo TooDeep(string path, string fileName, List<Frame> frames, string segment, int oneBasedLine, int oneBasedColumn)
        {
            var segments = new List<string>(frames.Count);
            for (int i = 1; i < frames.Count; i++)
            {
                segments.Add(frames[i].Segment);
            }

            if (frames.Count > 0)
            {
                segments.Add(segment);
            }

            // The first levels are enough to find the place; the whole pointer would be as long as the nesting is deep.
            string pointer = ReferenceChecks.ToPointer(segments.Count > 12 ? segments.GetRange(0, 12) : segments) + (segments.Count > 12 ? "/..." : string.Empty);
            var info = DiagnosticInfo.Create(DiagnosticDescriptors.NestingTooDeep, null, fileName, SpecLimits.MaxNestingDepth.ToString(CultureInfo.InvariantCulture), pointer);
            return info with { Location = new LocationInfo(path, Math.Max(0, oneBasedLine - 1), Math.Max(0, oneBasedColumn - 1)) };
        }

        private static DiagnosticInfo AliasesTooLarge(string path, string fileName, int line, int column, string anchor, string problem)
        {
            var info = DiagnosticInfo.Create(DiagnosticDescriptors.YamlAliasExpansionTooLarge, null, fileName, anchor, problem);
            return info with { Location = new LocationInfo(path, line, column) };
        }

        /// <summary>One open object/mapping or array/sequence.</summary>
        private sealed class Frame
        {
            private string? _segment;
            private readonly string? _text;
            private readonly int _start;
            private readonly int _length;

            public Frame(string segment, bool isSequence)
            {
                _segment = segment;
                IsSequence = isSequence;
            }

            private Frame(string? text, int start, int length, bool isSequence)
            {
                _text = text;
                _start = start;
                _length = length;
                IsSequence = isSequence;
            }

            /// <summary>The value of a key that is <paramref name="length"/> characters of <paramref name="text"/>; the segment is made a string only if asked for.</summary>
            public static Frame OfKey(string text, int start, int length, bool isSequence) => new Frame(text, start, length, isSequence);

            /// <summary>The array element at <paramref name="index"/>; the segment is made a string only if asked for.</summary>
            public static Frame OfIndex(int index, bool isSequence) => new Frame(null, index, 0, isSequence);

            /// <summary>The key or index this container is the value of, unescaped.</summary>
            public string Segment => _segment ??= _text is null ? _start.ToString(CultureInfo.InvariantCulture) : _text.Substring(_start, _length);

            public bool IsSequence { get; }

            /// <summary>The escaped JSON pointer of this container, once <see cref="PointerOf"/> has built it.</summary>
            public string? Pointer { get; set; }

            /// <summary>The last key read (mappings).</summary>
            public string? Key { get; set; }

            /// <summary>Plain JSON: where the last key read starts in the text (after its quote), and its length.</summary>
            public int KeyStart { get; set; }

            public int KeyLength { get; set; }

            public int KeyLine { get; set; }

            public int KeyColumn { get; set; }

            /// <summary>The next element's index (sequences).</summary>
            public int NextIndex { get; set; }

            /// <summary>YAML: the next node of this mapping is a key.</summary>
            public bool ExpectsKey { get; private set; } = true;

            /// <summary>YAML: this container is a complex mapping key.</summary>
            public bool IsKey { get; set; }

            /// <summary>YAML: the anchor on this container, if any.</summary>
            public string? Anchor { get; set; }

            /// <summary>YAML: nodes inside, aliases expanded.</summary>
            public long Size { get; set; }

            /// <summary>YAML: the height of the tallest child container, aliases expanded.</summary>
            public int MaxChildHeight { get; set; }

            /// <summary>A key or value of this mapping ended: keys and values alternate.</summary>
            public void Done(bool wasKey)
            {
                if (!IsSequence)
                {
                    ExpectsKey = !wasKey;
                }
            }
        }
    }
}
