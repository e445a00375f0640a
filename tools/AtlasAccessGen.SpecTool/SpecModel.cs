using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AtlasAccessGen.SpecTool;

/// <summary>One operation as the diff and the lock see it; <see cref="Identity"/> (method + path) survives renames.</summary>
internal sealed record SpecOperation(
    string Method,
    string Path,
    string? OperationId,
    string? Override,
    string? Tag,
    bool Deprecated,
    IReadOnlyDictionary<string, SpecParameter> Parameters,
    SpecBody? RequestBody,
    IReadOnlyDictionary<string, SpecContent> Responses)
{
    public string Identity => Method + " " + Path;

    /// <summary>The name the generator gives the C# method: the override, else the operationId.</summary>
    public string? CSharpName => Override ?? OperationId;

    /// <summary>Its versions: the dates (or <c>preview</c>) of its 2xx response and request body media types.</summary>
    public IEnumerable<string> Versions =>
        Responses.Keys.Concat(RequestBody?.Content.Keys ?? Enumerable.Empty<string>()).Select(SpecModel.VersionOf).OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>A parameter, keyed <c>in:name</c>.</summary>
internal sealed record SpecParameter(string In, string Name, bool Required, JsonNode? Schema);

internal sealed record SpecBody(bool Required, IReadOnlyDictionary<string, SpecContent> Content);

/// <summary>One media type of a request body or of a 2xx response.</summary>
internal sealed record SpecContent(string MediaType, JsonNode? Schema, string? Sunset);

/// <summary>
/// The parts of an OpenAPI document a caller of the generated client depends on: operations by method + path (their
/// names, tag, parameters, request bodies, 2xx responses and versions) and the component schemas those reach.
/// </summary>
/// <remarks>
/// Not modelled, because neither the generated C# nor the requests it sends depend on them: descriptions, summaries,
/// examples, <c>info</c>, vendor extensions other than the operation id override and <c>x-sunset</c>, response headers,
/// error (non-2xx) responses, which the runtime reads as <c>AtlasApiError</c>, and the schemas only those reach.
/// </remarks>
internal sealed partial class SpecModel
{
    /// <summary>The methods an OpenAPI path item can hold, in the order the lock file sorts them.</summary>
    public static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private const string SchemaPrefix = "#/components/schemas/";
    private const int MaxReferenceChain = 32;

    private readonly LoadedSpec _spec;
    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);
    private readonly Queue<string> _pending = new();

    private SpecModel(LoadedSpec spec)
    {
        _spec = spec;
        Schemas = Member(spec.Root["components"], "schemas") as JsonObject ?? new JsonObject();
    }

    public string Source => _spec.Source;

    public LoadedSpec Spec => _spec;

    /// <summary>Every operation, keyed by <see cref="SpecOperation.Identity"/>.</summary>
    public Dictionary<string, SpecOperation> Operations { get; } = new(StringComparer.Ordinal);

    /// <summary>components.schemas, all of them.</summary>
    public JsonObject Schemas { get; }

    /// <summary>The component schemas the operations reach (through parameters, request bodies and 2xx responses).</summary>
    public IReadOnlySet<string> ReachedSchemas => _reached;

    public static SpecModel Read(LoadedSpec spec)
    {
        var model = new SpecModel(spec);
        model.ReadOperations();
        return model;
    }

    /// <summary>The version a media type names (<c>application/vnd.atlas.2023-01-01+json</c> -> 2023-01-01), or null.</summary>
    public static string? VersionOf(string mediaType) => VersionedMediaType().Match(mediaType) is { Success: true } match ? match.Groups[1].Value : null;

    public static int MethodOrder(string method) => Array.IndexOf(Methods, method.ToLowerInvariant());

    /// <summary>Sorts operations as the lock file and the report do: by path (ordinal), then by method.</summary>
    public static IEnumerable<SpecOperation> Sorted(IEnumerable<SpecOperation> operations) =>
        operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => MethodOrder(o.Method));

    private void ReadOperations()
    {
        if (_spec.Root["paths"] is not JsonObject paths)
        {
            throw new SpecToolException($"'{_spec.Source}' has no paths object");
        }

        foreach (var (path, pathNode) in paths)
        {
            string at = "#/paths/" + Escape(path);
            if (Resolve(pathNode, at) is not JsonObject pathItem)
            {
                continue;
            }

            JsonNode? shared = pathItem["parameters"];
            foreach (string method in Methods)
            {
                if (pathItem[method] is JsonObject operation)
                {
                    ReadOperation(method, path, operation, shared, at + "/" + method);
                }
            }
        }

        while (_pending.TryDequeue(out string? name))
        {
            Reach(Schemas[name], SchemaPrefix + Escape(name));
        }
    }

    private void ReadOperation(string method, string path, JsonObject operation, JsonNode? sharedParameters, string at)
    {
        // Operation-level parameters replace path-level ones with the same location and name.
        var parameters = new Dictionary<string, SpecParameter>(StringComparer.Ordinal);
        foreach (var (list, listAt) in new[] { (sharedParameters, at[..at.LastIndexOf('/')] + "/parameters"), (operation["parameters"], at + "/parameters") })
        {
            int index = 0;
            foreach (JsonNode? item in list as JsonArray ?? new JsonArray())
            {
                string itemAt = listAt + "/" + index++;
                if (Resolve(item, itemAt) is JsonObject parameter && Text(parameter["name"]) is { } name && Text(parameter["in"]) is { } location)
                {
                    JsonNode? schema = parameter["schema"];
                    Reach(schema, itemAt + "/schema");
                    parameters[location + ":" + name] = new SpecParameter(location, name, parameter["required"]?.GetValueKind() == JsonValueKind.True, schema);
                }
            }
        }

        SpecBody? body = null;
        if (Resolve(operation["requestBody"], at + "/requestBody") is JsonObject requestBody)
        {
            body = new SpecBody(requestBody["required"]?.GetValueKind() == JsonValueKind.True, Content(requestBody, at + "/requestBody"));
        }

        var responses = new Dictionary<string, SpecContent>(StringComparer.Ordinal);
        foreach (var (status, responseNode) in operation["responses"] as JsonObject ?? new JsonObject())
        {
            if (status.StartsWith('2') && Resolve(responseNode, at + "/responses/" + Escape(status)) is JsonObject response)
            {
                foreach (var (mediaType, content) in Content(response, at + "/responses/" + Escape(status)))
                {
                    responses.TryAdd(mediaType, content);
                }
            }
        }

        var entry = new SpecOperation(
            method.ToUpperInvariant(),
            path,
            Text(operation["operationId"]),
            Text(operation["x-xgen-operation-id-override"]),
            operation["tags"] is JsonArray tags && tags.Count > 0 ? Text(tags[0]) : null,
            operation["deprecated"]?.GetValueKind() == JsonValueKind.True,
            parameters,
            body,
            responses);
        Operations.Add(entry.Identity, entry);
    }

    private Dictionary<string, SpecContent> Content(JsonObject owner, string at)
    {
        var result = new Dictionary<string, SpecContent>(StringComparer.Ordinal);
        foreach (var (mediaType, mediaNode) in owner["content"] as JsonObject ?? new JsonObject())
        {
            JsonObject media = mediaNode as JsonObject ?? new JsonObject();
            JsonNode? schema = media["schema"];
            Reach(schema, at + "/content/" + Escape(mediaType) + "/schema");
            result[mediaType] = new SpecContent(mediaType, schema, Text(media["x-sunset"]));
        }

        return result;
    }

    /// <summary>Follows <c>$ref</c>s (inside the document only) to the object they name.</summary>
    public JsonNode? Resolve(JsonNode? node, string at)
    {
        for (int hops = 0; node is JsonObject obj && Text(obj["$ref"]) is { } reference; hops++)
        {
            if (hops == MaxReferenceChain)
            {
                throw new SpecToolException($"$ref '{reference}' at {at} is part of a reference cycle");
            }

            node = Target(reference, at + "/$ref");
        }

        return node;
    }

    /// <summary>The component schema a <c>$ref</c> names, or null for any other reference.</summary>
    public static string? SchemaName(string? reference) =>
        reference is not null && reference.StartsWith(SchemaPrefix, StringComparison.Ordinal) && reference.IndexOf('/', SchemaPrefix.Length) < 0
            ? Unescape(Uri.UnescapeDataString(reference[SchemaPrefix.Length..]))
            : null;

    private JsonNode? Target(string reference, string at)
    {
        if (!reference.StartsWith('#'))
        {
            throw new SpecToolException($"$ref '{reference}' at {at} leaves the document; the diff only follows references inside it");
        }

        string pointer = Uri.UnescapeDataString(reference[1..]);
        JsonNode? target = _spec.Root;
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            target = null;
        }

        foreach (string token in pointer.Length == 0 ? Array.Empty<string>() : pointer[1..].Split('/').Select(Unescape))
        {
            target = target switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out JsonNode? child) => child,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < a.Count => a[i],
                _ => null,
            };
            if (target is null)
            {
                break;
            }
        }

        return target ?? throw new SpecToolException($"$ref '{reference}' at {at} does not resolve in '{_spec.Source}'");
    }

    /// <summary>Adds every component schema <paramref name="schema"/> reaches to <see cref="ReachedSchemas"/>.</summary>
    private void Reach(JsonNode? schema, string at)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }

        if (Text(obj["$ref"]) is { } reference)
        {
            ReachReference(reference, at + "/$ref");
            return;
        }

        foreach (var (name, property) in obj["properties"] as JsonObject ?? new JsonObject())
        {
            Reach(property, at + "/properties/" + Escape(name));
        }

        foreach (string keyword in new[] { "items", "additionalProperties", "not" })
        {
            Reach(obj[keyword], at + "/" + keyword);
        }

        foreach (string keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            int index = 0;
            foreach (JsonNode? part in obj[keyword] as JsonArray ?? new JsonArray())
            {
                Reach(part, at + "/" + keyword + "/" + index++);
            }
        }

        foreach (var (key, target) in Member(Member(obj, "discriminator"), "mapping") as JsonObject ?? new JsonObject())
        {
            if (Text(target) is { } value)
            {
                ReachReference(MappingReference(value), at + "/discriminator/mapping/" + Escape(key));
            }
        }
    }

    private void ReachReference(string reference, string at)
    {
        string name = SchemaName(reference) ?? throw new SpecToolException(
            reference.StartsWith('#') ? $"$ref '{reference}' at {at} points outside components/schemas, where a schema must be" : $"$ref '{reference}' at {at} leaves the document; the diff only follows references inside it");
        if (!Schemas.ContainsKey(name))
        {
            throw new SpecToolException($"$ref '{reference}' at {at} does not resolve in '{_spec.Source}'");
        }

        if (_reached.Add(name))
        {
            // Walked later, from ReadOperations: a long chain of references must not become a deep recursion.
            _pending.Enqueue(name);
        }
    }

    /// <summary>A discriminator mapping value is a reference or a bare schema name.</summary>
    public static string MappingReference(string value) =>
        value.Contains('#', StringComparison.Ordinal) || value.Contains('/', StringComparison.Ordinal) ? value : SchemaPrefix + Escape(value);

    /// <summary>A member of an object; null for anything else (spec text is hostile input: any value may be of any kind).</summary>
    public static JsonNode? Member(JsonNode? node, string key) => node is JsonObject obj ? obj[key] : null;

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    // The generator's own pattern (OperationReader): a date or "preview", then the format.
    [GeneratedRegex(@"^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+([A-Za-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionedMediaType();
}
