using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Inline <c>oneOf</c> + <c>discriminator</c> on properties and array items (the shape of the whole API's
/// <c>ApiAtlasFTSAnalyzersViewManual.tokenizer</c>), from a small spec written for the purpose.
/// </summary>
public class InlineUnionTests
{
    private const string Ns = "Contoso.Atlas";

    private const string Spec = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Test", "version": "2.0" },
          "paths": {
            "/api/atlas/v2/analyzers": {
              "get": {
                "operationId": "getAnalyzer",
                "tags": ["Search"],
                "responses": { "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Analyzer" } } } } }
              },
              "post": {
                "operationId": "createAnalyzer",
                "tags": ["Search"],
                "requestBody": { "content": { "application/vnd.atlas.2023-01-01+json": { "schema": {
                  "oneOf": [ { "$ref": "#/components/schemas/TokenizerEdgeGram" }, { "$ref": "#/components/schemas/TokenizerKeyword" } ],
                  "discriminator": { "propertyName": "type" } } } } },
                "responses": { "204": { "description": "Done" } }
              }
            }
          },
          "components": {
            "schemas": {
              "Analyzer": {
                "type": "object",
                "required": ["name", "tokenizer"],
                "properties": {
                  "name": { "type": "string" },
                  "tokenizer": {
                    "description": "The tokenizer.",
                    "type": "object",
                    "oneOf": [ { "$ref": "#/components/schemas/TokenizerEdgeGram" }, { "$ref": "#/components/schemas/TokenizerKeyword" } ],
                    "discriminator": { "propertyName": "type", "mapping": { "edgeGram": "#/components/schemas/TokenizerEdgeGram", "keyword": "#/components/schemas/TokenizerKeyword" } }
                  },
                  "filters": {
                    "type": "array",
                    "items": {
                      "oneOf": [ { "$ref": "#/components/schemas/lowercase" }, { "$ref": "#/components/schemas/Trim" } ],
                      "discriminator": { "propertyName": "kind" }
                    }
                  },
                  "shared": {
                    "oneOf": [ { "$ref": "#/components/schemas/Circle" }, { "$ref": "#/components/schemas/Square" } ],
                    "discriminator": { "propertyName": "shape", "mapping": { "circle": "#/components/schemas/Circle", "square": "#/components/schemas/Square" } }
                  },
                  "taken": {
                    "oneOf": [ { "$ref": "#/components/schemas/Circle" }, { "$ref": "#/components/schemas/Hexagon" } ],
                    "discriminator": { "propertyName": "shape", "mapping": { "circle": "#/components/schemas/Circle", "hexagon": "#/components/schemas/Hexagon" } }
                  },
                  "shape": { "$ref": "#/components/schemas/Shape" },
                  "figure": { "$ref": "#/components/schemas/Figure" }
                }
              },
              "TokenizerEdgeGram": {
                "type": "object",
                "required": ["minGram", "type"],
                "properties": {
                  "maxGram": { "type": "integer" },
                  "minGram": { "type": "integer" },
                  "type": { "type": "string", "enum": ["edgeGram"] }
                }
              },
              "TokenizerKeyword": {
                "type": "object",
                "required": ["type"],
                "properties": { "type": { "type": "string", "enum": ["keyword"] } }
              },
              "lowercase": { "type": "object", "properties": { "kind": { "type": "string" } } },
              "Trim": { "type": "object", "properties": { "kind": { "type": "string" }, "chars": { "type": "string" } } },
              "Shape": {
                "type": "object",
                "properties": { "shape": { "type": "string" } },
                "discriminator": { "propertyName": "shape", "mapping": { "circle": "#/components/schemas/Circle", "hexagon": "#/components/schemas/Hexagon" } }
              },
              "Figure": {
                "oneOf": [ { "$ref": "#/components/schemas/Circle" }, { "$ref": "#/components/schemas/Hexagon" } ],
                "discriminator": { "propertyName": "shape", "mapping": { "circle": "#/components/schemas/Circle", "hexagon": "#/components/schemas/Hexagon" } }
              },
              "Circle": { "type": "object", "properties": { "shape": { "type": "string" }, "radius": { "type": "number" } } },
              "Hexagon": { "type": "object", "properties": { "shape": { "type": "string" }, "side": { "type": "number" } } },
              "Square": { "type": "object", "properties": { "shape": { "type": "string" }, "side": { "type": "number" } } }
            }
          }
        }
        """;

    private static GeneratorHarness.GeneratorOutcome Run() => GeneratorHarness.Run(new SpecFile("/specs/unions.json", Spec, Ns));

    [Fact]
    public void Inline_discriminated_property_generates_a_base_its_variants_and_an_unknown_variant()
    {
        var outcome = Run();
        Assert.Empty(outcome.CompilationProblems());
        using var assembly = CompiledAssembly.Load(outcome.Output);
        Type tokenizer = Type(assembly, "AnalyzerTokenizer");
        Assert.True(tokenizer.IsAbstract);
        Assert.Equal(tokenizer, Type(assembly, "TokenizerEdgeGram").BaseType);
        Assert.Equal(tokenizer, Type(assembly, "TokenizerKeyword").BaseType);
        Assert.Equal(tokenizer, Type(assembly, "UnknownAnalyzerTokenizer").BaseType);
        Assert.Equal(tokenizer, Type(assembly, "Analyzer").GetProperty("Tokenizer")!.PropertyType);

        // Array items, with OpenAPI's implicit mapping (the component's name) since the discriminator has none.
        Type filter = Type(assembly, "AnalyzerFiltersItem");
        Assert.Equal(filter, Type(assembly, "Lowercase").BaseType);
        Assert.Equal(filter, Type(assembly, "Trim").BaseType);
    }

    [Theory]
    [InlineData("""{"name":"a","tokenizer":{"type":"edgeGram","maxGram":5,"minGram":2}}""", "TokenizerEdgeGram")]
    [InlineData("""{"name":"a","tokenizer":{"type":"keyword"}}""", "TokenizerKeyword")]
    [InlineData("""{"name":"a","tokenizer":{"type":"icu","locale":"de","nested":{"x":[1,2]}}}""", "UnknownAnalyzerTokenizer")]
    [InlineData("""{"name":"a","tokenizer":{"type":"keyword"},"filters":[{"kind":"lowercase"},{"kind":"Trim","chars":"x"},{"kind":"future","y":1}]}""", "TokenizerKeyword")]
    public void Inline_union_reads_as_its_variant_and_writes_back_unchanged(string json, string variant)
    {
        using var assembly = CompiledAssembly.Load(Run().Output);
        object analyzer = Read(assembly, "Analyzer", json);

        Assert.Equal(variant, CompiledAssembly.Property(analyzer, "Tokenizer").GetType().Name);
        Assert.Equal(json, Write(assembly, "Analyzer", analyzer));
    }

    [Fact]
    public void A_variant_made_in_code_writes_its_discriminator_value()
    {
        using var assembly = CompiledAssembly.Load(Run().Output);
        object edgeGram = Activator.CreateInstance(Type(assembly, "TokenizerEdgeGram"))!;
        Type(assembly, "TokenizerEdgeGram").GetProperty("MinGram")!.SetValue(edgeGram, 3L);

        Assert.Equal("""{"type":"edgeGram","minGram":3}""", Write(assembly, "AnalyzerTokenizer", edgeGram));
    }

    [Fact]
    public void A_target_that_already_has_a_base_reads_as_the_unknown_variant_and_the_message_names_both()
    {
        var outcome = Run();
        Diagnostic shared = Assert.Single(outcome.DriverDiagnostics, d => d.Id == "ATLAS008");
        string message = shared.GetMessage();
        Assert.Contains("'AnalyzerShared' maps 'circle' to 'Circle', which derives from 'Shape' instead", message, StringComparison.Ordinal);
        Assert.Contains("'UnknownAnalyzerShared'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("another type", message, StringComparison.Ordinal);

        using var assembly = CompiledAssembly.Load(outcome.Output);
        Assert.Equal(Type(assembly, "Shape"), Type(assembly, "Circle").BaseType);
        Assert.Equal(Type(assembly, "AnalyzerShared"), Type(assembly, "UnknownAnalyzerShared").BaseType);
        const string json = """{"name":"a","tokenizer":{"type":"keyword"},"shared":{"shape":"circle","radius":1.5}}""";
        object analyzer = Read(assembly, "Analyzer", json);
        Assert.Equal("UnknownAnalyzerShared", CompiledAssembly.Property(analyzer, "Shared").GetType().Name);
        Assert.Equal(json, Write(assembly, "Analyzer", analyzer));
    }

    [Fact]
    public void A_union_no_variant_can_derive_from_is_raw_json_that_round_trips_never_an_empty_class()
    {
        var outcome = Run();
        var untyped = outcome.DriverDiagnostics.Where(d => d.Id == "ATLAS011").Select(d => d.GetMessage()).ToList();
        Assert.Contains(untyped, m => m.Contains("/components/schemas/Analyzer/properties/taken' has a discriminator, but no variant", StringComparison.Ordinal));
        Assert.Contains(untyped, m => m.Contains("/requestBody/", StringComparison.Ordinal));
        Assert.Contains(untyped, m => m.Contains("/components/schemas/Figure' has a discriminator, but every variant already derives from another base", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.Contains("AnalyzerTaken", StringComparison.Ordinal) || s.HintName.Contains("CreateAnalyzerRequest", StringComparison.Ordinal) || s.HintName.Contains("Figure", StringComparison.Ordinal));

        using var assembly = CompiledAssembly.Load(outcome.Output);
        Assert.Equal(typeof(System.Text.Json.JsonElement?), Type(assembly, "Analyzer").GetProperty("Taken")!.PropertyType);
        Assert.Equal(typeof(System.Text.Json.JsonElement?), Type(assembly, "Analyzer").GetProperty("Figure")!.PropertyType);
        const string json = """{"name":"a","tokenizer":{"type":"keyword"},"taken":{"shape":"circle","radius":2},"figure":{"shape":"hexagon","side":1}}""";
        Assert.Equal(json, Write(assembly, "Analyzer", Read(assembly, "Analyzer", json)));
    }

    [Fact]
    public void Inline_union_names_follow_the_generated_name_rules()
    {
        // Owner "Atlas" + property "json" would be AtlasJson, which the generated code declares itself.
        string spec = Spec.Replace("\"Analyzer\"", "\"Atlas\"", StringComparison.Ordinal)
            .Replace("#/components/schemas/Analyzer\"", "#/components/schemas/Atlas\"", StringComparison.Ordinal)
            .Replace("\"tokenizer\"", "\"json\"", StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/unions.json", spec, Ns));

        Assert.Empty(outcome.CompilationProblems());
        using var assembly = CompiledAssembly.Load(outcome.Output);
        Type union = Type(assembly, "AtlasJson2");
        Assert.True(union.IsAbstract);
        Assert.Equal(union, Type(assembly, "UnknownAtlasJson2").BaseType);
        Assert.Equal(union, Type(assembly, "Atlas").GetProperty("Json")!.PropertyType);
    }

    private static Type Type(CompiledAssembly assembly, string name) => assembly.Assembly.GetType(Ns + "." + name, throwOnError: true)!;

    internal static object Read(CompiledAssembly assembly, string type, string json, string ns = Ns)
    {
        object complete = Complete(assembly, ns);
        MethodInfo deserialize = complete.GetType().GetMethods().Single(m => m.Name == "Deserialize" && m.GetParameters()[0].ParameterType == typeof(string));
        return deserialize.MakeGenericMethod(assembly.Assembly.GetType(ns + "." + type, throwOnError: true)!).Invoke(complete, new object[] { json })!;
    }

    internal static string Write(CompiledAssembly assembly, string type, object value, string ns = Ns)
    {
        object complete = Complete(assembly, ns);
        MethodInfo serialize = complete.GetType().GetMethods().Single(m => m.Name == "Serialize");
        return (string)serialize.MakeGenericMethod(assembly.Assembly.GetType(ns + "." + type, throwOnError: true)!).Invoke(complete, new[] { value })!;
    }

    private static object Complete(CompiledAssembly assembly, string ns) =>
        assembly.Assembly.GetType(ns + ".AtlasJson", throwOnError: true)!.GetProperty("Complete")!.GetValue(null)!;
}
