using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

/// <summary>What to cut out of a spec: operations carrying any of <see cref="Tags"/>, plus those whose operationId or
/// <c>x-xgen-operation-id-override</c> is one of <see cref="Operations"/> (both ignoring case).</summary>
internal sealed record SliceSelection(IReadOnlyList<string> Tags, IReadOnlyList<string> Operations);

/// <summary>The fragment and a few counts for the summary line.</summary>
internal sealed record SliceResult(JsonObject Document, int OperationCount, int PathCount, int ComponentCount);

/// <summary>
/// Cuts a self-contained fragment out of a whole OpenAPI 3.0 document.
/// </summary>
/// <remarks>
/// <para>Output order is the input's own order everywhere, so the same input and selection give the same bytes:
/// top-level fields as the input writes them (<c>x-topics</c>, <c>x-externalLinks</c> and <c>webhooks</c> dropped,
/// as upstream's own fragment drops the first two); paths, and operations inside a path item, in input order; each
/// components section in input order, holding only the reached entries in input order; tags filtered, in input
/// order. <c>info</c> gains <c>x-atlas-slice</c> as its last field (replacing one the input already had).</para>
/// <para>Values are copied verbatim (numbers keep their text). A path item keeps its non-operation fields
/// (<c>parameters</c>, <c>summary</c>, ...) and only the selected operations.</para>
/// <para>The closure follows every <c>$ref</c> (and every discriminator mapping target, by reference or by bare
/// schema name) in the kept paths, in the kept top-level fields and, transitively, in every reached component, and
/// every security scheme a security requirement names. Literal values (<c>example</c>, <c>default</c>, <c>enum</c>,
/// <c>const</c>, an Example object's <c>value</c>) are not searched, and property names under <c>properties</c>
/// are never read as keywords.</para>
/// </remarks>
internal sealed class Slicer
{
    public const string ProvenanceKey = "x-atlas-slice";

