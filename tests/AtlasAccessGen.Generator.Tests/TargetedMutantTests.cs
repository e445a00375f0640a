using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Seeded mutants of the fragment of the kinds issue #14's fuzz run found crashing, hanging or generating broken code:
/// deep nesting (JSON and YAML), YAML alias bombs, $refs to the wrong kind of component, $ref cycles, inheritance
/// cycles and long allOf chains, parameters without a name or location, empty files and YAML with quoted keys. Each runs on a 1 MB stack within a time budget;
/// each either gets the diagnostic its shape calls for, or generates code that compiles and emits with no error or
/// warning. Seeds are fixed, so a failure reproduces. Fuzz/FuzzTests.cs runs 2,000 more, broader and with a weaker
/// oracle (no crash, hang, silence or broken build); these assert the exact diagnostic of each shape.
/// </summary>
public class TargetedMutantTests
{
    private const int SeedsPerKind = 8;

    /// <summary>Far above what any mutant needs (the fragment generates in well under a second): only a hang passes it.</summary>
    private static readonly TimeSpan GeneratorBudget = TimeSpan.FromSeconds(30);

    private static readonly string[] Kinds = ["deep-json", "deep-yaml", "deep-yaml-flow", "alias-bomb", "wrong-kind-ref", "ref-cycle", "inheritance-cycle", "allof-chain", "missing-name", "empty", "quoted-keys"];

    /// <summary>Plain object schemas of the fragment: no allOf, and no discriminator maps to them.</summary>
    private static readonly string[] PlainObjects = ["ApiError", "BadRequestDetail", "CloudProviderAccessRoles", "FieldViolation"];

    private static readonly Lazy<int> s_fragmentSourceCount = new(() => GeneratorHarness.Run(SpecFile.Fragment()).Sources.Count);

    public static TheoryData<string, int> Mutants()
    {
        var data = new TheoryData<string, int>();
        foreach (string kind in Kinds)
        {
            for (int seed = 0; seed < SeedsPerKind; seed++)
            {
                data.Add(kind, seed);
            }
        }

        return data;
    }

    /// <summary>What a mutant must produce: an error diagnostic with this id, a warning with this id, or clean generation.</summary>
    private sealed record Mutant(string Path, string Text, string? ErrorId = null, string? WarningId = null);

    [Theory]
    [MemberData(nameof(Mutants))]
    public async Task Mutant_gets_its_diagnostic_or_generates_code_that_compiles_and_emits(string kind, int seed)
    {
        Mutant mutant = Mutate(kind, seed);
        var spec = new SpecFile(mutant.Path, mutant.Text);

        Task<GeneratorHarness.GeneratorOutcome> run = Task.Factory.StartNew(() => GeneratorHarness.RunOnStack(1024 * 1024, spec), TaskCreationOptions.LongRunning);
        GeneratorHarness.GeneratorOutcome outcome;
        try
        {
            outcome = await run.WaitAsync(GeneratorBudget);
        }
        catch (TimeoutException)
        {
            Assert.Fail(kind + " " + seed + " did not finish within " + GeneratorBudget + ": a hang.");
            return;
        }

        SpecMutations.AssertNeverCrashed(outcome);
        string found = string.Join("\n", outcome.DriverDiagnostics);
        if (mutant.ErrorId is { } errorId)
        {
            Assert.True(outcome.DriverDiagnostics.Any(d => d.Id == errorId && d.DefaultSeverity == DiagnosticSeverity.Error), "expected " + errorId + ", got:\n" + found);
            Assert.All(outcome.DriverDiagnostics.Where(d => d.Id == errorId), d => Assert.Equal(mutant.Path, d.Location.GetLineSpan().Path));
            Assert.Empty(outcome.Sources);
            return;
        }

        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        if (mutant.WarningId is { } warningId)
        {
            Assert.True(outcome.DriverDiagnostics.Any(d => d.Id == warningId), "expected " + warningId + ", got:\n" + found);
        }
        else
        {
            Assert.True(outcome.DriverDiagnostics.All(d => d.DefaultSeverity < DiagnosticSeverity.Warning), found);
        }

        Assert.NotEmpty(outcome.Sources);
        Assert.Empty(outcome.CompilationProblems());
        Assert.Empty(outcome.EmitProblems());
        if (kind == "quoted-keys")
        {
            Assert.Equal(s_fragmentSourceCount.Value, outcome.Sources.Count);
        }
    }

