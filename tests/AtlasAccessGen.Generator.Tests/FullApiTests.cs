using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using AtlasAccessGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>The whole upstream v2 API (540 operations, 1,145 schemas) proves the generator is general.</summary>
public class FullApiTests : IClassFixture<WholeApi>
{
    private readonly WholeApi _api;
    private readonly ITestOutputHelper _output;

    public FullApiTests(WholeApi api, ITestOutputHelper output)
    {
        _api = api;
        _output = output;
    }

    [Fact]
    public void Whole_api_generates_and_compiles_with_no_errors_or_warnings()
    {
        // XML docs checked too: the spec's CommonMark (links, code spans) becomes doc markup that must be well formed.
        var outcome = GeneratorHarness.Run(
            new[] { new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, "Contoso.AtlasApi") },
            GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose));

        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.True(outcome.Sources.Count > 1000, "only " + outcome.Sources.Count + " files");
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