    private static readonly HashSet<string> s_methods = new(StringComparer.Ordinal) { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    // x-topics and x-externalLinks describe the whole API; upstream's fragment drops them. Webhooks are not selectable.
    private static readonly HashSet<string> s_droppedTopLevel = new(StringComparer.Ordinal) { "x-topics", "x-externalLinks", "webhooks" };

    private readonly LoadedSpec _spec;
    private readonly JsonObject? _components;

    /// <summary>Reached components by section, each set of names filled in the order they were first reached.</summary>
    private readonly Dictionary<string, HashSet<string>> _reached = new(StringComparer.Ordinal);
    private readonly Queue<(string? Key, JsonNode? Node, string At)> _pending = new();

    private Slicer(LoadedSpec spec)
    {
        _spec = spec;
        _components = spec.Root["components"] as JsonObject;
    }

    public static SliceResult Slice(LoadedSpec spec, SliceSelection selection) => new Slicer(spec).Run(selection);

    private SliceResult Run(SliceSelection selection)
    {
        JsonObject root = _spec.Root;
        if (root["paths"] is not JsonObject paths)
        {
            throw new SpecToolException($"'{_spec.Source}' has no paths object");
        }

        // Names match ignoring case, as the generator's AtlasTags and AtlasOperations filters do.
        var tags = new HashSet<string>(selection.Tags, StringComparer.OrdinalIgnoreCase);
        var operations = new HashSet<string>(selection.Operations, StringComparer.OrdinalIgnoreCase);
        var matchedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var matchedOperations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedTags = new HashSet<string>(StringComparer.Ordinal);
        var slicedPaths = new JsonObject();
        int operationCount = 0;

        foreach (var (path, pathNode) in paths)
        {
            if (pathNode is not JsonObject pathItem)
            {
                continue;
            }

            var selected = new List<string>();
            foreach (var (method, operationNode) in pathItem)
            {
                if (!s_methods.Contains(method) || operationNode is not JsonObject operation)
                {
                    continue;
                }

                string[] operationTags = Strings(operation["tags"]);
                bool byTag = false;
                foreach (string tag in operationTags.Where(tags.Contains))
                {
                    matchedTags.Add(tag);
                    byTag = true;
                }

                bool byName = false;
                foreach (string? name in new[] { String(operation["operationId"]), String(operation["x-xgen-operation-id-override"]) })
                {
                    if (name is not null && operations.Contains(name))
                    {
                        matchedOperations.Add(name);
                        byName = true;
                    }
                }

                if (byTag || byName)
                {
                    selected.Add(method);
                    usedTags.UnionWith(operationTags);
                }
            }

            if (selected.Count == 0)
            {
                continue;
            }

            var slicedItem = new JsonObject();
            foreach (var (key, value) in pathItem)
            {
                if (!s_methods.Contains(key) || selected.Contains(key))
                {
                    slicedItem.Add(key, value?.DeepClone());
                }
            }

            operationCount += selected.Count;
            slicedPaths.Add(path, slicedItem);
            Enqueue(slicedItem, "#/paths/" + Escape(path));
        }

        if (selection.Tags.FirstOrDefault(tag => !matchedTags.Contains(tag)) is { } unknownTag)
        {
            throw new SpecToolException($"unknown tag '{unknownTag}': no operation in '{_spec.Source}' carries it");
        }

        if (selection.Operations.FirstOrDefault(name => !matchedOperations.Contains(name)) is { } unknownOperation)
        {
            throw new SpecToolException($"unknown operation '{unknownOperation}': no operationId or x-xgen-operation-id-override in '{_spec.Source}' has that name");
        }

        var result = new JsonObject();
        foreach (var (key, value) in root)
        {
            switch (key)
            {
                case "paths":
                    result.Add(key, slicedPaths);
                    break;
                case "components":
                    // Filled in below, once the closure is known; a placeholder keeps the input's order.
                    result.Add(key, null);
                    break;
                case "tags":
                    var kept = new JsonArray();
                    foreach (JsonNode? tag in value as JsonArray ?? new JsonArray())
                    {
                        if (tag is JsonObject tagObject && String(tagObject["name"]) is { } name && usedTags.Contains(name))
                        {
                            kept.Add(tagObject.DeepClone());
                        }
                    }

                    if (kept.Count > 0)
                    {
                        result.Add(key, kept);
                    }

                    break;
                case "info":
                    result.Add(key, Info(value, selection));
                    break;
                default:
                    if (!s_droppedTopLevel.Contains(key))
                    {
                        JsonNode? copy = value?.DeepClone();
                        result.Add(key, copy);

                        // As a member, so that a top-level "security" is read as security requirements.
                        _pending.Enqueue((key, copy, "#/" + Escape(key)));
                    }

                    break;
            }
        }

        if (!result.ContainsKey("info"))
        {
            result.Add("info", Info(null, selection));
        }

        while (_pending.TryDequeue(out var item))
        {
            if (item.Key is null)
            {
                Walk(item.Node, item.At);
            }
            else
            {
                WalkMember(item.Key, item.Node, item.At);
            }
        }

        int componentCount = _reached.Values.Sum(names => names.Count);
        if (result.ContainsKey("components"))
        {
            result["components"] = Components();
            if (componentCount == 0)
            {
                result.Remove("components");
            }
        }

        return new SliceResult(result, operationCount, slicedPaths.Count, componentCount);
    }

    private JsonObject Info(JsonNode? info, SliceSelection selection)
    {
        var copy = info?.DeepClone() as JsonObject ?? new JsonObject();
        copy.Remove(ProvenanceKey);
        copy.Add(ProvenanceKey, new JsonObject
        {
            ["source"] = _spec.Source,
            ["sha256"] = _spec.Sha256,
            ["tags"] = new JsonArray(selection.Tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["operations"] = new JsonArray(selection.Operations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
        });
        return copy;
    }

    /// <summary>The reached components, sections and entries in the input's order.</summary>
    private JsonObject Components()
    {
        var components = new JsonObject();
        foreach (var (section, entries) in _components ?? new JsonObject())
        {
            if (entries is JsonObject entryObject && _reached.TryGetValue(section, out HashSet<string>? names) && names.Count > 0)
            {
                var kept = new JsonObject();
                foreach (var (name, value) in entryObject)
                {
                    if (names.Contains(name))
                    {
                        kept.Add(name, value?.DeepClone());
                    }
                }

                components.Add(section, kept);
            }
        }

        return components;
    }

    private void Enqueue(JsonNode? node, string at) => _pending.Enqueue((null, node, at));

    /// <summary>Finds every reference in <paramref name="node"/> (a part of the input or of the output, the same text).</summary>
    private void Walk(JsonNode? node, string at)
    {
        if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Walk(array[i], at + "/" + i);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, value) in obj)
        {
            WalkMember(key, value, at + "/" + Escape(key));
        }
    }

    /// <summary>One member of an object: what its key means decides how its value is searched.</summary>
    private void WalkMember(string key, JsonNode? value, string here)
    {
        switch (key)
        {
            case "$ref" when String(value) is { } reference:
                Reach(reference, here);
                break;

            case "example" or "default" or "enum" or "const":
                // Literal values: a "$ref" inside one is data, not a reference.
                break;

            case "responses" when value is JsonObject responses:
                // Keys are status codes, and "default" here is a Response, not a literal.
                foreach (var (code, response) in responses)
                {
                    Walk(response, here + "/" + Escape(code));
                }

                break;

            case "examples" when value is JsonObject examples:
                // A map of Example objects (or references to them); an Example's "value" is literal.
                foreach (var (name, example) in examples)
                {
                    if (example is JsonObject exampleObject && String(exampleObject["$ref"]) is { } reference)
                    {
                        Reach(reference, here + "/" + Escape(name) + "/$ref");
                    }
                }

                break;

            case "examples":
                break;

            case "properties" when value is JsonObject properties:
                // Keys are property names (a property may be called "example" or "discriminator"); values are schemas.
                foreach (var (name, schema) in properties)
                {
                    Walk(schema, here + "/" + Escape(name));
                }

                break;

            case "discriminator" when value is JsonObject discriminator:
                if (discriminator["mapping"] is JsonObject mapping)
                {
                    foreach (var (name, target) in mapping)
                    {
                        if (String(target) is { } targetText)
                        {
                            ReachMapping(targetText, here + "/mapping/" + Escape(name));
                        }
                    }
                }

                break;

            case "security" when value is JsonArray requirements:
                foreach (JsonNode? requirement in requirements)
                {
                    foreach (var (scheme, _) in requirement as JsonObject ?? new JsonObject())
                    {
                        if (!Has("securitySchemes", scheme))
                        {
                            throw new SpecToolException($"the security requirement at {here} names scheme '{scheme}', which components/securitySchemes of '{_spec.Source}' does not define");
                        }

                        Mark("securitySchemes", scheme);
                    }
                }

                break;

            default:
                Walk(value, here);
                break;
        }
    }

    /// <summary>A discriminator mapping value is a reference or a bare schema name.</summary>
    private void ReachMapping(string target, string at)
    {
        if (target.Contains('#', StringComparison.Ordinal) || target.Contains('/', StringComparison.Ordinal))
        {
            Reach(target, at);
        }
        else if (Has("schemas", target))
        {
            Mark("schemas", target);
        }
        else
        {
            throw new SpecToolException($"the discriminator mapping at {at} names schema '{target}', which components/schemas of '{_spec.Source}' does not define");
        }
    }

    private void Reach(string reference, string at)
    {
        if (!reference.StartsWith('#'))
        {
            throw new SpecToolException($"$ref '{reference}' at {at} leaves the document; a slice can only carry references inside it");
        }

        string[] tokens = Pointer(reference[1..]);
        JsonNode? target = _spec.Root;
        foreach (string token in tokens)
        {
            target = target switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out JsonNode? child) => child,
                JsonArray a when int.TryParse(token, out int index) && index >= 0 && index < a.Count && token == index.ToString(System.Globalization.CultureInfo.InvariantCulture) => a[index],
                _ => throw new SpecToolException($"$ref '{reference}' at {at} does not resolve in '{_spec.Source}'"),
            };
        }

