using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>The whole API generated once (over a minute) for every test of <see cref="FullApiTests"/>.</summary>
public sealed class FullApiOutput
{
    // XML docs checked too: the spec's CommonMark (links, code spans) becomes doc markup that must be well formed.
    public GeneratorHarness.GeneratorOutcome Outcome { get; } = GeneratorHarness.Run(
        new[] { new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, "Contoso.AtlasApi") },
        GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose));
}

/// <summary>The whole upstream v2 API (540 operations, 1,145 schemas) proves the generator is general.</summary>
public class FullApiTests : IClassFixture<FullApiOutput>
{
    private const string Ns = "Contoso.AtlasApi";
    private readonly GeneratorHarness.GeneratorOutcome _outcome;
    private readonly ITestOutputHelper _output;

    public FullApiTests(FullApiOutput output, ITestOutputHelper testOutput)
    {
        _outcome = output.Outcome;
        _output = testOutput;
    }

    [Fact]
    public void Whole_api_generates_and_compiles_with_no_errors_or_warnings()
    {
        Assert.DoesNotContain(_outcome.DriverDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.DoesNotContain(_outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var problems = _outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.True(_outcome.Sources.Count > 1000, "only " + _outcome.Sources.Count + " files");
    }

    [Fact]
    public void Every_paged_list_operation_gets_a_paging_method_and_every_page_the_page_interface()
    {
        Compilation compilation = _outcome.Output;
        INamedTypeSymbol asyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1")!;
        INamedTypeSymbol pageInterface = compilation.GetTypeByMetadataName("AtlasAccessGen.Runtime.Paging.IAtlasPage`1")!;
        INamedTypeSymbol linkInterface = compilation.GetTypeByMetadataName("AtlasAccessGen.Runtime.Paging.IAtlasLink")!;
        List<INamedTypeSymbol> types = GeneratedTypes(compilation.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Contoso")).ToList();

        var pagingMethods = types
            .Where(t => t.TypeKind == TypeKind.Interface && t.Name.EndsWith("Client", StringComparison.Ordinal))
            .SelectMany(t => t.GetMembers().OfType<IMethodSymbol>())
            .Where(m => SymbolEqualityComparer.Default.Equals(m.ReturnType.OriginalDefinition, asyncEnumerable))
            .ToList();

        // Counted independently from the spec: GETs with pageNum and itemsPerPage whose newest dated version answers an object with a results array.
        int expected = PagedListOperationsInSpec();
        _output.WriteLine($"{pagingMethods.Count} paging methods; the spec has {expected} paged list operations.");
        Assert.Equal(expected, pagingMethods.Count);
        Assert.Equal(83, pagingMethods.Count);
        _output.WriteLine(string.Join("\n", pagingMethods.Select(m => m.ContainingType.Name + "." + m.Name)));

        foreach (IMethodSymbol method in pagingMethods)
        {
            Assert.DoesNotContain(method.Parameters, p => p.Name == "pageNum");
            Assert.Contains(method.Parameters, p => p.Name == "itemsPerPage");
            Assert.Equal("cancellationToken", method.Parameters.Last().Name);
            Assert.Matches("^[A-Z][a-z]*All", method.Name);
        }

        // Declared with a default implementation on the interface only: the class (and any fake) inherits it.
        INamedTypeSymbol projects = types.Single(t => t.Name == "IProjectsClient");
        IMethodSymbol listAll = projects.GetMembers("ListAllGroupsAsync").OfType<IMethodSymbol>().Single();
        Assert.False(listAll.IsAbstract);
        Assert.Empty(types.Single(t => t.Name == "ProjectsClient").GetMembers("ListAllGroupsAsync"));
        Assert.Equal("System.Collections.Generic.IAsyncEnumerable<Contoso.AtlasApi.Group>", listAll.ReturnType.ToDisplayString());
        Assert.Equal(new[] { "includeCount", "itemsPerPage", "options", "cancellationToken" }, listAll.Parameters.Select(p => p.Name));

        INamedTypeSymbol groupPage = types.Single(t => t.Name == "PaginatedAtlasGroupView");
        Assert.Contains(groupPage.AllInterfaces, i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, pageInterface) && i.TypeArguments.Single().Name == "Group");
        Assert.Contains(types.Single(t => t.Name == "Link").AllInterfaces, i => SymbolEqualityComparer.Default.Equals(i, linkInterface));

        // Every page a paging method walks is an IAtlasPage of the items it yields.
        var pages = types.Where(t => t.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, pageInterface))).ToList();
        _output.WriteLine($"{pages.Count} classes implement IAtlasPage<T>.");
        Assert.All(pages, page => Assert.Contains("results", _outcome.Sources.Single(s => s.HintName == Ns + "." + page.Name + ".g.cs").SourceText.ToString(), StringComparison.Ordinal));

        // One line per operation: the walking is the runtime's.
        string client = _outcome.Source(Ns + ".ProjectsClient.g.cs");
        Assert.Equal(
            pagingMethods.Count(m => m.ContainingType.Name == "IProjectsClient"),
            client.Split('\n').Count(line => line.Contains("AtlasPaging", StringComparison.Ordinal)));
        Assert.Contains(
            "global::AtlasAccessGen.Runtime.Paging.AtlasPaging.EnumerateAsync<global::Contoso.AtlasApi.PaginatedAtlasGroupView, global::Contoso.AtlasApi.Group>((pageNum, cancellationToken) => ListGroupsAsync(includeCount, itemsPerPage, pageNum, options, cancellationToken), itemsPerPage ?? 100, includeCount == true, cancellationToken);",
            client,
            StringComparison.Ordinal);
    }

    private static IEnumerable<INamedTypeSymbol> GeneratedTypes(INamespaceSymbol ns)
    {
        foreach (INamedTypeSymbol type in ns.GetTypeMembers())
        {
            yield return type;
        }

        foreach (INamedTypeSymbol type in ns.GetNamespaceMembers().SelectMany(GeneratedTypes))
        {
            yield return type;
        }
    }

    private static int PagedListOperationsInSpec()
    {
        using JsonDocument spec = JsonDocument.Parse(Specs.FullApi);
        JsonElement components = spec.RootElement.GetProperty("components");
        JsonElement Resolve(JsonElement element, string section) =>
            element.TryGetProperty("$ref", out JsonElement reference) ? components.GetProperty(section).GetProperty(reference.GetString()!.Split('/').Last()) : element;

        int count = 0;
        foreach (JsonProperty path in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out JsonElement get))
            {
                continue;
            }

            IEnumerable<JsonElement> parameters = (get.TryGetProperty("parameters", out JsonElement own) ? own.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Concat(path.Value.TryGetProperty("parameters", out JsonElement shared) ? shared.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(p => Resolve(p, "parameters"));
            var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToHashSet();
            if (!query.Contains("pageNum") || !query.Contains("itemsPerPage"))
            {
                continue;
            }

            var versions = get.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out _))
                .SelectMany(r => r.Value.GetProperty("content").EnumerateObject())
                .Select(m => (Match: Regex.Match(m.Name, @"^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$"), m.Value))
                .Where(m => m.Match.Success)
                .OrderBy(m => m.Match.Groups[1].Value, StringComparer.Ordinal)
                .ToList();
            if (versions.Count == 0)
            {
                continue;
            }

            JsonElement schema = Resolve(versions[^1].Value.GetProperty("schema"), "schemas");
            if (schema.TryGetProperty("properties", out JsonElement properties) && properties.TryGetProperty("results", out JsonElement results)
                && results.TryGetProperty("type", out JsonElement type) && type.GetString() == "array")
            {
                count++;
            }
        }

        return count;
    }
}