    private static Mutant Mutate(string kind, int seed)
    {
        var random = new Random(seed * 104729 + kind.Length * 31 + kind[0]);
        JsonObject tree = SpecMutations.FragmentTree();
        switch (kind)
        {
            case "deep-json":
            case "deep-yaml":
            {
                // A chain of k nested objects under a component schema: the schema is level 4, the innermost object 6 + 2k.
                int nested = random.Next(15, 31);
                JsonObject schema = RandomSchemaWithProperties(tree, random);
                JsonNode chain = new JsonObject { ["type"] = "string" };
                for (int i = 0; i < nested; i++)
                {
                    chain = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["deep"] = chain } };
                }

                schema["properties"]!.AsObject()["deep"] = chain;
                string? error = 6 + 2 * nested > 48 ? "ATLAS030" : null;
                return kind == "deep-json"
                    ? new Mutant("/specs/deep.json", SpecMutations.ToJson(tree), error)
                    : new Mutant("/specs/deep.yaml", SpecMutations.ToYaml(tree), error);
            }

            case "deep-yaml-flow":
            {
                // n nested flow sequences in an extension at the root (level 1): the innermost is level 1 + n.
                int nested = random.Next(40, 61);
                string text = SpecMutations.ToYaml(tree) + "x-deep: " + new string('[', nested) + "1" + new string(']', nested) + "\n";
                return new Mutant("/specs/deep-flow.yaml", text, 1 + nested > 48 ? "ATLAS030" : null);
            }

            case "alias-bomb":
            {
                // Each anchor is 'fanOut' aliases of the one before; expanding them all adds sum(fanOut * size(previous)) nodes.
                int fanOut = random.Next(2, 10);
                int levels = random.Next(3, 13);
                var lines = new List<string> { "x-laughs:", "  l0: &l0 [" + string.Join(", ", Enumerable.Repeat("lol", fanOut)) + "]" };
                long size = 1 + fanOut;
                long added = 0;
                for (int i = 1; i < levels; i++)
                {
                    lines.Add("  l" + i + ": &l" + i + " [" + string.Join(", ", Enumerable.Repeat("*l" + (i - 1), fanOut)) + "]");
                    added += fanOut * size;
                    size = 1 + fanOut * size;
                }

                return new Mutant("/specs/laughs.yaml", SpecMutations.ToYaml(tree) + string.Join("\n", lines) + "\n", added > 100_000 ? "ATLAS031" : null);
            }

            case "wrong-kind-ref":
            {
                List<JsonObject> holders = SpecMutations.ReferenceHolders(tree);
                JsonObject holder = holders[random.Next(holders.Count)];
                string section = holder["$ref"]!.GetValue<string>().Split('/')[2];
                string[] others = new[] { "schemas", "parameters", "responses", "headers" }.Where(s => s != section).ToArray();
                string other = others[random.Next(others.Length)];
                string[] names = tree["components"]![other]!.AsObject().Select(member => member.Key).ToArray();
                holder["$ref"] = "#/components/" + other + "/" + names[random.Next(names.Length)];
                return Serialized(tree, random, "kind") with { ErrorId = "ATLAS032" };
            }

