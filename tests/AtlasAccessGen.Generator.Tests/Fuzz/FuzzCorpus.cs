using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.Generator.Tests.Fuzz;

/// <summary>One fuzzed spec: a name that finds it again (<c>names-0042</c>), and the file as the generator gets it.</summary>
public sealed record FuzzCase(string Name, string Kind, string Path, string Text);

/// <summary>
/// A seeded corpus of hostile specs (issue #14): each case is a pure function of its kind and number, so a failure
/// reproduces by name (<see cref="Case"/>). Most start from Fuzz/seed.json, a small spec with every construct the
/// generator reads, so the 2,000 of them compile in seconds; some start from the real fragment. The specs in
/// regressions/ join as they are.
/// </summary>
public static class FuzzCorpus
{
    /// <summary>Each kind with its number of cases.</summary>
    public static readonly (string Kind, int Count)[] Kinds =
    {
        ("unicode", 600), ("fragment-unicode", 60), ("names", 400), ("deep-json", 120), ("deep-yaml", 100), ("alias-bomb", 60),
        ("wrong-kind-ref", 120), ("cycle", 120), ("structure", 200), ("allof-chain", 60), ("versions", 100), ("long-names", 40), ("text-shape", 31),
    };

    public static string Seed { get; } = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Fuzz", "seed.json"));

    public static IEnumerable<FuzzCase> All()
    {
        foreach ((string kind, int count) in Kinds)
        {
            for (int i = 0; i < count; i++)
            {
                yield return Case(kind, i);
            }
        }

        string regressions = System.IO.Path.Combine(AppContext.BaseDirectory, "regressions");
        if (Directory.Exists(regressions))
        {
            foreach (string file in Directory.GetFiles(regressions).OrderBy(f => f, StringComparer.Ordinal))
            {
                string name = System.IO.Path.GetFileName(file);
                yield return new FuzzCase("regression-" + name, "regression", "/specs/" + name, File.ReadAllText(file));
            }
        }
    }

