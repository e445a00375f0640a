using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

public class DiagnosticTests
{
    private static Diagnostic Single(GeneratorHarness.GeneratorOutcome outcome, string id)
    {
        Assert.Null(outcome.Result.Exception);
        return Assert.Single(outcome.DriverDiagnostics, d => d.Id == id);
    }

    [Fact]
    public void Truncated_json_is_an_error_at_the_line_where_it_breaks()
    {
        string text = Specs.Fragment[..30000];
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/broken.json", text));

        Diagnostic diagnostic = Single(outcome, "ATLAS001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        Assert.Equal("/specs/broken.json", diagnostic.Location.GetLineSpan().Path);
        int lastLine = text.Count(c => c == '\n') + 1;
        Assert.True(Math.Abs(diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1 - lastLine) <= 1, diagnostic + " but the text ends on line " + lastLine);
        Assert.Contains("broken.json", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Broken_yaml_is_an_error_with_its_line()
    {
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/broken.yaml", "openapi: 3.0.1\ninfo:\n  title: x\n  version: '1'\npaths: {\n  bad: [\n"));

        Diagnostic diagnostic = Single(outcome, "ATLAS001");
        Assert.Contains("YAML", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Line >= 4);
    }

    [Fact]
    public void Unresolved_reference_names_the_ref_its_pointer_and_line()
    {
        string text = Specs.Fragment.Replace("#/components/schemas/FieldViolation\"", "#/components/schemas/FieldViolations\"", StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/refs.json", text));

        Diagnostic diagnostic = Single(outcome, "ATLAS002");
        Assert.Contains("#/components/schemas/FieldViolations", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("/components/schemas/BadRequestDetail/properties/fields/items/$ref", diagnostic.GetMessage(), StringComparison.Ordinal);
        int line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        Assert.Contains("FieldViolations", text.Split('\n')[line], StringComparison.Ordinal);
    }

    [Fact]
    public void External_reference_is_reported_and_never_read_from_disk()
    {
        string text = Specs.Fragment.Replace("#/components/schemas/FieldViolation\"", "/etc/passwd#/x\"", StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/external.json", text));

        Assert.Contains("/etc/passwd", Single(outcome, "ATLAS002").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_construct_warns_and_falls_back_to_json_element()
    {
        string text = Specs.Fragment.Replace("\"detail\": {", "\"detail\": { \"not\": { \"type\": \"integer\" },", StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/not.json", text));

        Diagnostic diagnostic = Single(outcome, "ATLAS003");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Contains("/components/schemas/ApiError/properties/detail", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("public global::System.Text.Json.JsonElement? Detail", outcome.Source("Contoso.Atlas.ApiError.g.cs"), StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Type_name_collision_warns_and_keeps_both_types()
    {
        string text = Specs.Fragment.Replace("\"FieldViolation\": {", "\"Field-Violation\": { \"type\": \"object\", \"properties\": { \"a\": { \"type\": \"string\" } } }, \"FieldViolation\": {", StringComparison.Ordinal)
            .Replace("\"fields\": {", "\"other\": { \"$ref\": \"#/components/schemas/Field-Violation\" }, \"fields\": {", StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/collide.json", text));

        Diagnostic diagnostic = Single(outcome, "ATLAS004");
        Assert.Contains("FieldViolation2", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(outcome.Sources, s => s.HintName == "Contoso.Atlas.FieldViolation2.g.cs");
        Assert.Empty(outcome.CompilationProblems());
    }

    [Theory]
    [InlineData("Contoso..Atlas")]
    [InlineData("Contoso.class")]
    [InlineData("1Atlas")]
    public void Invalid_namespace_metadata_is_an_error(string ns)
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { Namespace = ns });

        Assert.Contains(ns, Single(outcome, "ATLAS005").GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Invalid_api_version_metadata_is_an_error()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { ApiVersion = "2023-13-45" });

        Assert.Contains("ApiVersion", Single(outcome, "ATLAS005").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_that_is_neither_json_nor_yaml_is_an_error()
    {
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/spec.txt", Specs.Fragment));

        Assert.Equal(DiagnosticSeverity.Error, Single(outcome, "ATLAS006").DefaultSeverity);
    }

    [Theory]
    [InlineData("{}", "ATLAS007")]
    [InlineData("{\"swagger\": \"2.0\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {}}", "ATLAS007")]
    [InlineData("[1, 2]", "ATLAS007")]
    public void Document_that_is_not_openapi_3_is_an_error(string text, string id)
    {
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/other.json", text));

        Assert.Null(outcome.Result.Exception);
        Diagnostic error = Assert.Single(outcome.DriverDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
    }

    [Fact]
    public void Two_specs_in_one_namespace_are_an_error()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment(), new SpecFile("/specs/copy.json", Specs.Fragment));

        Assert.Equal(2, outcome.DriverDiagnostics.Count(d => d.Id == "ATLAS009"));
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Two_specs_in_two_namespaces_coexist()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment(), new SpecFile("/specs/copy.json", Specs.Fragment, "Contoso.Other"));

        Assert.Empty(outcome.DriverDiagnostics);
        Assert.Contains(outcome.Sources, s => s.HintName == "Contoso.Other.ApiError.g.cs");
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Language_version_below_11_is_an_error()
    {
        var outcome = GeneratorHarness.Run([SpecFile.Fragment()], GeneratorHarness.ParseOptions(LanguageVersion.CSharp10));

        Assert.Contains("C# 10", Single(outcome, "ATLAS010").GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Every_descriptor_has_a_unique_id_a_fix_and_a_help_link()
    {
        var descriptors = typeof(AtlasApiGenerator).Assembly.GetType("AtlasAccessGen.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetProperties(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)
            .Select(p => (DiagnosticDescriptor)p.GetValue(null)!)
            .ToList();

        Assert.True(descriptors.Count >= 10);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, d =>
        {
            Assert.Matches("^ATLAS[0-9]{3}$", d.Id);
            Assert.Contains("{0}", d.MessageFormat.ToString(), StringComparison.Ordinal);
            Assert.EndsWith("#" + d.Id.ToLowerInvariant(), d.HelpLinkUri, StringComparison.Ordinal);
        });
    }
}
