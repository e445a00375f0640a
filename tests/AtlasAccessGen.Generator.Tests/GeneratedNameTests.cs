using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Spec names that the generated code itself needs, or that C# cannot take as they are: each must still give
/// code that compiles and emits with warnings as errors, under a name that is documented and stable.
/// </summary>
public class GeneratedNameTests
{
    private const string Ns = "Contoso.Atlas";

    [Fact]
    public void Spec_names_never_take_a_name_the_generated_code_uses()
    {
        string spec = Spec(
            tag: "Dispose",
            parameters: """
                { "name": "nameof", "in": "path", "required": true, "schema": { "type": "string" } },
                { "name": "await", "in": "query", "schema": { "type": "string" } },
                { "name": "from", "in": "query", "schema": { "type": "string" } },
                { "name": "request", "in": "query", "schema": { "type": "string" } }
                """,
            path: "/api/atlas/v2/things/{nameof}",
            schemas: """
                "Serialization": { "type": "object", "properties": { "id": { "type": "string" } } },
                "AtlasJson": { "type": "object", "properties": { "id": { "type": "string" } } },
                "AdditionalProperties": { "type": "object", "properties": { "id": { "type": "string" } } },
                "Thing": {
                  "type": "object",
                  "properties": {
                    "Equals": { "type": "string" }, "GetType": { "type": "string" }, "ToString": { "type": "string" },
                    "getHashCode": { "type": "string" }, "MemberwiseClone": { "type": "string" }, "ReferenceEquals": { "type": "string" },
                    "finalize": { "type": "string" }, "rawJson": { "type": "string" }, "additionalProperties": { "$ref": "#/components/schemas/AdditionalProperties" }, "serialization": { "$ref": "#/components/schemas/Serialization" }, "json": { "$ref": "#/components/schemas/AtlasJson" },
                    "kind": { "type": "string", "enum": ["Value", "IsKnown", "KnownValues", "Equals", "ToString", "GetType"] }
                  }
                }
                """);

        var outcome = Compile(spec);

        Assert.Equal(
            new[]
            {
                "names.json: the schema 'Serialization' maps to the C# name 'Serialization', which the generated code already uses, so it is generated as 'Serialization2'. Fix: rename one schema if the generated name matters to you.",
                "names.json: the schema 'AtlasJson' maps to the C# name 'AtlasJson', which the generated code already uses, so it is generated as 'AtlasJson2'. Fix: rename one schema if the generated name matters to you.",
                "names.json: the schema 'AdditionalProperties' maps to the C# name 'AdditionalProperties', which the generated code already uses, so it is generated as 'AdditionalProperties2'. Fix: rename one schema if the generated name matters to you.",
            },
            outcome.GeneratorDiagnostics.Where(d => d.Id == "ATLAS004").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        string models = string.Join("\n", outcome.Sources.Select(s => s.SourceText.ToString()));
        Assert.Contains("public sealed partial class Serialization2", models, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class AtlasJson2", models, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class AdditionalProperties2", models, StringComparison.Ordinal);
        Assert.Contains("public global::Contoso.Atlas.AdditionalProperties2? AdditionalProperties2 { get; set; }", models, StringComparison.Ordinal);
        foreach (string property in new[] { "Equals2", "GetType2", "ToString2", "GetHashCode2", "MemberwiseClone2", "ReferenceEquals2", "Finalize2", "RawJson2" })
        {
            Assert.Contains(" " + property + " { get; set; }", models, StringComparison.Ordinal);
        }

        Assert.Contains("public global::Contoso.Atlas.IDisposeClient Dispose2 { get; }", outcome.Source(Ns + ".AtlasClient.g.cs"), StringComparison.Ordinal);
        string client = outcome.Source(Ns + ".DisposeClient.g.cs");
        Assert.Contains("GetThingAsync(string nameof2, string? @await = null, string? @from = null, string? request2 = null,", client, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_past_the_length_limit_are_cut_the_same_way_every_time_and_stay_apart()
    {
        string longName = new string('a', 1_500);
        string spec = Spec(
            tag: "Tag " + longName,
            operationId: "get" + longName,
            parameters: $$"""{ "name": "q{{longName}}", "in": "query", "schema": { "type": "string" } }""",
            schemas: $$"""
                "{{longName}}x": { "type": "object", "properties": { "p{{longName}}": { "type": "object", "properties": { "inner{{longName}}": { "type": "string" } } } } },
                "{{longName}}y": { "type": "object", "properties": { "p{{longName}}": { "type": "string", "enum": ["{{longName}}1", "{{longName}}2"] } } },
                "Thing": { "type": "object", "properties": { "x": { "$ref": "#/components/schemas/{{longName}}x" }, "y": { "$ref": "#/components/schemas/{{longName}}y" } } }
                """);

        var first = Compile(spec);
        var second = Compile(spec);

        Assert.Equal(first.Sources.Select(s => s.SourceText.ToString()), second.Sources.Select(s => s.SourceText.ToString()));
        var types = first.Output.Assembly.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Contoso").GetNamespaceMembers().Single().GetTypeMembers();
        Assert.All(types, type => Assert.True(type.Name.Length <= 160, type.Name));
        Assert.Equal(2, types.Count(type => type.Name.StartsWith("Aaaa", StringComparison.Ordinal) && type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Class && !type.Name.Contains("P", StringComparison.Ordinal)));
        Assert.All(types.SelectMany(type => type.MemberNames), name => Assert.True(name.Length <= 160, name));
    }

    [Fact]
    public void Workflow_helpers_follow_what_the_role_operations_really_return_and_pass_their_deprecation_on()
    {
        JsonNode spec = JsonNode.Parse(Specs.Fragment)!;
        JsonNode role = spec["paths"]!["/api/atlas/v2/groups/{groupId}/cloudProviderAccess/{roleId}"]!;
        role["get"]!["deprecated"] = true;
        foreach ((string _, JsonNode? media) in role["patch"]!["responses"]!["200"]!["content"]!.AsObject())
        {
            media!["schema"] = JsonNode.Parse("""{ "type": "object", "properties": { "accepted": { "type": "boolean" } } }""");
        }

        var outcome = Compile(spec.ToJsonString(), path: "/specs/cloud-provider-access.json");

        string workflows = outcome.Source(Ns + ".CloudProviderAccessWorkflows.g.cs");
        Assert.Contains("[global::System.Obsolete(\"Calls GetCloudProviderAccessAsync:", workflows, StringComparison.Ordinal);
        string authorizeResult = outcome.Source(Ns + ".CloudProviderAccessClient.g.cs")
            .Split('\n').First(line => line.Contains(" AuthorizeProviderAccessRoleAsync(", StringComparison.Ordinal) && line.Contains("Task<", StringComparison.Ordinal));
        string resultType = authorizeResult[(authorizeResult.IndexOf("Task<", StringComparison.Ordinal) + 5)..authorizeResult.IndexOf('>')];
        Assert.Contains("Task<" + resultType + "> AuthorizeProviderAccessRoleWhenAssumableAsync(", workflows, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_whose_names_differ_only_in_case_get_files_of_their_own()
    {
        // Found by the fuzz corpus: Roslyn compares hint names ignoring case, so the second client failed the whole run.
        string spec = Specs.Regression("names-differing-only-in-case.json").Text;

        var outcome = Compile(spec);

        string[] hintNames = outcome.Sources.Select(s => s.HintName).ToArray();
        Assert.Contains(Ns + ".ROLESClient.g.cs", hintNames);
        Assert.Contains(Ns + ".RolesClient.2.g.cs", hintNames);
        Assert.Contains(Ns + ".ThingA.g.cs", hintNames);
        Assert.Contains(Ns + ".Thinga.2.g.cs", hintNames);
    }

    /// <summary>Generates, then compiles and emits with warnings as errors: some errors (CS7013) only show at emit.</summary>
    private static GeneratorHarness.GeneratorOutcome Compile(string spec, string path = "/specs/names.json")
    {
        var outcome = GeneratorHarness.Run(new[] { new SpecFile(path, spec, Ns) }, GeneratorHarness.ParseOptions());
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.Empty(outcome.CompilationProblems());
        using var image = new MemoryStream();
        EmitResult emitted = outcome.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Take(10)));
        return outcome;
    }

    private static string Spec(string tag, string parameters, string schemas, string path = "/api/atlas/v2/things", string operationId = "getThing") => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "Names", "version": "2.0" },
          "paths": {
            "{{path}}": {
              "get": {
                "operationId": "{{operationId}}",
                "tags": ["{{tag}}"],
                "parameters": [ {{parameters}} ],
                "responses": { "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } } }
              }
            }
          },
          "components": { "schemas": { {{schemas}} } }
        }
        """;
}
