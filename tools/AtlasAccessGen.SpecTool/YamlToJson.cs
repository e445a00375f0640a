using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AtlasAccessGen.SpecTool;

/// <summary>
/// Reads one YAML document into the same JSON model a .json input gives, with mapping keys in the order written.
/// Plain scalars follow the YAML 1.2 core schema (null, true/false, integers, floats); quoted and block scalars
/// are strings. A number already in JSON form keeps its text; other YAML numbers (0x1F, +1, .5) are converted.
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Read(TextReader reader, int maxDepth)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        if (stream.Documents.Count != 1)
        {
            throw new YamlException($"expected one YAML document, found {stream.Documents.Count}");
        }

        return Convert(stream.Documents[0].RootNode, 0, maxDepth);
    }

    private static JsonNode? Convert(YamlNode node, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            // Also what stops an alias that points at one of its own ancestors.
            throw new YamlException(node.Start, node.End, $"nested deeper than {maxDepth} levels");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new YamlException(key.Start, key.End, "a mapping key is not a plain string");
                    }

                    if (obj.ContainsKey(name))
                    {
                        throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
                    }

                    obj.Add(name, Convert(value, depth + 1, maxDepth));
                }

                return obj;

            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(child => Convert(child, depth + 1, maxDepth)).ToArray());

            case YamlScalarNode scalar:
                return Scalar(scalar);

            default:
                throw new YamlException(node.Start, node.End, "unsupported YAML node");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? string.Empty;
        string tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag.Length == 0 && scalar.Style != ScalarStyle.Plain))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (JsonNumber().IsMatch(text))
        {
            // Backed by a JsonElement: written back exactly as written here.
            return JsonNode.Parse(text);
        }

        if (YamlInteger().IsMatch(text))
        {
            return JsonNode.Parse(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out BigInteger hex))
        {
            return JsonNode.Parse(hex.ToString(CultureInfo.InvariantCulture));
        }

        if (YamlFloat().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
        {
            return JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture));
        }

        // .inf, .nan and everything else: JSON has no such number, so the text stays a string.
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}
