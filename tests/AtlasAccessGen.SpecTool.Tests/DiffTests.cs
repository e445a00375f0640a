using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.SpecTool.Tests;

public class DiffTests
{
    private const string Base = "/api/atlas/v2/groups/{groupId}/cloudProviderAccess";

    private readonly ITestOutputHelper _output;

    public DiffTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_2025_08_26_fragment_to_today_is_five_renames_and_the_log_integration_feature_type_and_nothing_breaking()
    {
        ToolResult result = Tool.Run("diff", Tool.HistoryFragment, Tool.Fragment, "--json");

        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(0, result.ExitCode);
        JsonObject report = Tool.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout));
        Assert.Equal(
            new[]
            {
                // kind | subject | old | new | csharp | wire
                $"operation-renamed | GET {Base} | listCloudProviderAccessRoles | listCloudProviderAccess (operationId listGroupCloudProviderAccess) | renamed | compatible",
                $"operation-renamed | POST {Base} | createCloudProviderAccessRole | createCloudProviderAccess (operationId createGroupCloudProviderAccess) | renamed | compatible",
                $"operation-renamed | DELETE {Base}/{{cloudProvider}}/{{roleId}} | deauthorizeCloudProviderAccessRole | deauthorizeProviderAccessRole (operationId deauthorizeGroupCloudProviderAccessRole) | renamed | compatible",
                $"operation-renamed | GET {Base}/{{roleId}} | getCloudProviderAccessRole | getCloudProviderAccess (operationId getGroupCloudProviderAccess) | renamed | compatible",
                $"operation-renamed | PATCH {Base}/{{roleId}} | authorizeCloudProviderAccessRole | authorizeProviderAccessRole (operationId authorizeGroupCloudProviderAccessRole) | renamed | compatible",
                "schema-added | CloudProviderAccessAtlasLogIntegrationFeatureUsage |  | object : CloudProviderAccessFeatureUsage | none | compatible",
                "enum-value-added | CloudProviderAccessFeatureUsage.featureType |  | ATLAS_LOG_INTEGRATION | none | compatible",
                "subtype-added | CloudProviderAccessFeatureUsage |  | ATLAS_LOG_INTEGRATION -> CloudProviderAccessAtlasLogIntegrationFeatureUsage | none | compatible",
                "schema-added | CloudProviderAccessFeatureUsageAtlasLogIntegrationFeatureId |  | object | none | compatible",
            },
            Changes(report));
        Assert.All(((JsonArray)report["changes"]!).Select(c => (bool)c!["breaking"]!), breaking => Assert.False(breaking));
        Assert.Equal("""{"breaking":0,"renamed":5,"compatible":4,"operationsAdded":0,"operationsRemoved":0,"operationsRenamed":5}""", report["summary"]!.ToJsonString());
        Assert.Equal("71ac9e4b796c59607af25b073aa510451ae85fdb", (string?)report["old"]!["sha"]);
        Assert.Equal("f84b8e4346991132f70f5610809ad1b6af020975", (string?)report["new"]!["sha"]);
    }

    [Fact]
    public void The_text_report_groups_the_changes_one_line_each()
    {
        ToolResult result = Tool.Run("diff", Tool.HistoryFragment, Tool.Fragment);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        Assert.StartsWith("old: " + Tool.HistoryFragment + ": 5 operations, 22 schemas reached, x-xgen-sha 71ac9e4b796c59607af25b073aa510451ae85fdb", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("new: " + Tool.Fragment + ": 5 operations, 24 schemas reached, x-xgen-sha f84b8e4346991132f70f5610809ad1b6af020975", lines[1], StringComparison.Ordinal);
        Assert.Equal(
            $$"""

            Breaking (0)

            Renamed (5): the C# method names change, the requests do not; 'atlas-spec update' records the old names in the lock file, and the generator keeps them compiling as [Obsolete] forwarders
              operation renamed    GET {{Base}}: listCloudProviderAccessRoles -> listCloudProviderAccess (operationId listGroupCloudProviderAccess)
              operation renamed    POST {{Base}}: createCloudProviderAccessRole -> createCloudProviderAccess (operationId createGroupCloudProviderAccess)
              operation renamed    DELETE {{Base}}/{cloudProvider}/{roleId}: deauthorizeCloudProviderAccessRole -> deauthorizeProviderAccessRole (operationId deauthorizeGroupCloudProviderAccessRole)
              operation renamed    GET {{Base}}/{roleId}: getCloudProviderAccessRole -> getCloudProviderAccess (operationId getGroupCloudProviderAccess)
              operation renamed    PATCH {{Base}}/{roleId}: authorizeCloudProviderAccessRole -> authorizeProviderAccessRole (operationId authorizeGroupCloudProviderAccessRole)

            Compatible (4)
              schema added         CloudProviderAccessAtlasLogIntegrationFeatureUsage: object : CloudProviderAccessFeatureUsage
              enum value added     CloudProviderAccessFeatureUsage.featureType: ATLAS_LOG_INTEGRATION
              subtype added        CloudProviderAccessFeatureUsage: ATLAS_LOG_INTEGRATION -> CloudProviderAccessAtlasLogIntegrationFeatureUsage
              schema added         CloudProviderAccessFeatureUsageAtlasLogIntegrationFeatureId: object

            Operations: 0 added, 0 removed, 5 renamed (of 5 -> 5).
            0 breaking, 5 renamed, 4 compatible. Not compared: descriptions, examples, info, vendor extensions (but the operation id override and x-sunset), response headers, error responses and the schemas only they reach.

            """.ReplaceLineEndings("\n"),
            string.Join("\n", lines.Skip(2)));
    }

    [Fact]
    public void The_two_whole_specs_diff_and_their_operation_counts_match_an_independent_count()
    {
        var stopwatch = Stopwatch.StartNew();
        ToolResult result = Tool.Run("diff", Tool.HistoryFullSpec, Tool.FullSpec, "--json");
        stopwatch.Stop();

        // A year of upstream changes: some break, so the exit code says so, in one line, after the whole report.
        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"^atlas-spec: error: \d+ breaking changes from .*atlas-api-v2-2025-08-26\.json to .*atlas-api-v2\.json \(--accept-breaking accepts them\)\n$", result.Stderr);
        JsonObject report = Tool.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout));

        HashSet<string> old = Operations(Tool.HistoryFullSpec);
        HashSet<string> @new = Operations(Tool.FullSpec);
        Assert.Equal(456, old.Count);
        Assert.Equal(540, @new.Count);
        Assert.Equal(@new.Except(old).Count(), (int)report["summary"]!["operationsAdded"]!);
        Assert.Equal(old.Except(@new).Count(), (int)report["summary"]!["operationsRemoved"]!);
        Assert.Equal(@new.Except(old).Order(StringComparer.Ordinal), Subjects(report, "operation-added").Order(StringComparer.Ordinal));
        Assert.Equal(old.Except(@new).Order(StringComparer.Ordinal), Subjects(report, "operation-removed").Order(StringComparer.Ordinal));
        Assert.Equal(456, (int)report["old"]!["operations"]!);
        Assert.Equal(540, (int)report["new"]!["operations"]!);
        Assert.True((int)report["summary"]!["breaking"]! > 0);
        _output.WriteLine($"whole-spec diff: {stopwatch.ElapsedMilliseconds} ms, summary {report["summary"]!.ToJsonString()}");

        // --accept-breaking: the same report, exit code 0.
        ToolResult accepted = Tool.Run("diff", Tool.HistoryFullSpec, Tool.FullSpec, "--json", "--accept-breaking");
        Assert.Equal(0, accepted.ExitCode);
        Assert.Equal(string.Empty, accepted.Stderr);
        Assert.Equal(result.Stdout, accepted.Stdout);
    }

    [Fact]
    public void The_same_inputs_give_the_same_report_bytes()
    {
        foreach (string[] args in new[] { new[] { "diff", Tool.HistoryFullSpec, Tool.FullSpec, "--accept-breaking" }, new[] { "diff", Tool.HistoryFullSpec, Tool.FullSpec, "--json", "--accept-breaking" } })
        {
            ToolResult first = Tool.Run(args);
            ToolResult second = Tool.Run(args);
            Assert.Equal(0, first.ExitCode);
            Assert.True(first.Stdout.Length > 10_000);
            Assert.Equal(first.Stdout, second.Stdout);
        }
    }

    [Fact]
    public void Yaml_and_json_of_the_same_spec_differ_in_nothing()
    {
        ToolResult result = Tool.Run("diff", Tool.FragmentYaml, Tool.Fragment, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty((JsonArray)Tool.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout))["changes"]!);
    }

    private const string Minimal = """
        {
          "openapi": "3.0.1",
          "info": { "title": "t", "version": "1", "x-xgen-sha": "aaaa" },
          "paths": {
            "/things/{id}": {
              "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
              "get": {
                "tags": [ "Things" ], "operationId": "getThing", "description": "Gets a thing.",
                "parameters": [ { "name": "pretty", "in": "query", "schema": { "type": "boolean" } } ],
                "responses": {
                  "200": { "description": "ok", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "404": { "description": "missing", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ApiError" } } } }
                }
              },
              "patch": {
                "tags": [ "Things" ], "operationId": "updateThing",
                "requestBody": { "required": true, "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                "responses": { "200": { "description": "ok", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } } }
              }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object", "required": [ "id" ], "description": "A thing.",
                "properties": {
                  "id": { "type": "string", "example": "abc" },
                  "kind": { "type": "string", "enum": [ "A", "B" ] },
                  "size": { "type": "integer", "format": "int32" },
                  "labels": { "type": "array", "items": { "type": "string" } },
                  "parts": { "type": "array", "items": { "type": "object", "properties": { "weight": { "type": "number" } } } }
                }
              },
              "ApiError": { "type": "object", "properties": { "detail": { "type": "string" } } }
            }
          }
        }
        """;

    public static TheoryData<string, string, bool> Changes_of_one_edit() => new()
    {
        // edit (applied to Minimal's new side), expected change "kind | subject | old | new | csharp | wire", breaking
        { "remove patch", "operation-removed | PATCH /things/{id} | updateThing |  | breaking | breaking", true },
        { "add post", "operation-added | POST /things/{id} |  | createThing | none | compatible", false },
        { "rename get", "operation-renamed | GET /things/{id} | getThing | fetchThing | renamed | compatible", false },
        { "override get with its own name", "operation-renamed | GET /things/{id} | getThing | getThing (operationId getThing) | none | compatible", false },
        { "move get to another tag", "operation-tag-changed | GET /things/{id} | Things | Other | breaking | compatible", true },
        { "deprecate get", "operation-deprecated | GET /things/{id} |  | deprecated | none | compatible", false },
        { "remove property size", "property-removed | Thing.size | integer:int32 |  | breaking | breaking", true },
        { "retype property size", "type-changed | Thing.size | integer:int32 | string | breaking | breaking", true },
        { "retype labels items", "type-changed | Thing.labels | array of string | array of integer | breaking | breaking", true },
        { "retype a property of inline items", "type-changed | Thing.parts[].weight | number | string | breaking | breaking", true },
        { "add required property", "property-added | Thing.color |  | string, required | breaking | breaking", true },
        { "add optional property", "property-added | Thing.color |  | string | none | compatible", false },
        { "require property size", "required-changed | Thing.size | optional | required | breaking | breaking", true },
        { "make id nullable", "nullable-changed | Thing.id | not nullable | nullable | breaking | breaking", true },
        { "make size nullable", "nullable-changed | Thing.size | not nullable | nullable | none | compatible", false },
        { "add required parameter", "parameter-added | GET /things/{id} parameter query:force |  | required | breaking | breaking", true },
        { "add optional parameter", "parameter-added | GET /things/{id} parameter query:force |  | optional | none | compatible", false },
        { "require parameter pretty", "required-changed | GET /things/{id} parameter query:pretty | optional | required | breaking | breaking", true },
        { "remove parameter pretty", "parameter-removed | GET /things/{id} parameter query:pretty | optional |  | breaking | breaking", true },
        { "remove enum value B", "enum-value-removed | Thing.kind | B |  | breaking | breaking", true },
        { "add enum value C", "enum-value-added | Thing.kind |  | C | none | compatible", false },
        { "sunset get 2023-01-01", "version-sunset | GET /things/{id} 2023-01-01 |  | 2026-01-01 | breaking | breaking", true },
        { "add get version 2024-05-30", "version-added | GET /things/{id} |  | 2024-05-30 | none | compatible", false },
        { "change get response schema", "type-changed | GET /things/{id} response application/vnd.atlas.2023-01-01+json | Thing | array of string | breaking | breaking", true },
    };

    [Theory]
    [MemberData(nameof(Changes_of_one_edit))]
    public void Each_kind_of_change_is_found_and_classified(string edit, string expected, bool breaking)
    {
        using var scratch = new ScratchFolder();
        JsonObject spec = Tool.Parse(System.Text.Encoding.UTF8.GetBytes(Minimal));
        Edit(spec, edit);
        string old = scratch.Write("old.json", Minimal);
        string @new = scratch.Write("new.json", spec.ToJsonString());

        ToolResult result = Tool.Run("diff", old, @new, "--json");

        Assert.Equal(new[] { expected }, Changes(Tool.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout))));
        Assert.Equal(breaking ? 3 : 0, result.ExitCode);
        if (breaking)
        {
            Assert.Equal($"atlas-spec: error: 1 breaking change from {old} to {@new} (--accept-breaking accepts them)\n", result.Stderr);
            Assert.Equal(0, Tool.Run("diff", old, @new, "--accept-breaking").ExitCode);
        }
        else
        {
            Assert.Equal(string.Empty, result.Stderr);
        }
    }

    [Fact]
    public void Identity_is_method_and_path_so_a_moved_operation_is_one_removed_and_one_added()
    {
        using var scratch = new ScratchFolder();
        JsonObject spec = Tool.Parse(System.Text.Encoding.UTF8.GetBytes(Minimal));
        var paths = (JsonObject)spec["paths"]!;
        JsonNode item = paths["/things/{id}"]!;
        paths.Remove("/things/{id}");
        paths.Add("/items/{id}", item);

        ToolResult result = Tool.Run("diff", scratch.Write("old.json", Minimal), scratch.Write("new.json", spec.ToJsonString()), "--json");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            new[]
            {
                "operation-added | GET /items/{id} |  | getThing | none | compatible",
                "operation-added | PATCH /items/{id} |  | updateThing | none | compatible",
                "operation-removed | GET /things/{id} | getThing |  | breaking | breaking",
                "operation-removed | PATCH /things/{id} | updateThing |  | breaking | breaking",
            },
            Changes(Tool.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout))));
    }

    [Fact]
    public void Provenance_documentation_headers_and_error_responses_are_not_changes()
    {
        using var scratch = new ScratchFolder();
        JsonObject spec = Tool.Parse(System.Text.Encoding.UTF8.GetBytes(Minimal));
        spec["info"]!["x-xgen-sha"] = "bbbb";
        spec["info"]!["description"] = "new";
        spec["info"]!["x-atlas-slice"] = new JsonObject { ["source"] = "elsewhere" };
        JsonNode get = spec["paths"]!["/things/{id}"]!["get"]!;
        get["description"] = "Gets one thing.";
        get["x-xgen-docs-url"] = "https://example.com";
        get["responses"]!["200"]!["headers"] = new JsonObject { ["RateLimit-Limit"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "integer" } } };
        get["responses"]!["429"] = new JsonObject { ["description"] = "slow down" };
        get["responses"]!["200"]!["content"]!["application/vnd.atlas.2023-01-01+json"]!["x-xgen-IPA-exception"] = new JsonObject { ["rule"] = "reason" };
        var thing = spec["components"]!["schemas"]!["Thing"]!;
        thing["description"] = "A better thing.";
        thing["properties"]!["id"]!["example"] = "xyz";
        thing["properties"]!["id"]!["readOnly"] = true;

        // Only error responses reach ApiError, and the runtime reads errors itself.
        spec["components"]!["schemas"]!["ApiError"]!["properties"]!["detail"]!["nullable"] = true;

        ToolResult result = Tool.Run("diff", scratch.Write("old.json", Minimal), scratch.Write("new.json", spec.ToJsonString()), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Changes(Tool.Parse(System.Text.Encoding.UTF8.GetBytes(result.Stdout))));
    }

    private static void Edit(JsonObject spec, string edit)
    {
        JsonObject item = (JsonObject)spec["paths"]!["/things/{id}"]!;
        JsonObject get = (JsonObject)item["get"]!;
        JsonObject thing = (JsonObject)spec["components"]!["schemas"]!["Thing"]!;
        JsonObject properties = (JsonObject)thing["properties"]!;
        JsonArray getParameters = (JsonArray)get["parameters"]!;
        switch (edit)
        {
            case "remove patch": item.Remove("patch"); break;
            case "add post": item["post"] = new JsonObject { ["tags"] = new JsonArray("Things"), ["operationId"] = "createThing", ["responses"] = new JsonObject() }; break;
            case "rename get": get["operationId"] = "fetchThing"; break;
            case "override get with its own name": get["x-xgen-operation-id-override"] = "getThing"; break;
            case "move get to another tag": get["tags"] = new JsonArray("Other"); break;
            case "deprecate get": get["deprecated"] = true; break;
            case "remove property size": properties.Remove("size"); break;
            case "retype property size": properties["size"] = new JsonObject { ["type"] = "string" }; break;
            case "retype labels items": properties["labels"]!["items"] = new JsonObject { ["type"] = "integer" }; break;
            case "retype a property of inline items": properties["parts"]!["items"]!["properties"]!["weight"] = new JsonObject { ["type"] = "string" }; break;
            case "add required property": properties["color"] = new JsonObject { ["type"] = "string" }; ((JsonArray)thing["required"]!).Add("color"); break;
            case "add optional property": properties["color"] = new JsonObject { ["type"] = "string" }; break;
            case "require property size": ((JsonArray)thing["required"]!).Add("size"); break;
            case "make id nullable": properties["id"]!["nullable"] = true; break;
            case "make size nullable": properties["size"]!["nullable"] = true; break;
            case "add required parameter": getParameters.Add(new JsonObject { ["name"] = "force", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "boolean" } }); break;
            case "add optional parameter": getParameters.Add(new JsonObject { ["name"] = "force", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "boolean" } }); break;
            case "require parameter pretty": getParameters[0]!["required"] = true; break;
            case "remove parameter pretty": getParameters.RemoveAt(0); break;
            case "remove enum value B": properties["kind"]!["enum"] = new JsonArray("A"); break;
            case "add enum value C": properties["kind"]!["enum"] = new JsonArray("A", "B", "C"); break;
            case "sunset get 2023-01-01": get["responses"]!["200"]!["content"]!["application/vnd.atlas.2023-01-01+json"]!["x-sunset"] = "2026-01-01"; break;
            case "add get version 2024-05-30":
                get["responses"]!["200"]!["content"]!["application/vnd.atlas.2024-05-30+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Thing" } };
                break;
            case "change get response schema":
                get["responses"]!["200"]!["content"]!["application/vnd.atlas.2023-01-01+json"]!["schema"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
                break;
            default: throw new ArgumentException("unknown edit " + edit);
        }
    }

    /// <summary>Each change as "kind | subject | old | new | csharp | wire", in the report's order.</summary>
    internal static string[] Changes(JsonObject report) =>
        ((JsonArray)report["changes"]!)
            .Select(c => string.Join(" | ", new[] { "kind", "subject", "old", "new", "csharp", "wire" }.Select(key => (string?)c![key] ?? string.Empty)))
            .ToArray();

    private static IEnumerable<string> Subjects(JsonObject report, string kind) =>
        ((JsonArray)report["changes"]!).Where(c => (string?)c!["kind"] == kind).Select(c => (string)c!["subject"]!);

    /// <summary>Every "METHOD /path" of a spec, counted straight from its paths object.</summary>
    private static HashSet<string> Operations(string spec)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(spec));
        var methods = new[] { "get", "put", "post", "delete", "options", "head", "patch", "trace" };
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty member in path.Value.EnumerateObject().Where(m => methods.Contains(m.Name)))
            {
                result.Add(member.Name.ToUpperInvariant() + " " + path.Name);
            }
        }

        return result;
    }
}