            case "ref-cycle":
            {
                JsonObject schemas = tree["components"]!["schemas"]!.AsObject();
                string[] names = schemas.Select(member => member.Key).ToArray();
                string first = names[random.Next(names.Length)];
                string second = names[random.Next(names.Length)];
                schemas[first] = new JsonObject { ["$ref"] = "#/components/schemas/" + second };
                if (second != first)
                {
                    schemas[second] = random.Next(2) == 0
                        ? new JsonObject { ["$ref"] = "#/components/schemas/" + first }
                        : new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + first }) };
                }

                return Serialized(tree, random, "cycle") with { ErrorId = "ATLAS033" };
            }

            case "inheritance-cycle":
            {
                // A derives from B by allOf, and B from A: by allOf too, or as the target of A's discriminator mapping.
                JsonObject schemas = tree["components"]!["schemas"]!.AsObject();
                string first = PlainObjects[random.Next(PlainObjects.Length)];
                string second = PlainObjects.Where(name => name != first).ElementAt(random.Next(PlainObjects.Length - 1));
                schemas[first] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + second }, schemas[first]!.DeepClone()) };
                if (random.Next(2) == 0)
                {
                    schemas[second] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + first }, schemas[second]!.DeepClone()) };
                }
                else
                {
                    schemas[first]!["discriminator"] = new JsonObject { ["propertyName"] = "kind", ["mapping"] = new JsonObject { ["other"] = "#/components/schemas/" + second } };
                }

                return Serialized(tree, random, "inherits") with { WarningId = "ATLAS035" };
            }

            case "allof-chain":
            {
                // Level1 : BadRequestDetail, Level2 : Level1 ... reached from ApiError, which every error response uses.
                int levels = random.Next(10, 25);
                JsonObject schemas = tree["components"]!["schemas"]!.AsObject();
                string previous = "BadRequestDetail";
                for (int i = 1; i <= levels; i++)
                {
                    schemas["Level" + i] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + previous }, new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["p" + i] = new JsonObject { ["type"] = "string" } } }) };
                    previous = "Level" + i;
                }

                schemas["ApiError"]!["properties"]!.AsObject()["chained"] = new JsonObject { ["$ref"] = "#/components/schemas/" + previous };
                return Serialized(tree, random, "chain") with { WarningId = levels > 16 ? "ATLAS034" : null };
            }

            case "missing-name":
            {
                List<JsonObject> parameters = Parameters(tree);
                JsonObject parameter = parameters[random.Next(parameters.Count)];
                parameter.Remove(random.Next(3) == 0 ? "in" : "name");
                return Serialized(tree, random, "unnamed") with { WarningId = "ATLAS036" };
            }

            case "empty":
            {
                string[] blanks = ["", " ", "\n", "\r\n\r\n", "\t \n "];
                return new Mutant(random.Next(2) == 0 ? "/specs/empty.json" : "/specs/empty.yaml", blanks[random.Next(blanks.Length)], "ATLAS001");
            }

            default:
                return new Mutant("/specs/quoted.yaml", SpecMutations.ToYaml(tree, random));
        }
    }

    /// <summary>The tree as JSON or (with randomly quoted keys) YAML, with the matching extension.</summary>
    private static Mutant Serialized(JsonObject tree, Random random, string name) =>
        random.Next(2) == 0
            ? new Mutant("/specs/" + name + ".json", SpecMutations.ToJson(tree))
            : new Mutant("/specs/" + name + ".yaml", SpecMutations.ToYaml(tree, random));

    private static JsonObject RandomSchemaWithProperties(JsonObject tree, Random random)
    {
        JsonObject[] candidates = tree["components"]!["schemas"]!.AsObject()
            .Select(member => member.Value as JsonObject)
            .Where(schema => schema?["properties"] is JsonObject)
            .ToArray()!;
        return candidates[random.Next(candidates.Length)];
    }

    /// <summary>Every parameter object written out (not a $ref): the shared ones in components and those inline in paths.</summary>
    private static List<JsonObject> Parameters(JsonObject tree)
    {
        var parameters = tree["components"]!["parameters"]!.AsObject().Select(member => member.Value!.AsObject()).ToList();
        foreach (KeyValuePair<string, JsonNode?> path in tree["paths"]!.AsObject())
        {
            foreach (KeyValuePair<string, JsonNode?> operation in path.Value!.AsObject())
            {
                if (operation.Value is JsonObject { } op && op["parameters"] is JsonArray list)
                {
                    parameters.AddRange(list.OfType<JsonObject>().Where(p => !p.ContainsKey("$ref")));
                }
            }
        }

        return parameters;
    }
}
