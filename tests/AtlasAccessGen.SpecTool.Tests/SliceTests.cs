using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace AtlasAccessGen.SpecTool.Tests;

public class SliceTests
{
    private const string CloudProviderAccess = "Cloud Provider Access";

    [Fact]
    public void Slicing_the_full_spec_by_cloud_provider_access_reproduces_the_vendored_fragment()
    {
        using var scratch = new ScratchFolder();
        JsonObject slice = Tool.Parse(Tool.Slice(Tool.FullSpec, scratch.File("cpa.json"), "--tag", CloudProviderAccess));

        var vendored = JsonNode.Parse(File.ReadAllBytes(Tool.Fragment))!;
        Assert.True(JsonNode.DeepEquals(vendored, Tool.WithoutProvenance(slice)), "the slice differs from spec/cloud-provider-access.json");

        // Also in order: keys as upstream writes them, so a re-slice diffs cleanly against the vendored file.
        Assert.Equal(Keys(vendored), Keys(Tool.WithoutProvenance(slice)));
    }

    [Fact]
    public void The_slice_is_even_byte_identical_to_the_vendored_fragment_apart_from_the_provenance_lines()
    {
        using var scratch = new ScratchFolder();
        string slice = System.Text.Encoding.UTF8.GetString(Tool.Slice(Tool.FullSpec, scratch.File("cpa.json"), "--tag", CloudProviderAccess));

        // info's last member, as the writer indents it: ',\n    "x-atlas-slice": {\n ... \n    }'.
        int start = slice.IndexOf(",\n    \"x-atlas-slice\": {\n", StringComparison.Ordinal);
        Assert.True(start > 0);
        int end = slice.IndexOf("\n    }", start, StringComparison.Ordinal) + "\n    }".Length;
        Assert.Equal(File.ReadAllText(Tool.Fragment), slice.Remove(start, end - start));
    }

