using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// Reads the <c>x-sunset</c> date of every media type object under <c>paths</c>. NSwag's
    /// <c>OpenApiMediaType</c> drops extension data, so this is one streaming pass over the text, run only
    /// when the text mentions <c>x-sunset</c> at all.
    /// </summary>
    internal static class MediaTypeExtensions
    {
        private const string Sunset = "x-sunset";

        /// <summary>Sunset dates by the JSON pointer of their media type object (<c>/paths/.../content/{mediaType}</c>).</summary>
        public static Dictionary<string, string> ReadSunsets(string text, bool isYaml)
        {
            var sunsets = new Dictionary<string, string>(StringComparer.Ordinal);
            if (text.IndexOf(Sunset, StringComparison.Ordinal) < 0)
            {
                return sunsets;
            }

            try
            {
                if (isYaml)
                {
                    ReadYaml(text, sunsets);
                }
                else
                {
                    ReadJson(text, sunsets);
                }
            }
            catch (Exception e) when (e is JsonException or YamlException)
            {
                // The document already parsed once; a second reader disagreeing only costs the sunset notes.
            }

            return sunsets;
        }

        private static void ReadJson(string text, Dictionary<string, string> sunsets)
        {
            var keys = new List<string>();
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.PropertyName)
                {
                    continue;
                }

                // A root property has depth 1; keep only the keys of this property's ancestors.
                int depth = reader.Depth - 1;
                if (keys.Count > depth)
                {
                    keys.RemoveRange(depth, keys.Count - depth);
                }

                while (keys.Count < depth)
                {
                    keys.Add(string.Empty);
                }

                string name = (string)reader.Value!;
                if (name == Sunset && IsMediaTypeObject(keys) && reader.Read() && reader.TokenType == JsonToken.String)
                {
                    sunsets[Pointer(keys)] = (string)reader.Value!;
                    continue;
                }

                keys.Add(name);
            }
        }

        private static void ReadYaml(string text, Dictionary<string, string> sunsets)
        {
            var parser = new Parser(new StringReader(text));
            var keys = new List<string>();
            var frames = new Stack<YamlFrame>();
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart:
                        frames.Push(new YamlFrame(isMapping: true));
                        break;
                    case SequenceStart:
                        frames.Push(new YamlFrame(isMapping: false));
                        keys.Add(string.Empty);
                        break;
                    case MappingEnd:
                        frames.Pop();
                        ValueDone(keys, frames);
                        break;
                    case SequenceEnd:
                        frames.Pop();
                        keys.RemoveAt(keys.Count - 1);
                        ValueDone(keys, frames);
                        break;
                    case Scalar scalar when frames.Count > 0 && frames.Peek().ExpectsKey:
                        keys.Add(scalar.Value);
                        frames.Peek().ExpectsKey = false;
                        break;
                    case Scalar scalar:
                        List<string> owner = keys.GetRange(0, Math.Max(0, keys.Count - 1));
                        if (keys.Count > 0 && keys[keys.Count - 1] == Sunset && IsMediaTypeObject(owner))
                        {
                            sunsets[Pointer(owner)] = scalar.Value;
                        }

                        ValueDone(keys, frames);
                        break;
                    case AnchorAlias:
                        ValueDone(keys, frames);
                        break;
                }
            }
        }

        /// <summary>A mapping's value is complete: drop its key and expect the next one. Sequence items change nothing.</summary>
        private static void ValueDone(List<string> keys, Stack<YamlFrame> frames)
        {
            if (frames.Count > 0 && frames.Peek().IsMapping)
            {
                keys.RemoveAt(keys.Count - 1);
                frames.Peek().ExpectsKey = true;
            }
        }

        private sealed class YamlFrame
        {
            public YamlFrame(bool isMapping)
            {
                IsMapping = isMapping;
                ExpectsKey = isMapping;
            }

            public bool IsMapping { get; }

            public bool ExpectsKey { get; set; }
        }

        /// <summary>paths/{path}/{method}/responses/{status}/content/{type} or paths/{path}/{method}/requestBody/content/{type}.</summary>
        private static bool IsMediaTypeObject(List<string> keys) =>
            keys.Count >= 6 && keys[0] == "paths" && keys[keys.Count - 2] == "content"
            && ((keys.Count == 7 && keys[3] == "responses") || (keys.Count == 6 && keys[3] == "requestBody"));

        private static string Pointer(List<string> keys) => "/" + string.Join("/", keys.ConvertAll(SpecTextMap.Escape));
    }
}
