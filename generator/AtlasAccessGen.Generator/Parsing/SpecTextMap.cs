using System;
using System.Collections.Generic;
using System.IO;
using AtlasAccessGen.Generator.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Maps JSON pointers to line and column in the spec text. Built only when a diagnostic needs a
    /// location, because it parses the text a second time (NSwag's object model keeps no positions).
    /// For JSON, <see cref="TryLocateAll"/> needs no map: the full Atlas spec locates dozens of
    /// diagnostics on every build.
    /// </summary>
    internal abstract class SpecTextMap
    {
        protected SpecTextMap(string path) => Path = path;

        protected string Path { get; }

        public static SpecTextMap? TryCreate(string path, string text, bool isYaml)
        {
            try
            {
                return isYaml ? new YamlTextMap(path, text) : new JsonTextMap(path, text);
            }
            catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
            {
                return null;
            }
        }

        /// <summary>Each pointer's position as <see cref="Locate"/> gives it, or null when the text cannot be read.</summary>
        public static IReadOnlyDictionary<string, LocationInfo>? TryLocateAll(string path, string text, bool isYaml, IReadOnlyCollection<string> pointers)
        {
            if (isYaml)
            {
                SpecTextMap? map = TryCreate(path, text, isYaml: true);
                return map?.LocateEach(pointers);
            }

            try
            {
                return JsonPointerLocator.Locate(path, text, pointers);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                return null;
            }
        }

        /// <summary>The position of the deepest node on the pointer's path that exists.</summary>
        public abstract LocationInfo Locate(string jsonPointer);

        /// <summary>Every local <c>$ref</c> ('#/...') whose target does not exist, with the pointer of the $ref itself.</summary>
        public abstract IEnumerable<(string Pointer, string Reference)> FindUnresolvedReferences();

        internal static List<string> SplitPointer(string pointer)
        {
            var segments = new List<string>();
            string trimmed = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
            foreach (string raw in trimmed.Split('/'))
            {
                if (raw.Length > 0)
                {
                    segments.Add(Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~"));
                }
            }

            return segments;
        }

        private Dictionary<string, LocationInfo> LocateEach(IEnumerable<string> pointers)
        {
            var located = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
            foreach (string pointer in pointers)
            {
                located[pointer] = Locate(pointer);
            }

            return located;
        }

        public static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

        private sealed class JsonTextMap : SpecTextMap
        {
            private readonly JToken _root;

            public JsonTextMap(string path, string text)
                : base(path)
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                _root = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
            }

            public override LocationInfo Locate(string jsonPointer)
            {
                JToken node = _root;
                foreach (string segment in SplitPointer(jsonPointer))
                {
                    JToken? next = Child(node, segment);
                    if (next is null)
                    {
                        break;
                    }

                    node = next;
                }

                var info = (IJsonLineInfo)(node.Parent is JProperty property ? property : node);
                return new LocationInfo(Path, Math.Max(0, info.LineNumber - 1), Math.Max(0, info.LinePosition - 1));
            }

            public override IEnumerable<(string Pointer, string Reference)> FindUnresolvedReferences()
            {
                foreach (JToken token in _root.SelectTokens("$..['$ref']"))
                {
                    if (token.Type == JTokenType.String && token.Value<string>() is string reference && !Resolves(reference))
                    {
                        yield return (ToPointer(token), reference);
                    }
                }
            }

            private bool Resolves(string reference)
            {
                if (!reference.StartsWith("#", StringComparison.Ordinal))
                {
                    return false;
                }

                JToken? node = _root;
                foreach (string segment in SplitPointer(reference))
                {
                    node = node is null ? null : Child(node, segment);
                }

                return node is not null;
            }

            private static JToken? Child(JToken node, string segment) => node switch
            {
                JObject obj => obj.TryGetValue(segment, StringComparison.Ordinal, out JToken? value) ? value : null,
                JArray array => int.TryParse(segment, out int index) && index >= 0 && index < array.Count ? array[index] : null,
                _ => null,
            };

            private static string ToPointer(JToken token)
            {
                var segments = new Stack<string>();
                for (JToken? current = token; current is not null && current.Parent is not null; current = current.Parent)
                {
                    if (current.Parent is JProperty property)
                    {
                        segments.Push(Escape(property.Name));
                        current = property;
                    }
                    else if (current.Parent is JArray array)
                    {
                        segments.Push(array.IndexOf(current).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                return "/" + string.Join("/", segments);
            }
        }

        private sealed class YamlTextMap : SpecTextMap
        {
            private readonly YamlNode _root;

            public YamlTextMap(string path, string text)
                : base(path)
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                _root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : new YamlMappingNode();
            }

            public override LocationInfo Locate(string jsonPointer)
            {
                YamlNode node = _root;
                YamlNode located = _root;
                foreach (string segment in SplitPointer(jsonPointer))
                {
                    if (node is YamlMappingNode mapping && TryGetKey(mapping, segment, out YamlNode? key, out YamlNode? value))
                    {
                        located = key;
                        node = value;
                    }
                    else if (node is YamlSequenceNode sequence && int.TryParse(segment, out int index) && index >= 0 && index < sequence.Children.Count)
                    {
                        node = located = sequence.Children[index];
                    }
                    else
                    {
                        break;
                    }
                }

                return new LocationInfo(Path, (int)Math.Max(0, located.Start.Line - 1), (int)Math.Max(0, located.Start.Column - 1));
            }

            public override IEnumerable<(string Pointer, string Reference)> FindUnresolvedReferences()
            {
                var found = new List<(string, string)>();
                Walk(_root, string.Empty, found);
                return found;
            }

            private void Walk(YamlNode node, string pointer, List<(string, string)> found)
            {
                if (node is YamlMappingNode mapping)
                {
                    foreach (var pair in mapping.Children)
                    {
                        string key = (pair.Key as YamlScalarNode)?.Value ?? string.Empty;
                        string childPointer = pointer + "/" + Escape(key);
                        if (key == "$ref" && pair.Value is YamlScalarNode { Value: string reference } && !Resolves(reference))
                        {
                            found.Add((childPointer, reference));
                        }

                        Walk(pair.Value, childPointer, found);
                    }
                }
                else if (node is YamlSequenceNode sequence)
                {
                    for (int i = 0; i < sequence.Children.Count; i++)
                    {
                        Walk(sequence.Children[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), found);
                    }
                }
            }

            private bool Resolves(string reference)
            {
                if (!reference.StartsWith("#", StringComparison.Ordinal))
                {
                    return false;
                }

                YamlNode? node = _root;
                foreach (string segment in SplitPointer(reference))
                {
                    node = node switch
                    {
                        YamlMappingNode mapping when TryGetKey(mapping, segment, out _, out YamlNode? value) => value,
                        YamlSequenceNode sequence when int.TryParse(segment, out int index) && index >= 0 && index < sequence.Children.Count => sequence.Children[index],
                        _ => null,
                    };
                }

                return node is not null;
            }

            private static bool TryGetKey(YamlMappingNode mapping, string segment, out YamlNode key, out YamlNode value)
            {
                foreach (var pair in mapping.Children)
                {
                    if (pair.Key is YamlScalarNode scalar && scalar.Value == segment)
                    {
                        key = pair.Key;
                        value = pair.Value;
                        return true;
                    }
                }

                key = value = null!;
                return false;
            }
        }
    }
}
