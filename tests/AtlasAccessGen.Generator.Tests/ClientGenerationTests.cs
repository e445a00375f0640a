using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>Client shapes the vendored fragment does not have, from small specs written for the purpose.</summary>
public class ClientGenerationTests
{
    private const string Ns = "Contoso.Atlas";

    /// <summary>One tag, two operations sharing an inline enum parameter, query, header and legacy media types.</summary>
    private const string Spec = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Test", "version": "2.0" },
          "paths": {
            "/api/atlas/v2/groups/{groupId}/events": {
              "get": {
                "operationId": "listEvents",
                "tags": ["Events"],
                "parameters": [
                  { "name": "groupId", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^([a-f0-9]{24})$" } },
                  { "name": "itemsPerPage", "in": "query", "schema": { "type": "integer", "format": "int32", "minimum": 1, "maximum": 500, "default": 100 } },
                  { "name": "eventType", "in": "query", "schema": { "type": "array", "items": { "type": "string", "enum": ["A", "B"] } } },
                  { "name": "minDate", "in": "query", "schema": { "type": "string", "format": "date-time" } },
                  { "name": "includeCount", "in": "query", "schema": { "type": "boolean" } },
                  { "name": "provider", "in": "query", "required": true, "schema": { "type": "string", "enum": ["AWS", "GCP"] } },
                  { "name": "Use-Effective-Fields", "in": "header", "schema": { "type": "boolean" } },
                  { "name": "envelope", "in": "query", "schema": { "type": "boolean" } },
                  { "name": "pretty", "in": "query", "schema": { "type": "boolean" } }
                ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } } } } }
                }
              }
            },
            "/api/atlas/v2/groups/{groupId}/events/{provider}": {
              "delete": {
                "operationId": "deleteEvents",
                "tags": ["Events"],
                "parameters": [
                  { "name": "groupId", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "name": "provider", "in": "path", "required": true, "schema": { "type": "string", "enum": ["AWS", "GCP"] } }
                ],
                "responses": { "204": { "description": "Gone" } }
              }
            },
            "/api/public/v1.0/legacy": {
              "post": {
                "operationId": "legacyCall",
                "tags": ["Legacy"],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Event" } } } },
                "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "string" } } } } }
              }
            }
          },
          "components": {
            "schemas": {
              "Event": { "type": "object", "properties": { "id": { "type": "string" } } }
            }
          }
        }
        """;

    private static GeneratorHarness.GeneratorOutcome Run(string spec = Spec, string path = "/specs/test.json", bool withRuntime = true) =>
        GeneratorHarness.Run(new[] { new SpecFile(path, spec, Ns) }, GeneratorHarness.ParseOptions(), withRuntime: withRuntime);

    [Fact]
    public void Test_spec_compiles_cleanly()
    {
        var outcome = Run();

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public async Task Query_array_date_and_header_parameters_are_sent_as_the_spec_says()
    {
        var outcome = Run();
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns, _ => Json("[{\"id\":\"e1\"}]"));
        object events = CompiledAssembly.Property(client, "Events");
        Type eventType = assembly.Assembly.GetType(Ns + ".EventTypeItem", throwOnError: true)!;
        Type provider = assembly.Assembly.GetType(Ns + ".Provider", throwOnError: true)!;
        Array types = Array.CreateInstance(eventType, 2);
        types.SetValue(eventType.GetProperty("A")!.GetValue(null), 0);
        types.SetValue(eventType.GetProperty("B")!.GetValue(null), 1);

        await CompiledAssembly.InvokeAsync(events, "ListEventsAsync", new Dictionary<string, object?>
        {
            ["groupId"] = "32b6e34b3d91647abb20e7b8",
            ["provider"] = provider.GetProperty("Gcp")!.GetValue(null),
            ["itemsPerPage"] = 5,
            ["eventType"] = types,
            ["minDate"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            ["includeCount"] = true,
            ["useEffectiveFields"] = false,
        });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/events?provider=GCP&itemsPerPage=5&eventType=A&eventType=B&minDate=2024-01-02T01%3A04%3A05Z&includeCount=true", request.PathAndQuery);
        Assert.Equal(new[] { "application/vnd.atlas.2023-01-01+json" }, request.Accept);
        Assert.Equal("false", request.Headers["Use-Effective-Fields"]);
    }

    [Fact]
    public void Envelope_and_pretty_are_not_method_parameters_and_inline_enums_shared_by_operations_are_one_type()
    {
        string source = Run().Source(Ns + ".EventsClient.g.cs");

        Assert.DoesNotContain("bool? envelope", source, StringComparison.Ordinal);
        Assert.DoesNotContain("bool? pretty", source, StringComparison.Ordinal);
        Assert.Contains("DeleteEventsAsync(string groupId, global::Contoso.Atlas.Provider provider,", source, StringComparison.Ordinal);
        Assert.Contains("global::Contoso.Atlas.Provider provider, int? itemsPerPage = null", source, StringComparison.Ordinal);
        Assert.DoesNotContain(Run().Sources, s => s.HintName == Ns + ".Provider2.g.cs");
    }

    [Fact]
    public async Task Out_of_range_and_unknown_enum_arguments_fail_before_any_request()
    {
        var outcome = Run();
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns);
        object events = CompiledAssembly.Property(client, "Events");
        Type provider = assembly.Assembly.GetType(Ns + ".Provider", throwOnError: true)!;
        object unknown = Activator.CreateInstance(provider, "AZURE")!;

        var range = await Assert.ThrowsAsync<System.Reflection.TargetInvocationException>(() => CompiledAssembly.InvokeAsync(events, "ListEventsAsync", new Dictionary<string, object?>
        {
            ["groupId"] = "32b6e34b3d91647abb20e7b8",
            ["provider"] = provider.GetProperty("Aws")!.GetValue(null),
            ["itemsPerPage"] = 501,
        }));
        var outOfRange = Assert.IsType<ArgumentOutOfRangeException>(range.InnerException);
        Assert.Equal("itemsPerPage", outOfRange.ParamName);

        var enumError = await Assert.ThrowsAsync<System.Reflection.TargetInvocationException>(() => CompiledAssembly.InvokeAsync(events, "DeleteEventsAsync", new Dictionary<string, object?>
        {
            ["groupId"] = "any",
            ["provider"] = unknown,
        }));
        var argument = Assert.IsType<ArgumentException>(enumError.InnerException);
        Assert.Equal("provider", argument.ParamName);
        Assert.Contains("AWS, GCP", argument.Message, StringComparison.Ordinal);

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Legacy_operation_with_only_application_json_sends_application_json()
    {
        var outcome = Run();
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns, _ => Json("\"done\""));
        object legacy = CompiledAssembly.Property(client, "Legacy");

        await CompiledAssembly.InvokeAsync(legacy, "LegacyCallAsync", new Dictionary<string, object?>());

        var request = Assert.Single(handler.Requests);
        Assert.Equal(new[] { "application/json" }, request.Accept);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("{}", request.Body);
    }

    [Fact]
    public void Without_the_runtime_only_models_are_generated_with_a_warning()
    {
        var outcome = Run(withRuntime: false);

        var warning = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("ATLAS015", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal));
        Assert.Contains(outcome.Sources, s => s.HintName == Ns + ".Event.g.cs");
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Sunset_in_a_yaml_spec_marks_the_older_version_obsolete()
    {
        const string yaml = """
            openapi: 3.0.1
            info:
              title: Test
              version: '2.0'
            paths:
              /api/atlas/v2/things:
                get:
                  operationId: listThings
                  tags: [Things]
                  responses:
                    '200':
                      description: OK
                      content:
                        application/vnd.atlas.2023-01-01+json:
                          schema:
                            type: string
                          x-sunset: '2026-01-01'
                          x-xgen-version: '2023-01-01'
                        application/vnd.atlas.2024-05-30+json:
                          schema:
                            type: string
                          x-xgen-version: '2024-05-30'
            """;
        var outcome = Run(yaml, "/specs/test.yaml");
        string source = outcome.Source(Ns + ".ThingsClient.g.cs");

        Assert.Contains("[global::System.Obsolete(\"listThings version 2023-01-01 is sunset on 2026-01-01; newer version: 2024-05-30.\")]", source, StringComparison.Ordinal);
        Assert.Contains("V2023_01_01", source, StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Format_variant_name_never_collides_with_another_operation()
    {
        const string spec = """
            {
              "openapi": "3.0.1",
              "info": { "title": "Test", "version": "2.0" },
              "paths": {
                "/a": { "get": { "operationId": "getInvoice", "tags": ["Invoices"], "responses": { "200": { "description": "OK", "content": {
                  "application/vnd.atlas.2023-01-01+json": { "schema": { "type": "string" } },
                  "application/vnd.atlas.2023-01-01+csv": { "schema": { "type": "string" } } } } } } },
                "/b": { "get": { "operationId": "getInvoiceCsv", "tags": ["Invoices"], "responses": { "200": { "description": "OK", "content": {
                  "application/vnd.atlas.2023-01-01+json": { "schema": { "type": "string" } } } } } } }
              }
            }
            """;
        var outcome = Run(spec);
        string source = outcome.Source(Ns + ".InvoicesClient.g.cs");

        Assert.Contains("global::System.Threading.Tasks.Task<string> GetInvoiceCsvAsync(", source, StringComparison.Ordinal);
        Assert.Contains("global::System.Threading.Tasks.Task<global::System.IO.Stream> GetInvoiceCsv2Async(", source, StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    private static System.Net.Http.HttpResponseMessage Json(string json) =>
        new(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.StringContent(json, System.Text.Encoding.UTF8, "application/vnd.atlas.2023-01-01+json") };
}