    public static FuzzCase Case(string name)
    {
        int dash = name.LastIndexOf('-');
        return Case(name[..dash], int.Parse(name[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static FuzzCase Case(string kind, int number)
    {
        var random = new Random(HashCode(kind) ^ (number * 7919));
        string name = kind + "-" + number.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        (string text, string extension) = kind switch
        {
            "unicode" => (Json(InsertText(Parse(Seed), random, count: 1 + random.Next(3))), ".json"),
            "fragment-unicode" => (Json(InsertText(Parse(Specs.Fragment), random, count: 1 + random.Next(5))), ".json"),
            "names" => (HostileName(Seed, random), ".json"),
            "deep-json" => (DeepJson(random), ".json"),
            "deep-yaml" => (DeepYaml(random), ".yaml"),
            "alias-bomb" => (AliasBomb(random), ".yaml"),
            "wrong-kind-ref" => (WrongKindRef(random), ".json"),
            "cycle" => (Cycle(random), ".json"),
            "structure" => (Structure(random), random.Next(4) == 0 ? ".yaml" : ".json"),
            "allof-chain" => (AllOfChain(random), ".json"),
            "versions" => (Versions(random), ".json"),
            "long-names" => (LongNames(random), ".json"),
            "text-shape" => TextShape(number),
            _ => throw new ArgumentException("Unknown fuzz kind " + kind, nameof(kind)),
        };
        if (extension == ".yaml" && kind == "structure")
        {
            text = YamlText.From(JsonNode.Parse(text)!);
        }

        return new FuzzCase(name, kind, "/specs/" + name + extension, text);
    }

    /// <summary>Hostile text: every line terminator, controls, lone surrogates, bidi overrides, comment and XML and literal breakers.</summary>
    private static readonly string[] HostileText =
    {
        "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\0", "\u0007", "\u001b", "\u007f", "\u009b", "\ufeff", "\u200b", "\u200e", "\u202e",
        "\ud800", "\udfff", "\ud83d\ude00", "é", "e\u0301", "\U0001d4b3", "\"", "\\", "\\u000a", "*/", "/*", "//", "///", "<", ">", "&", "</summary>",
        "<![CDATA[", "]]>", "{", "}", "{{", "\"\"\"", "#error fuzz", "#if X", "@\"", "$\"", "\t", "`", "'", "%2F", "~1", "${x}",
        "\npublic static class Fuzzed { }\n", "\u2028[assembly: System.Obsolete]\u2028", "</c></summary><code>x</code>",
    };

    /// <summary>Names the generated code uses, keywords, and names C# cannot take as they are.</summary>
    private static readonly string[] HostileNames =
    {
        "Serialization", "AtlasJson", "AtlasJsonReader", "AtlasJsonWriter", "AtlasClient", "IAtlasClient", "AtlasServiceCollectionExtensions",
        "CloudProviderAccessWorkflows", "Dispose", "Transport", "PinnedApiVersion", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone",
        "ReferenceEquals", "Finalize", "RawJson", "Value", "IsKnown", "KnownValues", "nameof", "await", "async", "var", "dynamic", "global", "value",
        "from", "select", "where", "options", "cancellationToken", "request", "body", "item", "class", "namespace", "System", "Task", "I", "Client",
        "Converter", "Unknown", "_", "__", "", " ", "123", "1e5", "-", "@", "@class", "a b", "a-b", "A.B", "x/y", "~0", "%2F", "Ünïcödé", "名前",
        "ｆｕｌｌ", "\u0130stanbul", "ǅ", "Roles", "Role", "RoleConverter", "UnknownRole", "IRolesClient", "RolesClient", "V2023_01_01",
    };

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static string Json(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];

    /// <summary>Inserts hostile text into <paramref name="count"/> string values, property names or enum values.</summary>
    private static JsonNode InsertText(JsonNode root, Random random, int count)
    {
        List<JsonValue> strings = Strings(root).ToList();
        for (int i = 0; i < count; i++)
        {
            JsonValue value = strings[random.Next(strings.Count)];
            string text = value.GetValue<string>();
            string hostile = string.Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, HostileText)));
            int at = random.Next(text.Length + 1);
            value.ReplaceWith(text[..at] + hostile + text[at..]);
            strings = Strings(root).ToList();
        }

        return root;
    }

    private static IEnumerable<JsonValue> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue(out string? _) => new[] { value },
        _ => Array.Empty<JsonValue>(),
    };

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(p => Objects(p.Value))),
        JsonArray array => array.SelectMany(Objects),
        _ => Array.Empty<JsonObject>(),
    };

    /// <summary>Gives one name slot (schema, property, tag, parameter, enum value, mapping key, operation id) a hostile name.</summary>
    private static string HostileName(string seed, Random random)
    {
        string name = Pick(random, HostileNames);
        if (random.Next(4) == 0)
        {
            name += Pick(random, HostileNames);
        }

        switch (random.Next(8))
        {
            case 0:
            {
                // A schema, with every reference to it.
                string[] schemas = { "ApiError", "PaginatedRoles", "Link", "Role", "AwsRole", "GcpRole", "RoleRequest", "AwsRoleRequest", "GcpRoleRequest", "RoleUpdate" };
                string old = Pick(random, schemas);
                string pointer = name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                return seed.Replace("\"" + old + "\": {", Quote(name) + ": {", StringComparison.Ordinal)
                    .Replace("\"#/components/schemas/" + old + "\"", Quote("#/components/schemas/" + pointer), StringComparison.Ordinal);
            }

            case 1:
            {
                // A property, with the required lists and discriminators that name it.
                JsonNode root = Parse(seed);
                List<JsonObject> owners = Objects(root).Where(o => o["properties"] is JsonObject { Count: > 0 }).ToList();
                JsonObject owner = owners[random.Next(owners.Count)];
                var properties = (JsonObject)owner["properties"]!;
                string old = properties.ElementAt(random.Next(properties.Count)).Key;
                Rename(properties, old, name);
                foreach (JsonValue value in Strings(root).Where(v => v.GetValue<string>() == old && v.Parent is JsonArray or JsonObject { } && IsNameReference(v)).ToList())
                {
                    value.ReplaceWith(name);
                }

                return Json(root);
            }

            case 2:
                return seed.Replace(random.Next(2) == 0 ? "\"Roles\"" : "\"Other Things\"", Quote(name), StringComparison.Ordinal);
            case 3:
            {
                string[] parameters = { "itemsPerPage", "provider", "since", "X-Trace", "envelope" };
                return seed.Replace("\"name\": \"" + Pick(random, parameters) + "\"", "\"name\": " + Quote(name), StringComparison.Ordinal);
            }

            case 4:
            {
                // The path parameter, in the template too (a name with '/' or '{' breaks the template on purpose).
                string old = random.Next(2) == 0 ? "groupId" : "roleId";
                return seed.Replace("{" + old + "}", "{" + Escape(name) + "}", StringComparison.Ordinal)
                    .Replace("\"name\": \"" + old + "\"", "\"name\": " + Quote(name), StringComparison.Ordinal);
            }

            case 5:
            {
                string[] values = { "\"AWS\"", "\"GCP\"", "\"IN_PROGRESS\"", "\"COMPLETE\"", "\"FAILED\"", "\"a\"", "\"b\"" };
                return seed.Replace(Pick(random, values), Quote(name), StringComparison.Ordinal);
            }

            case 6:
                return seed.Replace("\"AWS\": \"#/", Quote(name) + ": \"#/", StringComparison.Ordinal);
            default:
            {
                string[] ids = { "listRoles", "listProjectRoles", "createRole", "updateRole", "deleteRole", "exportRole" };
                return seed.Replace("\"" + Pick(random, ids) + "\"", Quote(name), StringComparison.Ordinal);
            }
        }
    }

    private static bool IsNameReference(JsonValue value) =>
        value.Parent is JsonArray { Parent: JsonObject owner } array && owner["required"] == array
        || value.Parent is JsonObject discriminator && discriminator["propertyName"] == value;

    private static void Rename(JsonObject obj, string from, string to)
    {
        var entries = obj.ToList();
        obj.Clear();
        foreach ((string key, JsonNode? value) in entries)
        {
            if (key != to || key == from)
            {
                obj[key == from ? to : key] = value;
            }
        }
    }

    private static string Quote(string text) => JsonValue.Create(text)!.ToJsonString();

    /// <summary>Text that sits inside a JSON string literal as is.</summary>
    private static string Escape(string text) => Quote(text)[1..^1];

    /// <summary>Nesting in JSON: objects in properties, arrays in items, allOf in allOf, or raw arrays in an extension.</summary>
    private static string DeepJson(Random random)
    {
        int depth = DepthFor(random);
        (string open, string leaf, string close) = random.Next(4) switch
        {
            0 => ("{\"type\":\"object\",\"properties\":{\"p\":", "{\"type\":\"string\"}", "}}"),
            1 => ("{\"type\":\"array\",\"items\":", "{\"type\":\"integer\"}", "}"),
            2 => ("{\"allOf\":[", "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}", "]}"),
            _ => ("[", "1", "]"),
        };
        string nested = Repeat(open, depth) + leaf + Repeat(close, depth);
        return open == "["
            ? Seed.Replace("\"x-xgen-sha\"", "\"x-deep\": " + nested + ", \"x-xgen-sha\"", StringComparison.Ordinal)
            : Seed.Replace("\"anything\": {}", "\"anything\": " + nested, StringComparison.Ordinal);
    }

    /// <summary>Nesting in block-style YAML (indentation) or flow-style YAML (brackets).</summary>
    private static string DeepYaml(Random random)
    {
        int depth = DepthFor(random);
        string yaml = YamlText.From(Parse(Seed.Replace("\"anything\": {}", "\"anything\": \"DEEP\"", StringComparison.Ordinal)));
        int line = yaml.IndexOf("anything: \"DEEP\"", StringComparison.Ordinal);
        int indent = line - yaml.LastIndexOf('\n', line) - 1;
        string nested;
        if (random.Next(3) == 0)
        {
            nested = " " + Repeat("[", depth) + "1" + Repeat("]", depth);
        }
        else
        {
            var builder = new StringBuilder("\n");
            for (int level = 0; level < depth; level++)
            {
                string pad = new(' ', indent + 2 + (level * 4));
                builder.Append(pad).Append("type: object\n").Append(pad).Append("properties:\n").Append(pad).Append("  p:\n");
            }

            builder.Append(new string(' ', indent + 2 + (depth * 4))).Append("type: string");
            nested = builder.ToString();
        }

        return yaml.Replace(" \"DEEP\"", nested, StringComparison.Ordinal);
    }

    private static int DepthFor(Random random) => random.Next(3) switch
    {
        0 => 1 + random.Next(40),
        1 => 40 + random.Next(120),
        _ => 160 + random.Next(2_000),
    };

    /// <summary>A billion-laughs document: each anchor lists the previous one <c>fan</c> times, <c>levels</c> deep.</summary>
    private static string AliasBomb(Random random)
    {
        int levels = 1 + random.Next(14);
        int fan = 2 + random.Next(9);
        var bomb = new StringBuilder("x-bomb:\n  a0: &a0 [\"lol\", \"lol\"]\n");
        for (int level = 1; level <= levels; level++)
        {
            bomb.Append("  a").Append(level).Append(": &a").Append(level).Append(" [")
                .Append(string.Join(", ", Enumerable.Repeat("*a" + (level - 1), fan))).Append("]\n");
        }

        string yaml = YamlText.From(Parse(Seed));
        return random.Next(2) == 0
            ? yaml + bomb
            : yaml.Replace("info:\n", "info:\n" + YamlText.Indent(bomb.ToString().TrimEnd('\n'), 2) + "\n", StringComparison.Ordinal);
    }

    private static readonly string[] WrongTargets =
    {
        "#/components/parameters/groupId", "#/components/responses/badRequest", "#/components/schemas/Role", "#/components/schemas/Role/properties/id",
        "#/components/securitySchemes/none", "#/paths", "#/info", "#/", "#", "", "other.json#/components/schemas/Role", "https://example.com/spec.json#/x",
        "#/components/schemas/", "#/components/schemas/Role/discriminator", "#/components/parameters/missing", "#/components/requestBodies/none",
        "#/components/schemas/Role/oneOf/0", "#/components/schemas/ApiError/properties/parameters/items",
    };

    /// <summary>A reference to the wrong kind of thing, in a schema, parameter, response or request body slot.</summary>
    private static string WrongKindRef(Random random)
    {
        string[] refs = Seed.Split("\"$ref\": ").Skip(1).Select(part => part[..(part.IndexOf('"', 1) + 1)]).Distinct().ToArray();
        string original = "\"$ref\": " + Pick(random, refs);
        string replacement = "\"$ref\": " + Quote(Pick(random, WrongTargets));
        int at = IndexOfNth(Seed, original, random.Next(Count(Seed, original)));
        return Seed[..at] + replacement + Seed[(at + original.Length)..];
    }

    /// <summary>Reference cycles: pure, through allOf, through a discriminator, and recursion through properties that is legal.</summary>
    private static string Cycle(Random random)
    {
        string schemas = random.Next(8) switch
        {
            0 => "\"A\": { \"$ref\": \"#/components/schemas/B\" }, \"B\": { \"$ref\": \"#/components/schemas/A\" }",
            1 => "\"A\": { \"$ref\": \"#/components/schemas/A\" }, \"B\": { \"type\": \"object\" }",
            2 => "\"A\": { \"allOf\": [ { \"$ref\": \"#/components/schemas/B\" } ] }, \"B\": { \"allOf\": [ { \"$ref\": \"#/components/schemas/A\" } ] }",
            3 => "\"A\": { \"allOf\": [ { \"$ref\": \"#/components/schemas/A\" }, { \"type\": \"object\", \"properties\": { \"x\": { \"type\": \"string\" } } } ] }, \"B\": { \"type\": \"object\" }",
            4 => "\"A\": { \"type\": \"object\", \"discriminator\": { \"propertyName\": \"kind\", \"mapping\": { \"b\": \"#/components/schemas/B\" } }, \"allOf\": [ { \"$ref\": \"#/components/schemas/B\" } ], \"properties\": { \"kind\": { \"type\": \"string\" } } }, "
                + "\"B\": { \"type\": \"object\", \"discriminator\": { \"propertyName\": \"kind\", \"mapping\": { \"a\": \"#/components/schemas/A\" } }, \"allOf\": [ { \"$ref\": \"#/components/schemas/A\" } ], \"properties\": { \"kind\": { \"type\": \"string\" } } }",
            5 => "\"A\": { \"type\": \"object\", \"properties\": { \"next\": { \"$ref\": \"#/components/schemas/A\" }, \"all\": { \"type\": \"array\", \"items\": { \"$ref\": \"#/components/schemas/B\" } } } }, \"B\": { \"type\": \"object\", \"additionalProperties\": { \"$ref\": \"#/components/schemas/A\" } }",
            6 => "\"A\": { \"type\": \"array\", \"items\": { \"$ref\": \"#/components/schemas/A\" } }, \"B\": { \"type\": \"object\", \"additionalProperties\": { \"$ref\": \"#/components/schemas/B\" } }",
            _ => "\"A\": { \"type\": \"object\", \"discriminator\": { \"propertyName\": \"kind\", \"mapping\": { \"a\": \"#/components/schemas/A\", \"b\": \"#/components/schemas/B\" } }, \"properties\": { \"kind\": { \"type\": \"string\" } } }, "
                + "\"B\": { \"type\": \"object\", \"discriminator\": { \"propertyName\": \"kind\", \"mapping\": { \"a\": \"#/components/schemas/A\" } }, \"properties\": { \"kind\": { \"type\": \"string\" } } }",
        };
        string use = random.Next(2) == 0 ? "A" : "B";
        return Seed.Replace("\"schemas\": {", "\"schemas\": { " + schemas + ",", StringComparison.Ordinal)
            .Replace("\"anything\": {}", "\"anything\": { \"$ref\": \"#/components/schemas/" + use + "\" }", StringComparison.Ordinal);
    }

    /// <summary>A key removed, or a value of the wrong JSON type, anywhere in the document.</summary>
    private static string Structure(Random random)
    {
        JsonNode root = Parse(Seed);
        List<JsonObject> objects = Objects(root).Where(o => o.Count > 0).ToList();
        for (int i = 1 + random.Next(2); i > 0; i--)
        {
            JsonObject target = objects[random.Next(objects.Count)];
            if (target.Count == 0)
            {
                continue;
            }

            string key = target.ElementAt(random.Next(target.Count)).Key;
            if (random.Next(2) == 0)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = random.Next(6) switch
                {
                    0 => null,
                    1 => JsonValue.Create(42),
                    2 => new JsonArray(JsonValue.Create("x")),
                    3 => new JsonObject(),
                    4 => JsonValue.Create(true),
                    _ => JsonValue.Create("text"),
                };
            }

            objects = Objects(root).Where(o => o.Count > 0).ToList();
        }

        return Json(root);
    }

    /// <summary>A chain of schemas each deriving from the previous one through allOf.</summary>
    private static string AllOfChain(Random random)
    {
        int length = 1 + random.Next(random.Next(2) == 0 ? 30 : 250);
        var schemas = new StringBuilder("\"C0\": { \"type\": \"object\", \"properties\": { \"p0\": { \"type\": \"string\" } } }");
        for (int i = 1; i <= length; i++)
        {
            schemas.Append(", \"C").Append(i).Append("\": { \"allOf\": [ { \"$ref\": \"#/components/schemas/C").Append(i - 1)
                .Append("\" }, { \"type\": \"object\", \"properties\": { \"p").Append(i).Append("\": { \"type\": \"string\" } } } ] }");
        }

        return Seed.Replace("\"schemas\": {", "\"schemas\": { " + schemas + ",", StringComparison.Ordinal)
            .Replace("\"anything\": {}", "\"anything\": { \"$ref\": \"#/components/schemas/C" + length + "\" }", StringComparison.Ordinal);
    }

    private static readonly string[] MediaTypes =
    {
        "application/vnd.atlas.9999-99-99+json", "application/vnd.atlas.preview+json", "application/vnd.atlas.2023-01-01+csv", "application/vnd.atlas.2023-01-01+gzip",
        "application/vnd.atlas.2099-12-31+json", "application/vnd.atlas.1999-01-01+json", "application/vnd.atlas.2023-1-1+json", "application/vnd.atlas.+json",
        "application/vnd.atlas.2023-01-01+JSON", "text/plain", "*/*", "application/json", "application/xml", "", "application/vnd.atlas.2023-01-01+json; charset=utf-8",
        "application/vnd.atlas.2023-01-01\n+json", "application/vnd.atlas.2024-05-30+json",
    };

    /// <summary>A media type (and so a version) replaced by an odd one.</summary>
    private static string Versions(Random random)
    {
        string[] present = { "application/vnd.atlas.2023-01-01+json", "application/vnd.atlas.2024-05-30+json", "application/vnd.atlas.2023-01-01+csv", "application/json" };
        string original = "\"" + Pick(random, present) + "\":";
        int count = Count(Seed, original);
        int at = IndexOfNth(Seed, original, random.Next(count));
        string result = Seed[..at] + Quote(Pick(random, MediaTypes)) + ":" + Seed[(at + original.Length)..];
        return random.Next(3) == 0 ? result.Replace("\"2026-03-01\"", Quote(Pick(random, new[] { "soon", "2020-01-01", "", "2026-13-45" })), StringComparison.Ordinal) : result;
    }

    /// <summary>Names far past any identifier limit, for a schema, a property, a tag, an operation or a parameter.</summary>
    private static string LongNames(Random random)
    {
        string name = new string((char)('a' + random.Next(26)), 200 + random.Next(3_000)) + Pick(random, HostileNames);
        return random.Next(5) switch
        {
            0 => Seed.Replace("\"Link\"", Quote(name), StringComparison.Ordinal).Replace("schemas/Link\"", "schemas/" + Escape(name) + "\"", StringComparison.Ordinal),
            1 => Seed.Replace("\"iamAssumedRoleArn\"", Quote(name), StringComparison.Ordinal),
            2 => Seed.Replace("\"Roles\"", Quote(name), StringComparison.Ordinal),
            3 => Seed.Replace("\"createRole\"", Quote(name), StringComparison.Ordinal),
            _ => Seed.Replace("\"itemsPerPage\"", Quote(name), StringComparison.Ordinal),
        };
    }

    /// <summary>Whole-file shapes: empty, whitespace, a BOM, not an object, another OpenAPI version, quoted YAML keys, JSON in a .yaml file.</summary>
    private static (string Text, string Extension) TextShape(int number)
    {
        string yaml = YamlText.From(Parse(Seed));
        (string, string)[] shapes =
        {
            ("", ".json"), ("", ".yaml"), ("   \n\t\n", ".json"), ("\n\n", ".yaml"), ("\ufeff" + Seed, ".json"), ("\ufeff" + yaml, ".yaml"),
            ("null", ".json"), ("[]", ".json"), ("\"text\"", ".json"), ("123", ".json"), ("true", ".yaml"), ("- a\n- b\n", ".yaml"),
            (Seed, ".yaml"), (Seed.Replace("\"openapi\": \"3.0.1\"", "\"swagger\": \"2.0\"", StringComparison.Ordinal), ".json"),
            (Seed.Replace("\"3.0.1\"", "\"3.1.0\"", StringComparison.Ordinal), ".json"), (Seed.Replace("\"3.0.1\"", "3.0", StringComparison.Ordinal), ".json"),
            (yaml.Replace("openapi:", "\"openapi\":", StringComparison.Ordinal), ".yaml"), (yaml.Replace("openapi:", "'openapi':", StringComparison.Ordinal), ".yaml"),
            ("%YAML 1.2\n---\n" + yaml, ".yaml"), (yaml + "...\n---\nsecond: document\n", ".yaml"), (yaml.Replace("\n", "\r\n", StringComparison.Ordinal), ".yaml"),
            (Seed.Replace("\n", "\r", StringComparison.Ordinal), ".json"), (Seed + "\0", ".json"), (Seed.Replace("500", "1e400", StringComparison.Ordinal), ".json"),
            (Seed.Replace("500", "99999999999999999999999999999999", StringComparison.Ordinal), ".json"), (Seed.Replace("\"minimum\": 1", "\"minimum\": -1e-400", StringComparison.Ordinal), ".json"),
            (Seed.Replace("{", "{ \"dup\": 1, \"dup\": 2,", StringComparison.Ordinal), ".json"), (Seed + " // trailing comment", ".json"),
            (Seed.Replace("\"title\"", "/* c */ \"title\"", StringComparison.Ordinal), ".json"), (Seed.Replace("]", ",]", StringComparison.Ordinal), ".json"),
        };
        return shapes[number % shapes.Length];
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int IndexOfNth(string text, string part, int n)
    {
        int at = text.IndexOf(part, StringComparison.Ordinal);
        for (int i = 0; i < n; i++)
        {
            at = text.IndexOf(part, at + 1, StringComparison.Ordinal);
        }

        return at;
    }

    /// <summary>A hash of the kind that is the same in every process (string.GetHashCode is not).</summary>
    private static int HashCode(string text)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
