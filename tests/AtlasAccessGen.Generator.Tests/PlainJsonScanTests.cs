using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using AtlasAccessGen.Generator.Parsing;
using AtlasAccessGen.Generator.Tests.Fuzz;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The structure scan reads plain JSON by hand (#16) and leaves everything else to its Json.NET pass. Whenever the
/// hand-written walk answers, the answer must be the Json.NET pass's to the letter: the same references at the same
/// lines and columns, the same sunsets, version and limit diagnostics; and where Json.NET fails, it must decline.
/// </summary>
public class PlainJsonScanTests
{
    [Theory]
    [MemberData(nameof(DocumentReadTests.RealSpecs), MemberType = typeof(DocumentReadTests))]
    public void The_real_specs_are_read_by_hand_to_what_json_net_reads(string spec)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", spec));

        SpecStructure? plain = SpecStructureScan.TryScanPlainJson("/specs/spec.json", "spec.json", text, CancellationToken.None);

        Assert.NotNull(plain);
        Assert.NotEmpty(plain!.References);
        AssertSame(SpecStructureScan.ScanJson("/specs/spec.json", "spec.json", text, CancellationToken.None), plain);
    }

    /// <summary>Every JSON spec of the fuzz corpus (deep nesting, nulls, hostile text, the regressions): answered alike, or declined.</summary>
    [Fact]
    public void Every_json_spec_of_the_fuzz_corpus_gets_the_same_answer_or_is_left_to_json_net()
    {
        int answered = 0;
        int cases = 0;
        foreach (FuzzCase fuzz in FuzzCorpus.All().Where(c => c.Path.EndsWith(".json", StringComparison.Ordinal)))
        {
            cases++;
            if (Compare(fuzz.Text, fuzz.Name))
            {
                answered++;
            }
        }

        // Most of the corpus is plain JSON, so the walk must take most of it (else it would be dead code).
        Assert.True(answered > cases / 2, answered + " of " + cases);
    }

    [Theory]
    [InlineData("CRLF line ends", "{\r\n  \"openapi\": \"3.0.1\",\r\n  \"paths\": { \"/a\": { \"$ref\": \"#/components/pathItems/a\" } }\r\n}")]
    [InlineData("CR line ends", "{\r  \"openapi\": \"3.0.1\",\r  \"x\": { \"$ref\" :\r \"#/b\" }\r}")]
    [InlineData("tabs and a key split from its colon", "{\t\"openapi\"\n\t:\t\"3.1.0\", \"a\": [ { \"$ref\": \"#/c\" }, { \"$ref\": \"#/d\" } ] }")]
    [InlineData("a null where none may be", """{ "openapi": "3.0.1", "paths": { "/a": { "get": { "responses": { "200": null } } } } }""")]
    [InlineData("nulls where they may be", """{ "openapi": "3.0.1", "components": { "schemas": { "A": { "example": null, "default": null, "x-y": null, "enum": [ null ] } } } }""")]
    [InlineData("a null openapi", """{ "openapi": null, "swagger": null }""")]
    [InlineData("a boolean openapi", """{ "openapi": true }""")]
    [InlineData("a number openapi", """{ "openapi": 3.0 }""")]
    [InlineData("a number swagger", """{ "swagger": 2 }""")]
    [InlineData("an object swagger", """{ "swagger": { "a": 1 } }""")]
    [InlineData("numbers of every shape", """{ "a": [ 0, -1, 1.5, -0.25e10, 3E+2, 7e-3 ], "openapi": "3.0.0" }""")]
    [InlineData("a leading zero", """{ "a": 01 }""")]
    [InlineData("escapes in values", """{ "openapi": "3.0.1", "d": "a\"b\\c\/d\b\f\n\r\t\u00e9", "x": { "$ref": "#/a" } }""")]
    [InlineData("an escaped $ref", """{ "x": { "$ref": "#/components/schemas/a\u0062" } }""")]
    [InlineData("an escaped key", """{ "x\u0041": { "$ref": "#/a" } }""")]
    [InlineData("a bad escape", """{ "a": "\x" }""")]
    [InlineData("a comment", "{ /* c */ \"openapi\": \"3.0.1\" }")]
    [InlineData("single quotes", "{ 'openapi': '3.0.1' }")]
    [InlineData("a bare key", "{ openapi: \"3.0.1\" }")]
    [InlineData("a trailing comma", """{ "a": [ 1, ], "b": 2, }""")]
    [InlineData("text after the root", """{ "openapi": "3.0.1" } trailing""")]
    [InlineData("cut short", """{ "openapi": "3.0.1", "paths": { "/a": """)]
    [InlineData("cut inside a string", """{ "openapi": "3.0""")]
    [InlineData("a raw newline in a string", "{ \"a\": \"x\ny\", \"b\": { \"$ref\": \"#/c\" } }")]
    [InlineData("empty containers", """{ "a": {}, "b": [], "c": [ {}, [] ], "d": { "$ref": "#/e" } }""")]
    [InlineData("an array root", """[ { "$ref": "#/a" } ]""")]
    [InlineData("a scalar root", "\"just a string\"")]
    [InlineData("nothing", "")]
    [InlineData("only whitespace", " \r\n\t ")]
    [InlineData("a byte order mark", "\uFEFF{ \"openapi\": \"3.0.1\" }")]
    [InlineData("no-break space", "{\u00A0\"openapi\": \"3.0.1\" }")]
    [InlineData("x-sunset in and out of a media type", """{ "paths": { "/a": { "get": { "responses": { "200": { "content": { "application/json": { "x-sunset": "2026-01-01" } } } }, "x-sunset": "2025-01-01" } } } }""")]
    [InlineData("a request body's sunset", """{ "paths": { "/a": { "post": { "requestBody": { "content": { "application/json": { "x-sunset": "2027-01-01" } } } } } } }""")]
    [InlineData("a $ref that is no string", """{ "a": { "$ref": 1 }, "b": { "$ref": true }, "c": { "$ref": null }, "d": { "$ref": [ "#/x" ] } }""")]
    [InlineData("a $ref in an array", """{ "a": [ "$ref", { "$ref": "#/b" } ] }""")]
    [InlineData("unicode keys", """{ "名前": { "$ref": "#/a" }, "Ünï": [ { "$ref": "#/b" } ] }""")]
    public void Each_text_shape_gets_the_same_answer_or_is_left_to_json_net(string shape, string text)
    {
        Compare(text, shape);
    }

    [Fact]
    public void Nesting_past_the_limit_is_found_at_the_same_place()
    {
        string text = "{ \"openapi\": \"3.0.1\",\n  \"a\": " + string.Concat(Enumerable.Repeat("[", SpecLimits.MaxNestingDepth + 5)) + string.Concat(Enumerable.Repeat("]", SpecLimits.MaxNestingDepth + 5)) + " }";

        Assert.True(Compare(text, "arrays too deep"));
        Assert.NotNull(SpecStructureScan.TryScanPlainJson("/specs/spec.json", "spec.json", text, CancellationToken.None)!.LimitExceeded);
    }

    /// <summary>True when the walk answered (and its answer is Json.NET's); false when it declined.</summary>
    private static bool Compare(string text, string name)
    {
        SpecStructure? plain = SpecStructureScan.TryScanPlainJson("/specs/spec.json", "spec.json", text, CancellationToken.None);
        SpecStructure expected;
        try
        {
            expected = SpecStructureScan.ScanJson("/specs/spec.json", "spec.json", text, CancellationToken.None);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            Assert.True(plain is null, name + ": Json.NET fails on it, so the walk must decline it");
            return false;
        }

        if (plain is null)
        {
            return false;
        }

        AssertSame(expected, plain, name);
        return true;
    }

    private static void AssertSame(SpecStructure expected, SpecStructure actual, string name = "")
    {
        Assert.True(expected.OpenApiVersion == actual.OpenApiVersion, name + ": version " + expected.OpenApiVersion + " / " + actual.OpenApiVersion);
        Assert.True(expected.DeclaresSwagger == actual.DeclaresSwagger, name + ": swagger");
        Assert.True(expected.LimitExceeded == actual.LimitExceeded, name + ": " + expected.LimitExceeded + " / " + actual.LimitExceeded);
        Assert.Equal(Describe(expected.Sunsets), Describe(actual.Sunsets));
        Assert.Equal(expected.References.Select(Describe), actual.References.Select(Describe));
    }

    private static string Describe(ReferenceSite site) =>
        site.OwnerPointer + " [" + string.Join("|", site.OwnerSegments) + "] -> " + site.Target + " @" + site.Line + ":" + site.Column;

    private static IEnumerable<string> Describe(Dictionary<string, string> sunsets) =>
        sunsets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value);
}
