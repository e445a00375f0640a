using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>What <see cref="MutationTests"/> and <see cref="TargetedMutantTests"/> share: ways to alter the fragment, and what every run must never do.</summary>
public static partial class SpecMutations
{
    /// <summary>The generator never throws (CS8785) and never fails internally (ATLAS099), whatever the input.</summary>
    public static void AssertNeverCrashed(GeneratorHarness.GeneratorOutcome outcome)
    {
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id is "CS8785" or "ATLAS099");
    }

    /// <summary>The positions of <c>{ } [ ] :</c> outside strings: replacing any one makes the JSON invalid.</summary>
    public static List<int> StructuralPositions(string json)
    {
        var positions = new List<int>();
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '}' or '[' or ']' or ':')
            {
                positions.Add(i);
            }
        }

        return positions;
    }

    [GeneratedRegex("\"\\$ref\": \"[^\"]*\"")]
    public static partial Regex RefPattern();

    [GeneratedRegex("\"type\": \"[a-z]+\"")]
    public static partial Regex TypePattern();

    /// <summary>The fragment as a tree to mutate; each call returns a fresh copy.</summary>
    public static JsonObject FragmentTree() => JsonNode.Parse(Specs.Fragment)!.AsObject();

    public static string ToJson(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, MaxDepth = 1024 });

    /// <summary>
    /// The tree as block-style YAML. Keys are written plain where YAML allows it and otherwise, or when
    /// <paramref name="quoting"/> picks it, in double or single quotes; strings are JSON literals, which are valid
    /// YAML double-quoted scalars.
    /// </summary>
    public static string ToYaml(JsonNode node, Random? quoting = null)
    {
        var builder = new StringBuilder();
        WriteYaml(builder, node, 0, quoting);
        return builder.ToString().TrimStart('\n') + "\n";
    }

    private static void WriteYaml(StringBuilder builder, JsonNode? node, int indent, Random? quoting)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 0:
                builder.Append(" {}");
                break;
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> member in obj)
                {
                    builder.Append('\n').Append(' ', indent).Append(YamlKey(member.Key, quoting)).Append(':');
                    WriteYaml(builder, member.Value, indent + 2, quoting);
                }

                break;
            case JsonArray array when array.Count == 0:
                builder.Append(" []");
                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    builder.Append('\n').Append(' ', indent).Append('-');
                    WriteYaml(builder, item, indent + 2, quoting);
                }

                break;
            case null:
                builder.Append(" null");
                break;
            default:
                builder.Append(' ').Append(node.ToJsonString());
                break;
        }
    }

    private static string YamlKey(string key, Random? quoting)
    {
        bool plainAllowed = Regex.IsMatch(key, "^[A-Za-z_$][A-Za-z0-9_$-]*$") && key is not ("y" or "n" or "yes" or "no" or "on" or "off" or "true" or "false" or "null");
        return (quoting?.Next(3) ?? 0) switch
        {
            0 when plainAllowed => key,
            2 => "'" + key.Replace("'", "''", StringComparison.Ordinal) + "'",
            _ => JsonSerializer.Serialize(key),
        };
    }

    /// <summary>Every object in the tree that holds a <c>$ref</c>, in document order.</summary>
    public static List<JsonObject> ReferenceHolders(JsonNode node)
    {
        var holders = new List<JsonObject>();
        var pending = new Stack<JsonNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            JsonNode current = pending.Pop();
            IEnumerable<JsonNode?> children = current switch
            {
                JsonObject obj => obj.Select(member => member.Value),
                JsonArray array => array,
                _ => Enumerable.Empty<JsonNode?>(),
            };
            if (current is JsonObject holder && holder.ContainsKey("$ref"))
            {
                holders.Add(holder);
            }

            foreach (JsonNode? child in children.Reverse())
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }

        return holders;
    }
}
