using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using AtlasAccessGen.Generator;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NJsonSchema;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace AtlasAccessGen.Benchmarks;

/// <summary>
/// Our whole generator run (through Roslyn's driver, a fresh driver each time so nothing is cached)
/// against NSwag.Core's bare parse of the same text: the parse is the floor we cannot go below.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private string _text = string.Empty;
    private CSharpCompilation _compilation = null!;

    [Params("cloud-provider-access.json", "atlas-api-v2.json")]
    public string Spec { get; set; } = string.Empty;

    /// <summary>The <c>Tags</c> slice: empty generates every operation; one tag shows what slicing saves on the full spec.</summary>
    [Params("", "Cloud Provider Access")]
    public string Tags { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", Spec));
        // The runtime is referenced, so the clients are generated too, as in a real consumer.
        _compilation = CSharpCompilation.Create("Bench", references:
        [
            MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(AtlasAccessGen.Runtime.AtlasTransport).Assembly.Location),
        ]);
    }

    [Benchmark(Baseline = true)]
    public int NSwagParse() => OpenApiDocument.FromJsonAsync(_text).GetAwaiter().GetResult().Operations.Count();

    [Benchmark]
    public int Generator() => GeneratedTrees().Length;

    /// <summary>
    /// The peer: NSwag's own C# generator, text to code as ours is (the same parse, then DTOs and
    /// clients for every operation in one file). It has no tag slicing, so it runs only unsliced.
    /// </summary>
    [Benchmark]
    public int NSwagCodegen()
    {
        return Tags.Length > 0 ? 0 : NSwagCode().Length;
    }

    public string NSwagCode()
    {
        OpenApiDocument document = OpenApiDocument.FromJsonAsync(_text).GetAwaiter().GetResult();

        // NSwag cannot generate the Atlas spec as published; these are the smallest changes that let it
        // (ours reads the spec as is). It reads inheritance from the discriminator plus the subtypes'
        // allOf, and the base's oneOf listing the same subtypes is a cycle on which NJsonSchema throws
        // "The baseTypeName 'CloudProviderAccessAWSIAMRole' cannot equal typeName"; and it expects one
        // discriminator value per subtype, where Atlas maps several values to one schema.
        foreach (JsonSchema schema in document.Components.Schemas.Values)
        {
            if (schema.DiscriminatorObject is { } discriminator)
            {
                schema.OneOf.Clear();
                foreach (string value in discriminator.Mapping.GroupBy(pair => pair.Value.ActualSchema).SelectMany(group => group.Skip(1)).Select(pair => pair.Key).ToList())
                {
                    discriminator.Mapping.Remove(value);
                }
            }
        }

        return new CSharpClientGenerator(document, NSwagSettings).GenerateFile();
    }

    public int NSwagCodegenLines() => NSwagCode().Split('\n').Length;

    private static readonly CSharpClientGeneratorSettings NSwagSettings = new()
    {
        ClassName = "{controller}Client",
        OperationNameGenerator = new NSwag.CodeGeneration.OperationNameGenerators.MultipleClientsFromFirstTagAndOperationIdGenerator(),
        CSharpGeneratorSettings = { Namespace = "Bench.NSwag" },
    };

    public System.Collections.Immutable.ImmutableArray<SyntaxTree> GeneratedTrees()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new AtlasApiGenerator().AsSourceGenerator()],
            [new SpecText("/specs/" + Spec, _text)],
            new CSharpParseOptions(LanguageVersion.Latest),
            new SpecOptions(Tags));
        return driver.RunGenerators(_compilation).GetRunResult().GeneratedTrees;
    }

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class SpecOptions(string tags) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _marked = new(ImmutableDictionary<string, string>.Empty
            .Add("build_metadata.AdditionalFiles.AtlasApiSpec", "true")
            .Add("build_metadata.AdditionalFiles.AtlasNamespace", "Bench.Atlas")
            .Add("build_metadata.AdditionalFiles.AtlasTags", tags));

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _marked;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
