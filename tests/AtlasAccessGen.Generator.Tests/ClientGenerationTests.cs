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
    public void Project_wide_AtlasApiVersion_pins_and_item_metadata_wins_over_it()
    {
        var global = new Dictionary<string, string> { ["AtlasApiVersion"] = "2023-01-01" };
        var projectWide = GeneratorHarness.Run(new[] { SpecFile.Fragment() }, GeneratorHarness.ParseOptions(), global);
        Assert.Contains("PinnedApiVersion = \"2023-01-01\";", projectWide.Source(Ns + ".AtlasClient.g.cs"), StringComparison.Ordinal);

        var overridden = GeneratorHarness.Run(new[] { SpecFile.Fragment() with { ApiVersion = "2024-01-01" } }, GeneratorHarness.ParseOptions(), global);
        Assert.Empty(overridden.GeneratorDiagnostics);
        Assert.Contains("PinnedApiVersion = \"2024-01-01\";", overridden.Source(Ns + ".AtlasClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_spec_compiles_cleanly()
    {
        var outcome = Run();

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());

        // The Cloud Provider Access workflows appear only where their operations and types are.
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.EndsWith("CloudProviderAccessWorkflows.g.cs", StringComparison.Ordinal));
        Assert.Contains(GeneratorHarness.Run(SpecFile.Fragment()).Sources, s => s.HintName == "Contoso.Atlas.CloudProviderAccessWorkflows.g.cs");
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

    /// <summary>Shapes the Atlas spec has few or none of, each of which once broke the generated code.</summary>
    private const string Shapes = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Test", "version": "2.0" },
          "paths": {
            "/things/{id}/{when}/{n}/{entry}": {
              "get": {
                "operationId": "getThing",
                "tags": ["Other", "Things"],
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } },
                  { "name": "when", "in": "path", "required": true, "schema": { "type": "string", "format": "date-time" } },
                  { "name": "n", "in": "path", "required": true, "schema": { "type": "integer", "format": "int64" } },
                  { "name": "entry", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^([0-9]{1,3}\\.){3}[0-9]{1,3}(%2[fF][0-9]{1,3})?$" } },
                  { "name": "ratio", "in": "query", "schema": { "type": "number", "format": "float" } },
                  { "name": "item", "in": "query", "schema": { "type": "array", "items": { "type": "string", "enum": ["X", "Y"] } } },
                  { "name": "X-Count", "in": "header", "schema": { "type": "integer" } },
                  { "name": "X-Tags", "in": "header", "schema": { "type": "array", "items": { "type": "string" } } },
                  { "name": "bad", "in": "query", "schema": { "type": "string", "pattern": "([a-z" } }
                ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "204": { "description": "Nothing", "content": { "application/vnd.atlas.2023-01-01+json": { "x-xgen-version": "2023-01-01" } } }
                }
              },
              "put": {
                "operationId": "setFlag",
                "tags": ["Things"],
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "name": "when", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "name": "n", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "name": "entry", "in": "path", "required": true, "schema": { "type": "string" } }
                ],
                "requestBody": { "required": false, "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "type": "boolean" } } } },
                "responses": { "204": { "description": "Done" } }
              }
            },
            "/ping": {
              "get": { "operationId": "ping", "tags": ["Transport"], "responses": { "204": { "description": "Up" } } }
            },
            "/upload": {
              "post": {
                "operationId": "upload",
                "tags": ["Transport"],
                "requestBody": { "content": { "multipart/form-data": { "schema": { "type": "object" } } } },
                "responses": { "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "type": "string" } } } } }
              }
            }
          },
          "components": { "schemas": { "Thing": { "type": "object", "properties": { "name": { "type": "string" } } } } }
        }
        """;

    [Fact]
    public void Unusual_parameter_and_body_shapes_compile_and_unsendable_operations_are_left_out_with_a_reason()
    {
        var outcome = GeneratorHarness.Run(new[] { new SpecFile("/specs/shapes.json", Shapes, Ns, Tags: "Things;Transport") }, GeneratorHarness.ParseOptions());

        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var leftOut = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS017");
        Assert.Contains("multipart/form-data", leftOut.GetMessage(), StringComparison.Ordinal);
        var badPattern = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS018");
        Assert.Contains("'bad'", badPattern.GetMessage(), StringComparison.Ordinal);

        // Filtered by tag, getThing (tagged Other and Things) belongs to the Things client; no Other client exists.
        Assert.Contains(" GetThingAsync(", outcome.Source(Ns + ".ThingsClient.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Sources, s => s.HintName == Ns + ".OtherClient.g.cs");
        Assert.Contains("global::System.Threading.Tasks.Task<global::Contoso.Atlas.Thing?> GetThingAsync(", outcome.Source(Ns + ".ThingsClient.g.cs"), StringComparison.Ordinal);

        // A tag named like a member the root client always has gets a suffix instead of a clash.
        Assert.Contains("public global::Contoso.Atlas.ITransportClient Transport2 { get; }", outcome.Source(Ns + ".AtlasClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unusual_parameters_are_sent_in_their_wire_form_and_an_empty_success_reads_as_null()
    {
        var outcome = GeneratorHarness.Run(new[] { new SpecFile("/specs/shapes.json", Shapes, Ns) }, GeneratorHarness.ParseOptions());
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns, _ => new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        object other = CompiledAssembly.Property(client, "Other");
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            MethodInfoCall(other, "GetThingAsync", out object? result, new Dictionary<string, object?>
            {
                ["id"] = new Guid("6f1c2b3a-0000-4000-8000-000000000001"),
                ["when"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
                ["n"] = 42L,
                ["entry"] = "192.0.2.0%2F24",
                ["ratio"] = 1.5f,
                ["xCount"] = 3L,
                ["xTags"] = new[] { "a", "b" },
            });
            Assert.Null(await ToObjectTask(result!));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/things/6f1c2b3a-0000-4000-8000-000000000001/2024-01-02T01%3A04%3A05Z/42/192.0.2.0%2F24?ratio=1.5", request.PathAndQuery);
        Assert.Equal("3", request.Headers["X-Count"]);
        Assert.Equal("a,b", request.Headers["X-Tags"]);
    }

    [Fact]
    public async Task Optional_value_type_body_is_sent_when_given()
    {
        var outcome = GeneratorHarness.Run(new[] { new SpecFile("/specs/shapes.json", Shapes, Ns) }, GeneratorHarness.ParseOptions());
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns);
        object things = CompiledAssembly.Property(client, "Things");
        var path = new Dictionary<string, object?> { ["id"] = "a", ["when"] = "b", ["n"] = "c", ["entry"] = "d" };

        await CompiledAssembly.InvokeAsync(things, "SetFlagAsync", new Dictionary<string, object?>(path) { ["body"] = true });
        await CompiledAssembly.InvokeAsync(things, "SetFlagAsync", new Dictionary<string, object?>(path) { ["body"] = null });

        Assert.Equal("true", handler.Requests[0].Body);
        Assert.Equal("application/vnd.atlas.2023-01-01+json", handler.Requests[0].ContentType);
        Assert.Null(handler.Requests[1].Body);
    }

    private static void MethodInfoCall(object target, string name, out object? result, IReadOnlyDictionary<string, object?> arguments)
    {
        System.Reflection.MethodInfo method = target.GetType().GetMethod(name)!;
        result = method.Invoke(target, method.GetParameters().Select(p => arguments.TryGetValue(p.Name!, out object? v) ? v : p.HasDefaultValue ? p.DefaultValue : null).ToArray());
    }

    private static async Task<object?> ToObjectTask(object task)
    {
        await (Task)task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    private static System.Net.Http.HttpResponseMessage Json(string json) =>
        new(System.Net.HttpStatusCode.OK) { Content = new System.Net.Http.StringContent(json, System.Text.Encoding.UTF8, "application/vnd.atlas.2023-01-01+json") };
}
