using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The spec is third-party text: nothing in it may become code. Every text field of the fragment that can
/// reach the output (descriptions, summaries, names, enum values, patterns, URLs, info.version, x-xgen-sha,
/// the file name...) gets a payload that declares a type with a module initializer after a line terminator.
/// The consumer must compile with warnings as errors, and its code must be token for token the code generated
/// from the same payload with a harmless space where the terminator was: spec text may change comments and
/// string literals, never a declaration or a statement.
/// </summary>
public class SpecTextInjectionTests
{
    /// <summary>Every character C# ends a line at, and CR LF.</summary>
    public static TheoryData<string> LineTerminators() => new() { "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029" };

    /// <summary>Breaks out of a comment, a doc element, an attribute and a literal, then declares code that runs when the consumer loads.</summary>
    private static string Payload(string terminator) =>
        "x & <b> \"q\" ' </summary> */ \\ {" + terminator
        + "public static class Injected { [global::System.Runtime.CompilerServices.ModuleInitializer] internal static void Run() => global::System.Environment.Exit(66); }"
        + terminator + "#error injected" + terminator + "// ";

    [Theory]
    [MemberData(nameof(LineTerminators))]
    public void A_line_terminator_in_any_spec_text_never_becomes_code(string terminator)
    {
        AssertInert(Payload(terminator), Payload(" "), terminator);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_in_spec_text_never_become_code()
    {
        string controls = new(Enumerable.Range(0, 32).Concat(Enumerable.Range(0x7F, 0x21)).Where(c => c != '\t').Select(c => (char)c).ToArray());
        string strays = controls + "\uD800 \uDC00 \uFEFF \u200B";
        AssertInert(Payload(strays), Payload(new string(' ', strays.Length)), "\u0085");
    }

    [Fact]
    public void Every_field_the_payload_goes_into_reaches_the_output()
    {
        // Guards the test itself: a mutation that missed the emitted fields would prove nothing.
        string marker = "MarkerText";
        var outcome = GeneratorHarness.Run(new SpecFile("/specs/" + marker + ".json", Mutate(Specs.Fragment, marker)));
        string all = string.Join("\n", outcome.Sources.Select(s => s.SourceText.ToString()));
        foreach (string field in new[]
        {
            "info.version 2.0" + marker, "x-xgen-sha f84b8e4346991132f70f5610809ad1b6af020975" + marker, "from " + marker + ".json",
            "Cloud Provider Access" + marker, "<c>AWS" + marker, "<c>providerName" + marker, marker + "\">Documentation</see>",
        })
        {
            Assert.Contains(field, all, StringComparison.Ordinal);
        }

        Assert.True(all.Split(marker).Length > 300, "the marker reaches the output in fewer than 300 places");
    }

    private static void AssertInert(string payload, string harmless, string terminator)
    {
        var injected = Generate(payload, "/specs/cloud" + terminator + "provider.json");
        var inert = Generate(harmless, "/specs/cloud provider.json");

        Assert.Empty(injected.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(injected.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        using (var image = new MemoryStream())
        {
            EmitResult emitted = injected.Output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(10)));
        }

        Assert.Empty(injected.Output.GetSymbolsWithName(name => name is "Injected" or "Run", SymbolFilter.TypeAndMember));
        Assert.DoesNotContain(
            injected.Output.SyntaxTrees.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<AttributeSyntax>()),
            attribute => attribute.Name.ToString().Contains("ModuleInitializer", StringComparison.Ordinal));
        Assert.Equal(inert.Sources.Count, injected.Sources.Count);
        foreach ((var actual, var expected) in injected.Sources.Zip(inert.Sources))
        {
            Assert.Equal(CodeTokens(expected.SyntaxTree), CodeTokens(actual.SyntaxTree));
        }
    }

    /// <summary>The tokens of a file as the compiler sees them, with string literals as a placeholder: trivia (comments, docs) left out.</summary>
    private static List<string> CodeTokens(SyntaxTree tree) =>
        tree.GetRoot().DescendantTokens()
            .Select(token => token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken ? "\"…\"" : token.Text)
            .ToList();

    private static GeneratorHarness.GeneratorOutcome Generate(string payload, string path)
    {
        var parseOptions = GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose);
        return GeneratorHarness.Run(new[] { new SpecFile(path, Mutate(Specs.Fragment, payload)) }, parseOptions);
    }

    /// <summary>
    /// Appends <paramref name="payload"/> to every text of the spec that is not structure: every string value except
    /// types, formats, references, locations and versions; the names of tags, properties and query parameters; enum
    /// values and discriminator mapping keys. Names that must match each other (a required property, a tag) get the
    /// same payload, so the spec stays consistent.
    /// </summary>
    private static string Mutate(string spec, string payload)
    {
        JsonNode root = JsonNode.Parse(spec)!;
        Visit(root, key: null, payload);
        return root.ToJsonString();
    }

    private static readonly HashSet<string> StructuralKeys = new(StringComparer.Ordinal)
    {
        "$ref", "type", "format", "in", "openapi", "style", "scheme", "tokenUrl", "x-xgen-version", "customMethod", "verb",
    };

    private static void Visit(JsonNode? node, string? key, string payload)
    {
        switch (node)
        {
            case JsonObject obj:
                bool pathParameter = obj["in"]?.GetValue<string>() == "path";
                foreach (string name in obj.Select(p => p.Key).ToList())
                {
                    JsonNode? child = obj[name];
                    if (key is "mapping")
                    {
                        // Discriminator values are text; the targets are references.
                        obj.Remove(name);
                        obj[name + payload] = child;
                        continue;
                    }

                    if (key is "paths" or "content" or "responses" or "schemas" or "securitySchemes" or "components")
                    {
                        Visit(child, name, payload);
                        continue;
                    }

                    if (name == "name" && pathParameter)
                    {
                        continue;
                    }

                    Visit(child, name, payload);
                    if (key is "properties")
                    {
                        child = obj[name];
                        obj.Remove(name);
                        obj[name + payload] = child;
                    }
                }

                break;
            case JsonArray array when key is null || !StructuralKeys.Contains(key):
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue item && item.TryGetValue(out string? text))
                    {
                        array[i] = text + payload;
                    }
                    else
                    {
                        Visit(array[i], key, payload);
                    }
                }

                break;
            case JsonValue value when value.TryGetValue(out string? text) && key is not null && !StructuralKeys.Contains(key):
                value.ReplaceWith(text + payload);
                break;
        }
    }
}
