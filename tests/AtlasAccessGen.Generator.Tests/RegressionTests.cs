using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Each spec in regressions/ once crashed the compiler (stack overflow), hung it, failed with ATLAS099, or produced code that
/// did not compile (issue #14, from a fuzz run of 803 mutated specs). Each must now end in its own diagnostic, at the
/// right line of the right file, or generate code that compiles and emits cleanly.
/// </summary>
public class RegressionTests
{
    /// <summary>The default thread stack on Windows, where csc and Visual Studio run generators.</summary>
    private const int WindowsDefaultStack = 1024 * 1024;

    private static Diagnostic SingleError(GeneratorHarness.GeneratorOutcome outcome, string id, SpecFile spec)
    {
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id is "CS8785" or "ATLAS099");
        Diagnostic diagnostic = Assert.Single(outcome.DriverDiagnostics, d => d.Id == id);
        Assert.Equal(spec.Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(System.IO.Path.GetFileName(spec.Path), diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Fix", diagnostic.GetMessage(), StringComparison.Ordinal);
        return diagnostic;
    }

    private static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line;

    /// <summary>The zero-based line of the first line of <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    private static int LineOf(string text, string marker, int occurrence = 1)
    {
        string[] lines = text.Split('\n');
        int seen = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal) && ++seen == occurrence)
            {
                return i;
            }
        }

        throw new InvalidOperationException("'" + marker + "' is not in the text.");
    }

    private static void AssertCompilesAndEmits(GeneratorHarness.GeneratorOutcome outcome)
    {
        Assert.NotEmpty(outcome.Sources);
        Assert.Empty(outcome.CompilationProblems());
        Assert.Empty(outcome.EmitProblems());
    }

    [Theory]
    [InlineData("nesting-too-deep.json", "\"properties\"")]
    [InlineData("nesting-too-deep.yaml", "x-deep:")]
    public void Nesting_past_the_limit_is_an_error_before_any_recursive_parser_runs(string fileName, string lineMarker)
    {
        SpecFile spec = Specs.Regression(fileName);

        var outcome = GeneratorHarness.RunOnStack(WindowsDefaultStack, spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS030", spec);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        Assert.Contains("48 levels", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
        if (fileName.EndsWith(".json", StringComparison.Ordinal))
        {
            // Root is level 4 and each "properties" + "inner" pair adds two: the 23rd "properties" opens level 49.
            Assert.Equal(LineOf(spec.Text, lineMarker, occurrence: 23), Line(diagnostic));
        }
        else
        {
            Assert.Equal(LineOf(spec.Text, lineMarker), Line(diagnostic));
        }
    }

    [Theory]
    [InlineData("nesting-at-limit.json")]
    [InlineData("nesting-at-limit.yaml")]
    public void Nesting_at_the_limit_generates_on_a_one_megabyte_stack(string fileName)
    {
        var outcome = GeneratorHarness.RunOnStack(WindowsDefaultStack, Specs.Regression(fileName));

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.DriverDiagnostics);
        AssertCompilesAndEmits(outcome);
    }

    [Fact]
    public void Yaml_alias_bomb_is_rejected_before_it_expands()
    {
        SpecFile spec = Specs.Regression("alias-bomb.yaml");

        var outcome = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS031", spec);
        Assert.Contains("100,000", diagnostic.GetMessage(), StringComparison.Ordinal);

        // The first alias whose expansion passes the budget: l5 is 9^5 strings, the first anchor above 100,000 nodes in all.
        Assert.Equal(LineOf(spec.Text, "l5: &l5"), Line(diagnostic));
        Assert.Empty(outcome.Sources);

        // No time limit asserted: an upper bound flakes on a loaded machine. The line above is the proof that the
        // expansion stopped at the budget: without it there is no ATLAS031, and l9 (9^9 strings) never finishes.
    }

    [Fact]
    public void Pure_ref_cycle_is_an_error_at_the_first_ref_of_the_cycle()
    {
        SpecFile spec = Specs.Regression("ref-cycle.json");

        var outcome = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS033", spec);
        Assert.Contains("#/components/schemas/Root -> #/components/schemas/Loop -> #/components/schemas/Root", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(spec.Text, "\"$ref\": \"#/components/schemas/Loop\""), Line(diagnostic));
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Ref_cycle_inside_an_example_or_extension_is_data_not_an_error()
    {
        var outcome = GeneratorHarness.Run(Specs.Regression("ref-cycle-in-data.json"));

        SpecMutations.AssertNeverCrashed(outcome);
        Assert.Empty(outcome.DriverDiagnostics);
        AssertCompilesAndEmits(outcome);
    }

    [Fact]
    public void Ref_to_the_wrong_kind_of_component_is_an_error_at_the_ref()
    {
        SpecFile spec = Specs.Regression("ref-wrong-kind.json");

        var outcome = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS032", spec);
        Assert.Contains("points at a schema, but a parameter belongs there", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'#/components/parameters'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(spec.Text, "\"$ref\": \"#/components/schemas/Root\""), Line(diagnostic));
    }

    [Fact]
    public void Parameter_without_name_leaves_its_operation_out_with_a_warning()
    {
        SpecFile spec = Specs.Regression("parameter-without-name.json");

        var outcome = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS036", spec);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains("has no 'name'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'listThings'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(spec.Text, "\"in\": \"query\"") - 1, Line(diagnostic));
        Assert.DoesNotContain("ListThings", string.Concat(outcome.Sources.Select(s => s.SourceText.ToString())), StringComparison.Ordinal);
        AssertCompilesAndEmits(outcome);
    }

    [Theory]
    [InlineData("empty.json", "JSON")]
    [InlineData("empty.yaml", "YAML")]
    public void Empty_file_is_unreadable_at_its_first_line(string fileName, string format)
    {
        SpecFile spec = Specs.Regression(fileName);

        var outcome = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS001", spec);
        Assert.Contains("not valid " + format + ": the file is empty", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(0, Line(diagnostic));
    }

    [Theory]
    [InlineData("null-response.json", "\"404\": null")]
    [InlineData("null-media-type.yaml", "application/vnd.atlas.2023-01-01+json:")]
    public void A_null_where_OpenAPI_needs_a_value_is_an_error_at_that_line(string fileName, string lineMarker)
    {
        // Found by the fuzz corpus (structure-0085 and five more): NSwag and the operation reader threw on them.
        SpecFile spec = Specs.Regression(fileName);

        var outcome = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = SingleError(outcome, "ATLAS037", spec);
        Assert.Equal(LineOf(spec.Text, lineMarker), Line(diagnostic));
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Yaml_with_quoted_keys_generates()
    {
        var outcome = GeneratorHarness.Run(Specs.Regression("quoted-keys.yaml"));

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.DriverDiagnostics);
        Assert.Contains(outcome.Sources, s => s.HintName == "Contoso.Atlas.Thing.g.cs");
        AssertCompilesAndEmits(outcome);
    }

    [Fact]
    public void Allof_chain_past_the_limit_is_raw_json_below_the_limit_and_stays_small()
    {
        SpecFile spec = Specs.Regression("allof-chain-too-deep.json");

        var outcome = GeneratorHarness.Run(spec);

        // Before the cap this spec generated 2.4 MB of C# with 330 CS8120 errors (the emitter orders subtype cases by a
        // depth it counts only to 64). Level17 is the first with more than 16 bases; it and everything below it are raw
        // JSON, reported once.
        Diagnostic diagnostic = SingleError(outcome, "ATLAS034", spec);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains("'Level17'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(spec.Text, "\"Level17\": {"), Line(diagnostic));

        string root = outcome.Source("Contoso.Atlas.Root.g.cs");
        Assert.Contains("global::System.Text.Json.JsonElement? Deepest", root, StringComparison.Ordinal);
        Assert.Contains("global::Contoso.Atlas.Level3? Shallow", root, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Sources, s => s.HintName == "Contoso.Atlas.Level17.g.cs");
        Assert.True(outcome.Sources.Sum(s => s.SourceText.Length) < 200_000, "generated " + outcome.Sources.Sum(s => s.SourceText.Length) + " characters");
        AssertCompilesAndEmits(outcome);
    }

    [Fact]
    public void Allof_chain_at_the_limit_still_inherits()
    {
        SpecFile spec = Specs.Regression("allof-chain-too-deep.json");
        spec = spec with { Text = spec.Text.Replace("\"$ref\": \"#/components/schemas/Level69\"", "\"$ref\": \"#/components/schemas/Level16\"", StringComparison.Ordinal) };

        var outcome = GeneratorHarness.Run(spec);

        Assert.Contains("public sealed partial class Level16 : global::Contoso.Atlas.Level15", outcome.Source("Contoso.Atlas.Level16.g.cs"), StringComparison.Ordinal);
        AssertCompilesAndEmits(outcome);
    }

    [Fact]
    public void Discriminator_cycle_drops_one_base_and_compiles()
    {
        SpecFile spec = Specs.Regression("discriminator-cycle.json");

        var outcome = GeneratorHarness.Run(spec);

        // Pet comes first: it derives from Cat (Cat maps to it), so Cat cannot also derive from Pet.
        Diagnostic diagnostic = SingleError(outcome, "ATLAS035", spec);
        Assert.Contains("'Cat' would derive from 'Pet'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(spec.Text, "\"Cat\": {"), Line(diagnostic));
        Assert.Contains("partial class Pet : global::Contoso.Atlas.Cat", outcome.Source("Contoso.Atlas.Pet.g.cs"), StringComparison.Ordinal);
        Assert.Contains("abstract partial class Cat\n", outcome.Source("Contoso.Atlas.Cat.g.cs").Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        AssertCompilesAndEmits(outcome);
    }

    [Fact]
    public void Discriminator_mapping_back_to_an_allof_base_drops_that_mapping_and_compiles()
    {
        SpecFile spec = Specs.Regression("discriminator-allof-cycle.json");

        var outcome = GeneratorHarness.Run(spec);

        // Before: Pet : Cat by allOf, while Pet's mapping made Cat a Pet too; Pet's converter returned a Cat as a Pet (CS0266).
        Diagnostic diagnostic = SingleError(outcome, "ATLAS035", spec);
        Assert.Contains("'Cat' would derive from 'Pet'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(spec.Text, "\"Cat\": {"), Line(diagnostic));
        Assert.Contains("partial class Pet : global::Contoso.Atlas.Cat", outcome.Source("Contoso.Atlas.Pet.g.cs"), StringComparison.Ordinal);
        AssertCompilesAndEmits(outcome);
    }
}
