using System;
using System.IO;
using System.Linq;
using Xunit;

namespace AtlasAccessGen.SpecTool.Tests;

/// <summary>Every bad input is one line on stderr, a non-zero exit code, and no output file (not even a temporary one).</summary>
public class BadInputTests
{
    private const string Minimal = """
        {
          "openapi": "3.0.1",
          "info": { "title": "t", "version": "1" },
          "paths": { "/a": { "get": { "tags": [ "A" ], "operationId": "getA", "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "REF" } } } } } } } },
          "components": { "schemas": { "A": { "type": "string" } } }
        }
        """;

    public static TheoryData<string, string, string, string[]> Cases() => new()
    {
        // name, input file name, input text (null: none), expected part of the message, selection
        { "missing file", "absent.json", "", new[] { "input file", "does not exist" } },
        { "invalid JSON", "bad.json", """{ "openapi": "3.0.1", "paths": { """, new[] { "is not valid JSON" } },
        { "duplicate JSON key", "dup.json", """{ "openapi": "3.0.1", "openapi": "3.0.2", "paths": {} }""", new[] { "is not valid JSON", "Duplicate property 'openapi'" } },
        { "JSON that is not an object", "array.json", "[1, 2]", new[] { "is not an OpenAPI document" } },
        { "invalid YAML", "bad.yaml", "openapi: 3.0.1\npaths: {\n  a: [1, 2\n", new[] { "is not valid YAML" } },
        { "duplicate YAML key", "dup.yaml", "openapi: 3.0.1\nopenapi: 3.0.2\npaths: {}\n", new[] { "is not valid YAML", "Duplicate key openapi" } },
        { "unknown tag", "spec.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal), new[] { "unknown tag 'Nope'" } },
        { "unknown operation", "spec.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal), new[] { "unknown operation 'nope'" } },
        { "$ref leaving the document", "spec.json", Minimal.Replace("REF", "other.json#/components/schemas/A", StringComparison.Ordinal), new[] { "$ref 'other.json#/components/schemas/A'", "leaves the document" } },
        { "$ref not resolving", "spec.json", Minimal.Replace("REF", "#/components/schemas/Missing", StringComparison.Ordinal), new[] { "$ref '#/components/schemas/Missing'", "does not resolve", "#/paths/~1a/get/responses/200/content/application~1json/schema/$ref" } },
        { "$ref outside components", "spec.json", Minimal.Replace("REF", "#/info", StringComparison.Ordinal), new[] { "$ref '#/info'", "points outside components" } },
        { "no paths", "nopaths.json", """{ "openapi": "3.0.1" }""", new[] { "has no paths object" } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_one_line_exit_code_1_and_no_output(string name, string fileName, string text, string[] expected)
    {
        using var scratch = new ScratchFolder();
        string input = name == "missing file" ? scratch.File(fileName) : scratch.Write(fileName, text);
        string[] selection = name switch
        {
            "unknown tag" => new[] { "--tag", "A", "--tag", "Nope" },
            "unknown operation" => new[] { "--operation", "getA", "--operation", "nope" },
            _ => new[] { "--tag", "A" },
        };
        string output = scratch.File("out.json");
        string[] before = scratch.Names();

        ToolResult result = Tool.Run([.. new[] { "slice", input }, .. selection, "-o", output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        AssertOneErrorLine(result.Stderr, expected);
        Assert.Equal(before, scratch.Names());
    }

    [Fact]
    public void A_failed_slice_leaves_an_existing_output_as_it_was()
    {
        using var scratch = new ScratchFolder();
        string output = scratch.Write("out.json", "previous");
        string input = scratch.Write("spec.json", Minimal.Replace("REF", "#/components/schemas/Missing", StringComparison.Ordinal));

        ToolResult result = Tool.Run("slice", input, "--tag", "A", "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.Equal(new[] { "out.json", "spec.json" }, scratch.Names());
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_is_an_error()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("spec.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal));

        ToolResult result = Tool.Run("slice", input, "--tag", "A", "-o", Path.Combine(scratch.Path, "missing", "out.json"));

        Assert.Equal(1, result.ExitCode);
        AssertOneErrorLine(result.Stderr, "does not exist");
    }

    [Theory]
    [InlineData("unknown command 'cut'", "cut")]
    [InlineData("diff needs two specs", "diff", "a.json")]
    [InlineData("diff takes two specs, got a third: 'c.json'", "diff", "a.json", "b.json", "c.json")]
    [InlineData("unknown option '--jsn'", "diff", "a.json", "b.json", "--jsn")]
    [InlineData("update needs the fragment to update", "update", "--from", "a.json")]
    [InlineData("update needs the newer upstream spec: --from", "update", "cpa.json")]
    [InlineData("--from is given twice", "update", "cpa.json", "--from", "a.json", "--from", "b.json")]
    [InlineData("--from needs a value", "update", "cpa.json", "--from")]
    [InlineData("unknown option '--form'", "update", "cpa.json", "--form", "a.json")]
    [InlineData("one fragment expected", "update", "cpa.json", "other.json", "--from", "a.json")]
    [InlineData("the fragment to update must be a local file", "update", "https://example.com/cpa.json", "--from", "a.json")]
    [InlineData("needs an input spec", "slice", "--tag", "A", "-o", "out.json")]
    [InlineData("needs an output file", "slice", "in.json", "--tag", "A")]
    [InlineData("at least one --tag or --operation", "slice", "in.json", "-o", "out.json")]
    [InlineData("--tag needs a value", "slice", "in.json", "-o", "out.json", "--tag")]
    [InlineData("unknown option '--tags'", "slice", "in.json", "--tags", "A", "-o", "out.json")]
    [InlineData("one input spec expected", "slice", "in.json", "other.json", "--tag", "A", "-o", "out.json")]
    public void Usage_errors_are_one_line_and_exit_code_2(string expected, params string[] args)
    {
        ToolResult result = Tool.Run(args);

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result.Stderr, expected);
    }

    public static TheoryData<string, string, string, string[]> DiffCases()
    {
        // diff has no selection, so the selection's own errors do not apply.
        var cases = new TheoryData<string, string, string, string[]>();
        foreach (object[] row in Cases().Where(row => (string)row[0] is not ("unknown tag" or "unknown operation")))
        {
            cases.Add((string)row[0], (string)row[1], (string)row[2], (string[])row[3]);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(DiffCases))]
    public void Bad_input_to_diff_is_one_line_and_exit_code_1_either_side(string name, string fileName, string text, string[] expected)
    {
        using var scratch = new ScratchFolder();
        string bad = name == "missing file" ? scratch.File(fileName) : scratch.Write(fileName, text);
        string good = scratch.Write("good.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal));
        string[] before = scratch.Names();

        foreach (string[] args in new[] { new[] { "diff", bad, good }, new[] { "diff", good, bad, "--json" } })
        {
            ToolResult result = Tool.Run(args);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Stdout);
            AssertOneErrorLine(result.Stderr, expected);
        }

        Assert.Equal(before, scratch.Names());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_upstream_to_update_is_one_line_and_exit_code_1_and_the_fragment_stays_as_it_was(string name, string fileName, string text, string[] expected)
    {
        using var scratch = new ScratchFolder();
        string upstream = name == "missing file" ? scratch.File(fileName) : scratch.Write(fileName, text);
        string fragmentText = Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal);
        string fragment = scratch.Write("fragment.json", fragmentText);
        string[] selection = name switch
        {
            "unknown tag" => new[] { "--tag", "A", "--tag", "Nope" },
            "unknown operation" => new[] { "--operation", "getA", "--operation", "nope" },
            _ => new[] { "--tag", "A" },
        };
        string[] before = scratch.Names();

        ToolResult result = Tool.Run([.. new[] { "update", fragment, "--from", upstream }, .. selection]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        AssertOneErrorLine(result.Stderr, expected);
        Assert.Equal(before, scratch.Names());
        Assert.Equal(fragmentText, File.ReadAllText(fragment));
    }

    [Theory]
    [InlineData("invalid JSON", """{ "openapi": """, "is not valid JSON")]
    [InlineData("$ref leaving the document", "other.json#/components/schemas/A", "leaves the document")]
    [InlineData("an invalid lock beside it", "#/components/schemas/A", "is not an atlas-spec lock file")]
    public void A_bad_fragment_or_lock_to_update_is_one_line_and_nothing_is_written(string name, string text, string expected)
    {
        using var scratch = new ScratchFolder();
        string fragmentText = text.StartsWith('{') ? text : Minimal.Replace("REF", text, StringComparison.Ordinal);
        string fragment = scratch.Write("fragment.json", fragmentText);
        if (name == "an invalid lock beside it")
        {
            scratch.Write("fragment.atlas-lock.json", """{ "atlasSpecLock": 2, "states": [] }""");
        }

        string upstream = scratch.Write("upstream.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal));
        string[] before = scratch.Names();

        ToolResult result = Tool.Run("update", fragment, "--from", upstream, "--tag", "A");

        Assert.Equal(1, result.ExitCode);
        AssertOneErrorLine(result.Stderr, expected);
        Assert.Equal(before, scratch.Names());
        Assert.Equal(fragmentText, File.ReadAllText(fragment));
    }

    [Fact]
    public void Updating_a_fragment_that_records_no_selection_needs_one()
    {
        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("fragment.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal));

        ToolResult result = Tool.Run("update", fragment, "--from", fragment);

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLine(result.Stderr, "records no selection (info.x-atlas-slice has no tags or operations): give --tag or --operation");
    }

    [Fact]
    public void Only_https_is_downloaded()
    {
        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("fragment.json", Minimal.Replace("REF", "#/components/schemas/A", StringComparison.Ordinal));

        ToolResult result = Tool.Run("update", fragment, "--from", "http://example.com/v2.yaml", "--tag", "A");

        Assert.Equal(1, result.ExitCode);
        AssertOneErrorLine(result.Stderr, "'http://example.com/v2.yaml' is not an https URL");
    }

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
    {
        ToolResult result = Tool.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("atlas-spec slice <input.json|input.yaml> --tag <tag>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("atlas-spec diff <old.json|yaml> <new.json|yaml> [--json] [--accept-breaking]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("atlas-spec update <fragment.json> --from <upstream.json|yaml|https-url>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 a breaking change and no --accept-breaking", result.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOneErrorLine(string stderr, params string[] expected)
    {
        Assert.EndsWith("\n", stderr, StringComparison.Ordinal);
        string line = stderr.TrimEnd('\r', '\n');
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("atlas-spec: error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        foreach (string part in expected)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }
    }
}
