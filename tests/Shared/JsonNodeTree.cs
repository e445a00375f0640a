using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.Tests.Shared;

/// <summary>Walks a JSON tree (linked into the test projects that build round-trip corpora from the spec).</summary>
internal static class JsonNodeTree
{
    /// <summary>The node and every node below it, depth first; JSON nulls are left out.</summary>
    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            foreach (JsonNode descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