        if (tokens.Length < 3 || tokens[0] != "components")
        {
            throw new SpecToolException($"$ref '{reference}' at {at} points outside components; a slice carries only components");
        }

        Mark(tokens[1], tokens[2]);
    }

    private bool Has(string section, string name) => _components?[section] is JsonObject entries && entries.ContainsKey(name);

    /// <summary>Adds a component to the closure and queues its own references, once.</summary>
    private void Mark(string section, string name)
    {
        if (!_reached.TryGetValue(section, out HashSet<string>? names))
        {
            _reached[section] = names = new HashSet<string>(StringComparer.Ordinal);
        }

        if (names.Add(name))
        {
            JsonNode? component = _components![section]![name];
            string at = "#/components/" + Escape(section) + "/" + Escape(name);
            if (section == "examples")
            {
                // An Example's value is literal: only a reference to another example counts.
                if (component is JsonObject example && String(example["$ref"]) is { } reference)
                {
                    Reach(reference, at + "/$ref");
                }
            }
            else
            {
                Enqueue(component, at);
            }
        }
    }

    /// <summary>The tokens of a JSON pointer in a URI fragment: percent-decoded, then ~1 and ~0 unescaped.</summary>
    private static string[] Pointer(string fragment)
    {
        string pointer = Uri.UnescapeDataString(fragment);
        if (pointer.Length == 0)
        {
            return Array.Empty<string>();
        }

        if (pointer[0] != '/')
        {
            return new[] { "\0not a pointer" };
        }

        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(String).OfType<string>().ToArray() : Array.Empty<string>();
}
