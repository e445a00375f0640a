using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// 500 broken or altered copies of the fragment: the generator must never throw (no CS8785), and every
/// copy known to be invalid must get an error diagnostic. Seeds are fixed, so a failure reproduces.
/// </summary>
public class MutationTests
{
    public static TheoryData<string, int> Mutants()
    {
        var data = new TheoryData<string, int>();
        foreach ((string kind, int count) in new[] { ("truncate", 200), ("corrupt", 120), ("dangling-ref", 100), ("retype", 80) })
        {
            for (int seed = 0; seed < count; seed++)
            {
                data.Add(kind, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Mutants))]
    public void Mutated_spec_never_crashes_the_generator(string kind, int seed)
    {
        (string text, bool invalid) = Mutate(kind, seed);

        var outcome = GeneratorHarness.Run(new SpecFile("/specs/mutant.json", text));

        SpecMutations.AssertNeverCrashed(outcome);
        if (invalid)
        {
            Assert.Contains(outcome.DriverDiagnostics, d => d.Id.StartsWith("ATLAS", StringComparison.Ordinal) && d.DefaultSeverity == DiagnosticSeverity.Error);
        }
    }

    private static (string Text, bool Invalid) Mutate(string kind, int seed)
    {
        string spec = Specs.Fragment;
        var random = new Random(seed * 7919 + kind.Length);
        switch (kind)
        {
            case "truncate":
                // Any proper prefix of a JSON object is invalid JSON.
                return (spec[..random.Next(0, spec.TrimEnd().Length - 1)], true);
            case "corrupt":
                // Replace a structural character outside any string: always invalid JSON.
                List<int> structural = SpecMutations.StructuralPositions(spec);
                int at = structural[random.Next(structural.Count)];
                return (spec[..at] + "#" + spec[(at + 1)..], true);
            case "dangling-ref":
                MatchCollection refs = SpecMutations.RefPattern().Matches(spec);
                Match chosen = refs[random.Next(refs.Count)];
                return (spec[..chosen.Index] + "\"$ref\": \"#/components/schemas/Missing" + seed + "\"" + spec[(chosen.Index + chosen.Length)..], true);
            default:
                // Valid JSON with odd but legal or tolerated schema content: must not crash; diagnostics optional.
                MatchCollection types = SpecMutations.TypePattern().Matches(spec);
                Match type = types[random.Next(types.Count)];
                string[] replacements = ["\"type\": \"banana\"", "\"type\": \"integer\"", "\"type\": [\"string\", \"null\"]", "\"type\": null", "\"type\": \"array\"", "\"type\": \"object\""];
                return (spec[..type.Index] + replacements[random.Next(replacements.Length)] + spec[(type.Index + type.Length)..], false);
        }
    }
}
