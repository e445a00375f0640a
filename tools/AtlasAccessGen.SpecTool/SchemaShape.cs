using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

/// <summary>
/// What a schema looks like to the generated code: a short type signature, its own properties, enum values and
/// subtypes. Documentation keywords (description, example, title, readOnly, patterns and limits) are not part of it.
/// </summary>
internal static class SchemaShape
{
    /// <summary>
    /// The schema's type in one short string, e.g. <c>string:date-time</c>, <c>array of CloudProviderAccessRole</c>,
    /// <c>map of integer</c>, <c>object : CloudProviderAccessRole</c> (allOf a base). Two schemas with different
    /// signatures are different C# types; whether null is allowed is <see cref="IsNullable"/>, apart.
    /// </summary>
    public static string Signature(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema is null ? "any" : "invalid schema";
        }

        if (SpecModel.Text(obj["$ref"]) is { } reference)
        {
            return SpecModel.SchemaName(reference) ?? reference;
        }

        string[] bases = Parts(obj, "allOf").Select(p => SpecModel.Text(p["$ref"])).OfType<string>().Select(r => SpecModel.SchemaName(r) ?? r).ToArray();
        bool hasOwnShape = obj["properties"] is not null || Parts(obj, "allOf").Any(p => p["$ref"] is null) || obj["oneOf"] is not null || obj["anyOf"] is not null;

        // allOf one reference, nothing else: the common way to add a description or nullable to a reference.
        if (bases.Length == 1 && !hasOwnShape && obj["type"] is null)
        {
            return bases[0];
        }

        string type = SpecModel.Text(obj["type"])
            ?? (hasOwnShape || bases.Length > 0 || obj["additionalProperties"] is not null ? "object" : "any");
        string text = type switch
        {
            "array" => "array of " + Signature(obj["items"]),
            "object" when obj["properties"] is null && bases.Length == 0 && obj["additionalProperties"] is JsonObject values => "map of " + Signature(values),
            _ when SpecModel.Text(obj["format"]) is { } format => type + ":" + format,
            _ => type,
        };
        if (bases.Length > 0)
        {
            text += " : " + string.Join(", ", bases);
        }

        return text;
    }

    public static bool IsNullable(JsonNode? schema) => SpecModel.Member(schema, "nullable")?.GetValueKind() == JsonValueKind.True;

    public static bool IsReference(JsonNode? schema) => schema is JsonObject obj && obj["$ref"] is not null;

    /// <summary>Enum values as text (a string as it is, anything else as JSON).</summary>
    public static List<string> Enum(JsonNode? schema) =>
        (SpecModel.Member(schema, "enum") as JsonArray ?? new JsonArray())
            .Select(v => SpecModel.Text(v) ?? v?.ToJsonString() ?? "null")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The properties the schema itself declares, in its <c>properties</c> and in the inline (not referenced) parts
    /// of its <c>allOf</c>; what comes from an allOf <c>$ref</c> is the base's own and compared there.
    /// </summary>
    public static Dictionary<string, JsonNode?> OwnProperties(JsonNode schema)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (JsonObject part in OwnParts(schema))
        {
            foreach (var (name, property) in part["properties"] as JsonObject ?? new JsonObject())
            {
                result.TryAdd(name, property);
            }
        }

        return result;
    }

    public static HashSet<string> Required(JsonNode schema) =>
        OwnParts(schema).SelectMany(p => (p["required"] as JsonArray ?? new JsonArray()).Select(SpecModel.Text).OfType<string>()).ToHashSet(StringComparer.Ordinal);

    public static string? Discriminator(JsonNode? schema) => SpecModel.Text(SpecModel.Member(SpecModel.Member(schema, "discriminator"), "propertyName"));

    /// <summary>
    /// The derived types, by schema name: discriminator mapping targets (labelled <c>VALUE -> Name</c>) and
    /// <c>oneOf</c>/<c>anyOf</c> references. A oneOf that repeats the mapping adds nothing.
    /// </summary>
    public static Dictionary<string, string> Subtypes(JsonNode? schema)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (value, target) in SpecModel.Member(SpecModel.Member(schema, "discriminator"), "mapping") as JsonObject ?? new JsonObject())
        {
            if (SpecModel.Text(target) is { } text)
            {
                string reference = SpecModel.MappingReference(text);
                string name = SpecModel.SchemaName(reference) ?? reference;
                result.TryAdd(name, value + " -> " + name);
            }
        }

        foreach (string keyword in new[] { "oneOf", "anyOf" })
        {
            foreach (JsonObject part in Parts(schema, keyword))
            {
                if (SpecModel.Text(part["$ref"]) is { } reference)
                {
                    string name = SpecModel.SchemaName(reference) ?? reference;
                    result.TryAdd(name, name);
                }
            }
        }

        return result;
    }

    /// <summary>The schema and, recursively, the inline parts of its allOf.</summary>
    private static IEnumerable<JsonObject> OwnParts(JsonNode schema)
    {
        if (schema is not JsonObject obj || obj["$ref"] is not null)
        {
            yield break;
        }

        yield return obj;
        foreach (JsonObject part in Parts(obj, "allOf").Where(p => p["$ref"] is null))
        {
            foreach (JsonObject inner in OwnParts(part))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<JsonObject> Parts(JsonNode? schema, string keyword) => (SpecModel.Member(schema, keyword) as JsonArray ?? new JsonArray()).OfType<JsonObject>();
}