    [Fact]
    public void Provenance_names_the_source_its_sha256_and_the_selection()
    {
        using var scratch = new ScratchFolder();
        JsonObject slice = Tool.Parse(Tool.Slice(Tool.FullSpec, scratch.File("cpa.json"), "--tag", CloudProviderAccess, "--operation", "listClusters", "--operation", "createGroupCluster"));

        JsonObject info = (JsonObject)slice["info"]!;
        Assert.Equal("x-atlas-slice", info.Last().Key);
        Assert.Equal("f84b8e4346991132f70f5610809ad1b6af020975", (string?)info["x-xgen-sha"]);
        var provenance = (JsonObject)info["x-atlas-slice"]!;
        Assert.Equal(Tool.FullSpec, (string?)provenance["source"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Tool.FullSpec))), (string?)provenance["sha256"]);
        Assert.Equal(new[] { CloudProviderAccess }, ((JsonArray)provenance["tags"]!).Select(n => (string?)n));
        Assert.Equal(new[] { "createGroupCluster", "listClusters" }, ((JsonArray)provenance["operations"]!).Select(n => (string?)n));
    }

    [Fact]
    public void Slicing_twice_gives_the_same_bytes()
    {
        using var scratch = new ScratchFolder();
        byte[] first = Tool.Slice(Tool.FullSpec, scratch.File("first.json"), "--tag", "Clusters", "--tag", CloudProviderAccess);
        byte[] second = Tool.Slice(Tool.FullSpec, scratch.File("second.json"), "--tag", CloudProviderAccess, "--tag", "Clusters");
        Assert.Equal(first, second);

        // Written as the vendored file is: two-space indent, \n line ends, a final newline, no BOM.
        Assert.Equal((byte)'{', first[0]);
        Assert.Equal((byte)'\n', first[^1]);
        Assert.DoesNotContain((byte)'\r', first);
    }

    [Fact]
    public void A_slice_by_two_tags_is_self_contained()
    {
        using var scratch = new ScratchFolder();
        JsonObject slice = Tool.Parse(Tool.Slice(Tool.FullSpec, scratch.File("two.json"), "--tag", CloudProviderAccess, "--tag", "Clusters"));

        var references = new List<string>();
        CollectReferences(slice, references);
        Assert.True(references.Count > 100, "only " + references.Count + " references");
        Assert.All(references.Distinct(), reference => Assert.NotNull(Resolve(slice, reference)));

        // Every security requirement names a scheme the slice defines.
        var schemes = (JsonObject)slice["components"]!["securitySchemes"]!;
        Assert.All(((JsonArray)slice["security"]!).SelectMany(r => ((JsonObject)r!).Select(p => p.Key)), name => Assert.True(schemes.ContainsKey(name), name));

        // Tags are the used ones only, in upstream's order.
        Assert.Equal(new[] { "Cloud Provider Access", "Clusters" }, ((JsonArray)slice["tags"]!).Select(t => (string?)t!["name"]));
    }

    [Fact]
    public void Operations_are_selected_by_operation_id_or_by_override_and_a_path_item_keeps_only_them()
    {
        using var scratch = new ScratchFolder();
        JsonObject slice = Tool.Parse(Tool.Slice(Tool.FullSpec, scratch.File("ops.json"), "--operation", "listCloudProviderAccess", "--operation", "getGroupCloudProviderAccess"));

        var paths = (JsonObject)slice["paths"]!;
        Assert.Equal(new[] { "/api/atlas/v2/groups/{groupId}/cloudProviderAccess", "/api/atlas/v2/groups/{groupId}/cloudProviderAccess/{roleId}" }, paths.Select(p => p.Key));
        Assert.Equal(new[] { "get" }, ((JsonObject)paths[0]!).Select(p => p.Key));
        Assert.Equal(new[] { "get" }, ((JsonObject)paths[1]!).Select(p => p.Key));

        // No POST or PATCH: their request bodies are not reached.
        var schemas = (JsonObject)slice["components"]!["schemas"]!;
        Assert.False(schemas.ContainsKey("CloudProviderAccessRoleRequest"));
        Assert.True(schemas.ContainsKey("CloudProviderAccessRoles"));
    }

    [Fact]
    public void Tags_and_operations_match_ignoring_case_as_the_generator_filters_do()
    {
        using var scratch = new ScratchFolder();
        JsonObject slice = Tool.Parse(Tool.Slice(Tool.FullSpec, scratch.File("a.json"), "--tag", "cloud provider access", "--operation", "LISTCLUSTERS"));

        Assert.Equal(6, ((JsonObject)slice["paths"]!).Sum(p => ((JsonObject)p.Value!).Count(o => o.Key != "parameters")));
        Assert.Equal(new[] { "Cloud Provider Access", "Clusters" }, ((JsonArray)slice["tags"]!).Select(t => (string?)t!["name"]));

        // The selection is recorded as given.
        Assert.Equal("cloud provider access", (string?)slice["info"]!["x-atlas-slice"]!["tags"]![0]);
    }

    [Fact]
    public void Yaml_input_gives_the_same_slice_as_json()
    {
        using var scratch = new ScratchFolder();
        JsonObject fromYaml = Tool.Parse(Tool.Slice(Tool.FragmentYaml, scratch.File("from-yaml.json"), "--tag", CloudProviderAccess));
        JsonObject fromJson = Tool.Parse(Tool.Slice(Tool.Fragment, scratch.File("from-json.json"), "--tag", CloudProviderAccess));

        Assert.True(JsonNode.DeepEquals(Tool.WithoutProvenance(fromJson), Tool.WithoutProvenance(fromYaml)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllBytes(Tool.Fragment)), Tool.WithoutProvenance(fromYaml)));
    }

    [Fact]
    public void Yaml_scalars_follow_the_core_schema_and_numbers_keep_their_text()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("spec.yaml", """
            openapi: 3.0.1
            info: {title: t, version: '2.0'}
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/A'}
            components:
              schemas:
                A:
                  type: object
                  properties:
                    n: {type: number, minimum: 1.50, maximum: 0x10, default: ~, example: "12"}
                    b: {type: boolean, default: false, example: 'true'}
            """);

        JsonObject slice = Tool.Parse(Tool.Slice(input, scratch.File("out.json"), "--operation", "getA"));
        string text = File.ReadAllText(scratch.File("out.json"));
        Assert.Contains("\"minimum\": 1.50", text, StringComparison.Ordinal);
        Assert.Contains("\"maximum\": 16", text, StringComparison.Ordinal);
        Assert.Contains("\"default\": null", text, StringComparison.Ordinal);
        Assert.Contains("\"example\": \"12\"", text, StringComparison.Ordinal);
        Assert.Equal("2.0", (string?)slice["info"]!["version"]);
        Assert.False((bool)slice["components"]!["schemas"]!["A"]!["properties"]!["b"]!["default"]!);
    }

    [Fact]
    public void The_closure_follows_every_kind_of_reference_and_nothing_else()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("spec.json", """
            {
              "openapi": "3.0.1",
              "info": { "title": "t", "version": "1", "x-atlas-slice": { "source": "an older slice" } },
              "security": [ { "Key": [] } ],
              "tags": [ { "name": "Unused" }, { "name": "Pets" } ],
              "paths": {
                "/pets/{id}": {
                  "parameters": [ { "$ref": "#/components/parameters/Id" } ],
                  "get": {
                    "tags": [ "Pets" ],
                    "operationId": "getPet",
                    "security": [ { "OAuth": [ "read" ] } ],
                    "responses": {
                      "200": {
                        "description": "ok",
                        "headers": { "X-Rate": { "$ref": "#/components/headers/Rate" } },
                        "content": { "application/json": {
                          "schema": { "$ref": "#/components/schemas/Pet" },
                          "examples": { "one": { "$ref": "#/components/examples/OnePet" } } } }
                      },
                      "default": { "$ref": "#/components/responses/Error" }
                    }
                  },
                  "delete": { "tags": [ "Other" ], "operationId": "deletePet", "requestBody": { "$ref": "#/components/requestBodies/Unused" }, "responses": {} }
                }
              },
              "components": {
                "schemas": {
                  "Pet": {
                    "discriminator": { "propertyName": "kind", "mapping": { "cat": "#/components/schemas/Cat", "dog": "Dog" } },
                    "properties": {
                      "kind": { "type": "string" },
                      "example": { "$ref": "#/components/schemas/NamedExample" },
                      "discriminator": { "type": "array", "items": { "$ref": "#/components/schemas/Item" } },
                      "tags": { "type": "object", "additionalProperties": { "$ref": "#/components/schemas/Tag" } }
                    },
                    "example": { "$ref": "#/components/schemas/NotAReference" }
                  },
                  "Cat": { "allOf": [ { "$ref": "#/components/schemas/Pet" }, { "oneOf": [ { "$ref": "#/components/schemas/Whiskers" } ] } ] },
                  "Dog": { "anyOf": [ { "$ref": "#/components/schemas/Tail/properties/length" } ] },
                  "Whiskers": { "type": "integer", "maximum": 1.0E+2 },
                  "Tail": { "properties": { "length": { "type": "number" } } },
                  "NamedExample": { "type": "string" },
                  "Item": { "type": "string" },
                  "Tag": { "type": "string" },
                  "NotAReference": { "type": "string" },
                  "ErrorBody": { "type": "object" },
                  "Unreached": { "type": "string" }
                },
                "parameters": { "Id": { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } },
                "headers": { "Rate": { "schema": { "type": "integer" } } },
                "examples": { "OnePet": { "value": { "$ref": "#/components/schemas/NotAReference" } } },
                "responses": { "Error": { "description": "error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ErrorBody" } } } } },
                "requestBodies": { "Unused": { "content": {} } },
                "securitySchemes": { "Key": { "type": "apiKey", "in": "header", "name": "k" }, "OAuth": { "type": "oauth2", "flows": {} }, "Spare": { "type": "http", "scheme": "basic" } }
              }
            }
            """);

        JsonObject slice = Tool.Parse(Tool.Slice(input, scratch.File("out.json"), "--tag", "Pets"));
        var components = (JsonObject)slice["components"]!;

        Assert.Equal(new[] { "schemas", "parameters", "headers", "examples", "responses", "securitySchemes" }, components.Select(c => c.Key));
        Assert.Equal(new[] { "Pet", "Cat", "Dog", "Whiskers", "Tail", "NamedExample", "Item", "Tag", "ErrorBody" }, ((JsonObject)components["schemas"]!).Select(s => s.Key));
        Assert.Equal(new[] { "Key", "OAuth" }, ((JsonObject)components["securitySchemes"]!).Select(s => s.Key));
        Assert.Equal(new[] { "get" }, ((JsonObject)slice["paths"]!["/pets/{id}"]!).Where(p => p.Key != "parameters").Select(p => p.Key));
        Assert.Equal(new[] { "Pets" }, ((JsonArray)slice["tags"]!).Select(t => (string?)t!["name"]));
        Assert.Equal(new[] { "title", "version", "x-atlas-slice" }, ((JsonObject)slice["info"]!).Select(p => p.Key));
        Assert.Contains("\"maximum\": 1.0E+2", File.ReadAllText(scratch.File("out.json")), StringComparison.Ordinal);
    }

    internal static void CollectReferences(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference)
                    {
                        references.Add((string)reference!);
                    }
                    else
                    {
                        CollectReferences(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    CollectReferences(item, references);
                }

                break;
        }
    }

    internal static JsonNode? Resolve(JsonNode root, string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        JsonNode? node = root;
        foreach (string token in reference[2..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(token, out JsonNode? child) ? child : null;
        }

        return node;
    }

    private static List<string> Keys(JsonNode node)
    {
        var keys = new List<string>();
        Walk(node, "");
        return keys;

        void Walk(JsonNode? n, string at)
        {
            if (n is JsonObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    keys.Add(at + "/" + key);
                    Walk(value, at + "/" + key);
                }
            }
            else if (n is JsonArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    Walk(array[i], at + "/" + i);
                }
            }
        }
    }
}
