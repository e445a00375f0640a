using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

public class IncrementalTests
{
    private static readonly string[] OurSteps = [TrackingNames.SpecInputs, TrackingNames.ParsedSpecs, TrackingNames.Specs, TrackingNames.Diagnostics, TrackingNames.Settings];

    [Fact]
    public void Editing_unrelated_code_leaves_every_step_cached()
    {
        var parseOptions = GeneratorHarness.ParseOptions();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([SpecFile.Fragment()], parseOptions);
        var compilation = GeneratorHarness.Compilation(parseOptions, "class A { }");
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("class A { int B; }", parseOptions));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var steps = result.TrackedSteps.Where(step => OurSteps.Contains(step.Key)).ToList();
        // Diagnostics has no step when the spec yields no diagnostic; every other step must be there.
        Assert.Equal(OurSteps.Where(s => s != TrackingNames.Diagnostics).Order(), steps.Select(s => s.Key).Where(s => s != TrackingNames.Diagnostics).Order());
        foreach (var step in steps)
        {
            foreach (var output in step.Value.SelectMany(run => run.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step.Key + " was " + output.Reason);
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_the_spec_reparses_and_reemits_once()
    {
        var spec = SpecFile.Fragment();
        var parseOptions = GeneratorHarness.ParseOptions();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([spec], parseOptions);
        var compilation = GeneratorHarness.Compilation(parseOptions);
        driver = driver.RunGenerators(compilation);
        AdditionalText original = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.SpecInputs].Single().Inputs.Single().Source.Outputs.Single().Value is ValueTuple<AdditionalText, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider> pair
            ? pair.Item1
            : throw new InvalidOperationException("unexpected step input");

        string editedText = spec.Text.Replace("\"roleId\": {", "\"roleLabel\": { \"type\": \"string\" }, \"roleId\": {", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(original, new EditedText(original.Path, editedText)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var parsed = Assert.Single(result.TrackedSteps[TrackingNames.ParsedSpecs]);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(parsed.Outputs).Reason);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("RoleLabel", StringComparison.Ordinal));
    }

    /// <summary>
    /// A one-line edit of the whole API (one operation's summary) re-emits the one file that shows it: every other
    /// generated file is the same text, so the driver keeps it and the compiler keeps its syntax tree; and the models,
    /// which read no operation, are not even written again (#16).
    /// </summary>
    [Fact]
    public void A_one_line_edit_of_the_whole_api_re_emits_only_the_file_it_changes()
    {
        var spec = new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, "Contoso.AtlasApi");
        var parseOptions = GeneratorHarness.ParseOptions();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([spec], parseOptions);
        var compilation = GeneratorHarness.Compilation(parseOptions);
        driver = driver.RunGenerators(compilation);
        int files = driver.GetRunResult().Results.Single().GeneratedSources.Length;
        AdditionalText original = SpecInput(driver);

        const string Summary = "\"summary\": \"Return One Cloud Provider Access Role\"";
        Assert.Equal(1, CountOf(spec.Text, Summary));
        string edited = spec.Text.Replace(Summary, "\"summary\": \"Return One Cloud Provider Access Role, Edited\"", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(original, new EditedText(original.Path, edited)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(Assert.Single(result.TrackedSteps[TrackingNames.EmittedModels]).Outputs).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Assert.Single(result.TrackedSteps[TrackingNames.EmittedClients]).Outputs).Reason);
        var outputs = result.TrackedSteps[TrackingNames.GeneratedFiles].SelectMany(step => step.Outputs).ToList();
        Assert.True(files > 1000, files + " files");
        Assert.Equal(files, outputs.Count);
        var reEmitted = outputs.Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        var changed = Assert.Single(reEmitted);
        Assert.Equal("Contoso.AtlasApi.CloudProviderAccessClient.g.cs", ((Emit.GeneratedFile)changed.Value).HintName);
        Assert.Contains("Return One Cloud Provider Access Role, Edited", result.GeneratedSources.Single(s => s.HintName == "Contoso.AtlasApi.CloudProviderAccessClient.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static AdditionalText SpecInput(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.SpecInputs].Single().Inputs.Single().Source.Outputs.Single().Value is ValueTuple<AdditionalText, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider> pair
            ? pair.Item1
            : throw new InvalidOperationException("unexpected step input");

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void Pipeline_values_hold_no_roslyn_or_nswag_objects()
    {
        // A spec with a warning, so the diagnostics step has values too.
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/with-warning.json", Specs.Fragment.Replace("\"detail\": {", "\"detail\": { \"not\": { \"type\": \"integer\" },", StringComparison.Ordinal)));
        Assert.Contains(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS003");
        var checkedSteps = new[] { TrackingNames.ParsedSpecs, TrackingNames.Specs, TrackingNames.Diagnostics };
        foreach (string step in checkedSteps)
        {
            foreach (var output in outcome.Result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                AssertNoForeignObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertNoForeignObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        string? ns = type.Namespace;
        Assert.False(
            (ns?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true && type != typeof(DiagnosticDescriptor) && type != typeof(LocalizableResourceString) && !typeof(LocalizableString).IsAssignableFrom(type))
            || ns?.StartsWith("NSwag", StringComparison.Ordinal) == true
            || ns?.StartsWith("NJsonSchema", StringComparison.Ordinal) == true
            || ns?.StartsWith("Newtonsoft", StringComparison.Ordinal) == true,
            path + " holds a " + type.FullName);
        if (type == typeof(DiagnosticDescriptor))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertNoForeignObjects(item, path + "[]", seen);
            }
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoForeignObjects(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
