using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using System.Web;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>Which operations and models take part in paging, from a small spec with the cases the whole API has and a few it does not.</summary>
public class PagingGenerationTests
{
    private const string Ns = "Contoso.Atlas";

    private const string PageParameters = """
        { "name": "pageNum", "in": "query", "schema": { "type": "integer", "minimum": 1, "default": 1 } },
        { "name": "itemsPerPage", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 2 } }
        """;

    /// <summary>
    /// listItems pages (with includeCount); listAllItems already has the name its paging method would take; createItems is
    /// a POST that answers a page; listThings is deprecated, may answer 204, has no page size default and a bare page.
    /// </summary>
    private const string Spec = $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "Test", "version": "2.0" },
          "paths": {
            "/api/atlas/v2/items": {
              "get": {
                "operationId": "listItems",
                "tags": ["Items"],
                "parameters": [
                  { "name": "includeCount", "in": "query", "schema": { "type": "boolean", "default": true } },
                  {{PageParameters}},
                  { "name": "tag", "in": "query", "schema": { "type": "string" } }
                ],
                "responses": { "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/PaginatedItemView" } } } } }
              },
              "post": {
                "operationId": "createItems",
                "tags": ["Items"],
                "parameters": [ {{PageParameters}} ],
                "requestBody": { "required": true, "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Item" } } } },
                "responses": { "201": { "description": "Created", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/PaginatedItemView" } } } } }
              }
            },
            "/api/atlas/v2/items/all": {
              "get": {
                "operationId": "listAllItems",
                "tags": ["Items"],
                "responses": { "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "$ref": "#/components/schemas/Item" } } } } }
              }
            },
            "/api/atlas/v2/things": {
              "get": {
                "operationId": "listThings",
                "tags": ["Things"],
                "deprecated": true,
                "parameters": [
                  { "name": "pageNum", "in": "query", "schema": { "type": "integer", "format": "int32" } },
                  { "name": "itemsPerPage", "in": "query", "schema": { "type": "integer", "format": "int32" } }
                ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/vnd.atlas.2023-01-01+json": { "schema": { "type": "object", "properties": { "results": { "type": "array", "items": { "type": "string" } } } } } } },
                  "204": { "description": "Nothing" }
                }
              }
            }
          },
          "components": {
            "schemas": {
              "Item": { "type": "object", "properties": { "name": { "type": "string" } } },
              "Link": { "type": "object", "properties": { "href": { "type": "string" }, "rel": { "type": "string" } } },
              "PaginatedItemView": {
                "type": "object",
                "required": ["results"],
                "properties": {
                  "links": { "type": "array", "readOnly": true, "items": { "$ref": "#/components/schemas/Link" } },
                  "results": { "type": "array", "readOnly": true, "items": { "$ref": "#/components/schemas/Item" } },
                  "totalCount": { "type": "integer", "format": "int32", "readOnly": true }
                }
              }
            }
          }
        }
        """;

    private static GeneratorHarness.GeneratorOutcome Run(bool withRuntime = true) =>
        GeneratorHarness.Run(new[] { new SpecFile("/specs/paging.json", Spec, Ns) }, GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose), withRuntime: withRuntime);

    [Fact]
    public void Only_GETs_that_answer_a_page_get_a_paging_method_named_beside_the_clients_other_methods()
    {
        var outcome = Run();

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        Compilation compilation = outcome.Output;
        INamedTypeSymbol items = compilation.GetTypeByMetadataName(Ns + ".IItemsClient")!;
        string[] methods = items.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        // listAllItems took "ListAllItems" first: the paging method of listItems gets the next free name; the POST gets none.
        Assert.Equal(new[] { "CreateItemsAsync", "ListAllItems2Async", "ListAllItemsAsync", "ListItemsAsync" }, methods);
        IMethodSymbol paging = items.GetMembers("ListAllItems2Async").OfType<IMethodSymbol>().Single();
        Assert.False(paging.IsAbstract);
        Assert.Equal("System.Collections.Generic.IAsyncEnumerable<Contoso.Atlas.Item>", paging.ReturnType.ToDisplayString());
        Assert.Equal(new[] { "includeCount", "itemsPerPage", "tag", "options", "cancellationToken" }, paging.Parameters.Select(p => p.Name));
        Assert.Equal("Contoso.Atlas.Item", items.GetMembers("ListAllItemsAsync").OfType<IMethodSymbol>().Single().ReturnType is INamedTypeSymbol task ? task.TypeArguments.Single().ToDisplayString() : null);

        // Deprecated: the paging method is obsolete too (and calls the obsolete method without a warning); the page may be a 204.
        IMethodSymbol things = compilation.GetTypeByMetadataName(Ns + ".IThingsClient")!.GetMembers("ListAllThingsAsync").OfType<IMethodSymbol>().Single();
        Assert.Contains(things.GetAttributes(), a => a.AttributeClass?.Name == "ObsoleteAttribute");
        string thingsSource = outcome.Source(Ns + ".ThingsClient.g.cs");
        const string Expected = "EnumerateAsync<global::Contoso.Atlas.ListThingsResponse?, string>((pageNum, cancellationToken) => ListThingsAsync(pageNum, itemsPerPage, options, cancellationToken), itemsPerPage, false, cancellationToken);";
        Assert.True(thingsSource.Contains(Expected, StringComparison.Ordinal), thingsSource);

        INamedTypeSymbol page = compilation.GetTypeByMetadataName(Ns + ".PaginatedItemView")!;
        Assert.Equal(new[] { "AtlasAccessGen.Runtime.Paging.IAtlasPage<Contoso.Atlas.Item>" }, page.Interfaces.Select(i => i.ToDisplayString()));
        Assert.Equal(new[] { "AtlasAccessGen.Runtime.Paging.IAtlasLink" }, compilation.GetTypeByMetadataName(Ns + ".Link")!.Interfaces.Select(i => i.ToDisplayString()));
        Assert.Empty(compilation.GetTypeByMetadataName(Ns + ".Item")!.Interfaces);
    }

    [Fact]
    public void Models_without_the_runtime_do_not_name_its_interfaces()
    {
        var outcome = Run(withRuntime: false);

        Assert.Empty(outcome.CompilationProblems());
        Assert.DoesNotContain("IAtlasPage", outcome.Source(Ns + ".PaginatedItemView.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("IAtlasLink", outcome.Source(Ns + ".Link.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_method_walks_the_pages_sending_the_other_parameters_with_each()
    {
        var outcome = Run();
        using var assembly = CompiledAssembly.Load(outcome.Output);
        var (client, handler) = assembly.CreateClient(Ns, Pages(total: 5));
        object items = CompiledAssembly.Property(client, "Items");
        MethodInfo method = assembly.Assembly.GetType(Ns + ".IItemsClient", throwOnError: true)!.GetMethod("ListAllItems2Async")!;

        var all = (IAsyncEnumerable<object>)method.Invoke(items, new object?[] { null, null, "blue", null, default(System.Threading.CancellationToken) })!;
        var names = new List<string>();
        await foreach (object item in all)
        {
            names.Add((string)item.GetType().GetProperty("Name")!.GetValue(item)!);
        }

        Assert.Equal(new[] { "item-1", "item-2", "item-3", "item-4", "item-5" }, names);

        // The spec's default page size (2) is assumed, not sent; the third page is short and ends the walk.
        Assert.Equal(
            new[] { "/api/atlas/v2/items?pageNum=1&tag=blue", "/api/atlas/v2/items?pageNum=2&tag=blue", "/api/atlas/v2/items?pageNum=3&tag=blue" },
            handler.Requests.Select(r => r.PathAndQuery));
        Assert.All(handler.Requests, r => Assert.Equal("application/vnd.atlas.2023-01-01+json", Assert.Single(r.Accept)));
    }

    [Fact]
    public async Task With_includeCount_a_full_last_page_is_the_last_request()
    {
        var outcome = Run();
        using var assembly = CompiledAssembly.Load(outcome.Output);
        var (client, handler) = assembly.CreateClient(Ns, Pages(total: 4, withLinks: false));
        object items = CompiledAssembly.Property(client, "Items");
        MethodInfo method = assembly.Assembly.GetType(Ns + ".IItemsClient", throwOnError: true)!.GetMethod("ListAllItems2Async")!;

        // The server here sends no links, so only the count can end the walk after the full second page.
        var all = (IAsyncEnumerable<object>)method.Invoke(items, new object?[] { true, 2L, null, null, default(System.Threading.CancellationToken) })!;
        int count = 0;
        await foreach (object item in all)
        {
            count++;
        }

        Assert.Equal(4, count);
        Assert.Equal(new[] { "/api/atlas/v2/items?includeCount=true&pageNum=1&itemsPerPage=2", "/api/atlas/v2/items?includeCount=true&pageNum=2&itemsPerPage=2" }, handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task A_hand_written_implementation_of_the_interface_still_compiles_and_pages_through_its_own_answers()
    {
        const string Fake = """
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using AtlasAccessGen.Runtime;

            namespace Contoso.Atlas.Tests;

            public sealed class FakeItems : IItemsClient
            {
                public int Requests;

                public Task<PaginatedItemView> CreateItemsAsync(Item body, long? pageNum = null, long? itemsPerPage = null, AtlasRequestOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new System.NotSupportedException();

                public Task<Item> ListAllItemsAsync(AtlasRequestOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new System.NotSupportedException();

                public Task<PaginatedItemView> ListItemsAsync(bool? includeCount = null, long? pageNum = null, long? itemsPerPage = null, string? tag = null, AtlasRequestOptions? options = null, CancellationToken cancellationToken = default)
                {
                    Requests++;
                    int first = (int)((pageNum!.Value - 1) * 2);
                    var results = Enumerable.Range(first, System.Math.Max(0, System.Math.Min(2, 3 - first))).Select(i => new Item { Name = "fake-" + i }).ToList();
                    return Task.FromResult(new PaginatedItemView { Results = results });
                }

                public static async Task<string> WalkAsync()
                {
                    var fake = new FakeItems();
                    var names = new System.Collections.Generic.List<string>();
                    await foreach (Item item in ((IItemsClient)fake).ListAllItems2Async())
                    {
                        names.Add(item.Name!);
                    }

                    return string.Join(",", names) + ";" + fake.Requests;
                }
            }
            """;
        var outcome = Run();
        var parseOptions = (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)outcome.Output.SyntaxTrees.First().Options;
        Compilation withFake = outcome.Output.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Fake, parseOptions, path: "Fake.cs"));
        Assert.Empty(withFake.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        using var assembly = CompiledAssembly.Load(withFake);
        var walk = (Task<string>)assembly.Assembly.GetType("Contoso.Atlas.Tests.FakeItems", throwOnError: true)!.GetMethod("WalkAsync")!.Invoke(null, null)!;

        Assert.Equal("fake-0,fake-1,fake-2;2", await walk);
    }

    /// <summary>Answers page N of <paramref name="total"/> items, 2 per page, with <c>next</c> links while items remain (or no links).</summary>
    private static Func<HttpRequestMessage, HttpResponseMessage> Pages(int total, bool withLinks = true) => request =>
    {
        int pageNum = int.Parse(HttpUtility.ParseQueryString(request.RequestUri!.Query)["pageNum"]!, System.Globalization.CultureInfo.InvariantCulture);
        int first = (pageNum - 1) * 2;
        var results = Enumerable.Range(first + 1, Math.Max(0, Math.Min(2, total - first))).Select(i => "{\"name\":\"item-" + i + "\"}");
        string links = "{\"rel\":\"self\",\"href\":\"https://atlas.test/\"}" + (first + 2 < total ? ",{\"rel\":\"next\",\"href\":\"https://atlas.test/\"}" : string.Empty);
        string json = "{" + (withLinks ? "\"links\":[" + links + "]," : string.Empty) + "\"results\":[" + string.Join(",", results) + "],\"totalCount\":" + total + "}";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/vnd.atlas.2023-01-01+json") };
    };
}
