using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtlasAccessGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>The whole upstream v2 API (540 operations, 1,145 schemas) proves the generator is general.</summary>
[Collection(WholeApi.Collection)]
public class FullApiTests
{
    private const string Ns = WholeApi.Ns;
    private readonly WholeApi _api;
    private readonly GeneratorHarness.GeneratorOutcome _outcome;
    private readonly ITestOutputHelper _output;

    public FullApiTests(WholeApi api, ITestOutputHelper output)
    {
        _api = api;
        _outcome = api.Outcome;
        _output = output;
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
            .Where(t => t.TypeKind == Microsoft.CodeAnalysis.TypeKind.Interface && t.Name.EndsWith("Client", StringComparison.Ordinal))
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

    /// <summary>
    /// A class with no public property whose schema has properties or variants drops its JSON on a round trip. Found
    /// by reflection over the compiled whole API, each class traced to its schema through the generator's model.
    /// </summary>
    [Fact]
    public void No_generated_class_without_members_stands_for_a_schema_with_properties_or_variants()
    {
        var empty = new List<string>();
        int classes = 0;
        foreach (ObjectModel model in _api.Spec.Objects)
        {
            classes++;
            Type type = _api.Type(model.Name);
            if (type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Length > 0)
            {
                continue;
            }

            JsonElement schema = _api.At(model.JsonPointer);
            bool hasShape = schema.ValueKind == JsonValueKind.Object
                && new[] { "properties", "oneOf", "anyOf", "allOf", "discriminator" }.Any(key => schema.TryGetProperty(key, out JsonElement value) && value.ValueKind != JsonValueKind.Null && (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any()));
            if (hasShape)
            {
                empty.Add(model.Name + " (" + model.JsonPointer + ")");
            }
        }

        _output.WriteLine(classes + " generated classes; " + empty.Count + " without members for a schema with properties or variants:");
        empty.ForEach(_output.WriteLine);
        Assert.True(classes > 500, "only " + classes + " classes");
        Assert.Empty(empty);
    }

    /// <summary>
    /// A search index with a custom analyzer for each of the 8 tokenizer types (bodies after the spec's tokenizer
    /// schemas; <c>nGram</c> by the mapping, whose schema's own enum says <c>edgeGram</c>) reads each tokenizer as its
    /// variant and writes the index back byte for byte: same properties, same order.
    /// </summary>
    [Fact]
    public void Search_index_with_a_tokenizer_of_each_type_reads_as_variants_and_writes_back_unchanged()
    {
        string[] tokenizers =
        {
            """{"type":"edgeGram","maxGram":10,"minGram":2}""",
            """{"type":"keyword"}""",
            """{"type":"nGram","maxGram":5,"minGram":3}""",
            """{"type":"regexCaptureGroup","group":0,"pattern":"^\\b\\d{3}[-]?\\d{4}\\b$"}""",
            """{"type":"regexSplit","pattern":"[-. ]"}""",
            """{"type":"standard","maxTokenLength":255}""",
            """{"type":"uaxUrlEmail","maxTokenLength":200}""",
            """{"type":"whitespace","maxTokenLength":100}""",
        };
        string analyzers = string.Join(",", tokenizers.Select((tokenizer, i) =>
            "{" + (i == 0 ? "\"charFilters\":[{\"type\":\"htmlStrip\",\"ignoredTags\":[\"a\",\"div\"]}]," : string.Empty)
            + "\"name\":\"custom-" + i + "\","
            + (i == 0 ? "\"tokenFilters\":[{\"type\":\"lowercase\"},{\"type\":\"length\",\"max\":20,\"min\":1}]," : string.Empty)
            + "\"tokenizer\":" + tokenizer + "}"));
        string json = "{\"type\":\"search\",\"collectionName\":\"movies\",\"database\":\"sample_mflix\",\"indexID\":\"32b6e34b3d91647abb20e7b8\",\"name\":\"custom\","
            + "\"numPartitions\":1,\"status\":\"STEADY\",\"storedSource\":{\"include\":[\"title\"]},\"analyzer\":\"custom-0\",\"analyzers\":[" + analyzers + "],"
            + "\"mappings\":{\"dynamic\":false,\"fields\":{\"title\":{\"analyzer\":\"custom-1\",\"type\":\"string\"}}},\"searchAnalyzer\":\"lucene.standard\"}";

        object index = InlineUnionTests.Read(_api.Assembly, "ClusterSearchIndex", json, WholeApi.Ns);

        Assert.Equal("SearchIndex", index.GetType().Name);
        var read = ((System.Collections.IEnumerable)CompiledAssembly.Property(index, "Analyzers")).Cast<object>().Select(a => CompiledAssembly.Property(a, "Tokenizer").GetType()).ToList();
        Assert.Equal(8, read.Count);
        Assert.All(read, type => Assert.Equal("ApiAtlasFTSAnalyzersViewManualTokenizer", type.BaseType!.Name));
        Assert.Equal(
            new[] { "TokenizeredgeGram", "Tokenizerkeyword", "TokenizernGram", "TokenizerregexCaptureGroup", "TokenizerregexSplit", "Tokenizerstandard", "TokenizeruaxUrlEmail", "Tokenizerwhitespace" },
            read.Select(type => type.Name));
        Assert.Equal(json, InlineUnionTests.Write(_api.Assembly, "ClusterSearchIndex", index, WholeApi.Ns));
    }

    /// <summary>Identical inline enums collapse on the whole API too; the counts are in the test output.</summary>
    [Fact]
    public void Whole_api_inline_enums_of_one_value_set_are_one_type()
    {
        var shared = _api.Spec.Enums.Where(e => e.MergedNames.Count > 0).ToList();
        int collapsed = shared.Sum(e => e.MergedNames.Count + 1);
        _output.WriteLine(collapsed + " inline enum types collapsed into " + shared.Count + "; " + _api.Spec.Enums.Count + " enum types in all, "
            + (collapsed - shared.Count) + " fewer than before.");
        foreach (var e in shared.OrderByDescending(e => e.MergedNames.Count).Take(10))
        {
            _output.WriteLine(e.Name + " <- " + e.MergedNames.Count + ": " + string.Join(", ", e.MergedNames.Take(5)));
        }

        EnumModel cloudProvider = Assert.Single(shared, e => e.Members.Select(m => m.Value).SequenceEqual(new[] { "AWS", "AZURE", "GCP" }));
        Assert.Contains("CloudProviderAccessRoleProviderName", cloudProvider.MergedNames);
        Assert.All(_api.Spec.Enums.SelectMany(e => e.MergedNames), name => Assert.Null(_api.Assembly.Assembly.GetType(WholeApi.Ns + "." + name)));
        Assert.True(shared.Count > 10, shared.Count + " shared enum types");
    }
}
