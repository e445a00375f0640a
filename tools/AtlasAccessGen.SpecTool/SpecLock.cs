using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

/// <summary>
/// The spec lock file <c>update</c> keeps beside the spec (<c>x.json</c> -> <c>x.atlas-lock.json</c>): the spec
/// states it replaced, oldest first, each with its operations' spec names, so that the generator can keep the old
/// names compiling. The format is a contract with the generator, described in the README ("Updating the spec").
/// </summary>
internal static class SpecLock
{
    public const int FormatVersion = 1;

    public static string PathFor(string specPath) => Path.ChangeExtension(specPath, ".atlas-lock.json");

    /// <summary>
    /// The lock with <paramref name="replaced"/> appended, or null when a state with the same SHA-256 is already
    /// there. <paramref name="existing"/> is the current lock's bytes, null when there is none.
    /// </summary>
    public static byte[]? Append(string lockPath, byte[]? existing, SpecModel replaced)
    {
        JsonObject root;
        JsonArray states;
        if (existing is null)
        {
            states = new JsonArray();
            root = new JsonObject { ["atlasSpecLock"] = FormatVersion, ["states"] = states };
        }
        else
        {
            try
            {
                root = JsonNode.Parse(existing, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }) as JsonObject
                    ?? throw new SpecToolException($"'{lockPath}' is not an atlas-spec lock file: its root is not an object");
            }
            catch (JsonException e)
            {
                throw new SpecToolException($"'{lockPath}' is not valid JSON: {SpecReader.OneLine(e.Message)}");
            }

            if (root["atlasSpecLock"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || version.ToJsonString() != "1")
            {
                throw new SpecToolException($"'{lockPath}' is not an atlas-spec lock file of format {FormatVersion} (\"atlasSpecLock\": {FormatVersion} expected)");
            }

            states = root["states"] as JsonArray ?? throw new SpecToolException($"'{lockPath}' is not an atlas-spec lock file: it has no \"states\" array");
            if (states.Any(s => SpecModel.Text(SpecModel.Member(s, "sha256")) == replaced.Spec.Sha256))
            {
                return null;
            }
        }

        states.Add(State(replaced));
        return SpecWriter.ToBytes(root);
    }

    /// <summary>One state: info, the file's SHA-256, every operation (by path, then method) and every schema's own properties.</summary>
    public static JsonObject State(SpecModel spec)
    {
        JsonNode? info = spec.Spec.Root["info"];
        var operations = new JsonArray();
        foreach (SpecOperation operation in SpecModel.Sorted(spec.Operations.Values))
        {
            operations.Add(new JsonObject
            {
                ["method"] = operation.Method,
                ["path"] = operation.Path,
                ["operationId"] = operation.OperationId,
                ["override"] = operation.Override,
                ["tag"] = operation.Tag,
            });
        }

        var schemas = new JsonArray();
        foreach (var (name, schema) in spec.Schemas.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var properties = schema is null ? Array.Empty<string>() : SchemaShape.OwnProperties(schema).Keys.Order(StringComparer.Ordinal).ToArray();
            schemas.Add(new JsonObject
            {
                ["name"] = name,
                ["properties"] = new JsonArray(properties.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            });
        }

        return new JsonObject
        {
            ["title"] = Verbatim(SpecModel.Member(info, "title")),
            ["version"] = Verbatim(SpecModel.Member(info, "version")),
            ["sha"] = Verbatim(SpecModel.Member(info, "x-xgen-sha")),
            ["sha256"] = spec.Spec.Sha256,
            ["operations"] = operations,
            ["schemas"] = schemas,
        };
    }

    /// <summary>A string as it is; another scalar (a version written as a number) as its JSON text; null otherwise.</summary>
    private static string? Verbatim(JsonNode? node) => node is JsonValue value ? SpecModel.Text(value) ?? value.ToJsonString() : null;
}
