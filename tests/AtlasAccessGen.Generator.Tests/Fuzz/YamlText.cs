using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AtlasAccessGen.Generator.Tests.Fuzz;

/// <summary>Writes a JSON document as block-style YAML, so the fuzz corpus has YAML specs of the same content.</summary>
public static partial class YamlText
{
    public static string From(JsonNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, indent: 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node, int indent)
    {
        string pad = new(' ', indent);
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach ((string key, JsonNode? value) in obj)
                {
                    builder.Append(pad).Append(Key(key)).Append(':');
                    WriteValue(builder, value, indent);
                }

                break;
            case JsonArray array when array.Count > 0:
                foreach (JsonNode? item in array)
                {
                    builder.Append(pad).Append('-');
                    WriteValue(builder, item, indent);
                }

                break;
        }
    }

    private static void WriteValue(StringBuilder builder, JsonNode? value, int indent)
    {
        if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            builder.Append('\n');
            Write(builder, value, indent + 2);
        }
        else
        {
            builder.Append(' ').Append(Scalar(value)).Append('\n');
        }
    }

    /// <summary>A scalar as JSON writes it: a double-quoted JSON string is a valid YAML double-quoted scalar.</summary>
    private static string Scalar(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        _ => value.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
    };

    private static string Key(string key) => PlainKey().IsMatch(key) ? key : JsonValue.Create(key)!.ToJsonString();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$.-]*$")]
    private static partial Regex PlainKey();

    /// <summary>Indents every line of a block by <paramref name="spaces"/>.</summary>
    public static string Indent(string block, int spaces) =>
        string.Join("\n", block.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));
}
