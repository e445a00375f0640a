using System.Collections.Immutable;
using System.Linq;
using AtlasAccessGen.Generator;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;

namespace AtlasAccessGen.Benchmarks.Generation;

/// <summary>
/// Our whole generator run (through Roslyn's driver, a fresh driver each time so nothing is cached) against
/// NSwag.Core's bare parse of the same text (the baseline: the parse is the floor we cannot go below) and
/// against NSwag's own C# code generator (the peer), plus our run sliced to one tag (<c>AtlasTags</c>).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const string OneTag = "Cloud Provider Access";

    private string _text = string.Empty;
    private CSharpCompilation _compilation = null!;

    [Params("cloud-provider-access.json", "atlas-api-v2.json")]
    public string Spec { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _text = SpecFiles.Read(Spec);
        _compilation = SpecFiles.ConsumerCompilation();
    }

    [Benchmark(Baseline = true)]
    public int NSwagParse() => OpenApiDocument.FromJsonAsync(_text).GetAwaiter().GetResult().Operations.Count();

    [Benchmark]
    public int Generator() => GeneratedTrees(tags: string.Empty).Length;

    /// <summary>What a project that vendors the whole spec but uses one tag pays.</summary>
    [Benchmark]
    public int GeneratorOneTag() => GeneratedTrees(OneTag).Length;

    /// <summary>The peer: text to code as ours is (the same parse, then DTOs and a client per tag, in one file).</summary>
    [Benchmark]
    public int NSwagCodegen() => NSwagCode().Length;

    public string NSwagCode() => NSwagPeer.Generate(_text, withClients: true);

    public ImmutableArray<SyntaxTree> GeneratedTrees(string tags)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new AtlasApiGenerator().AsSourceGenerator()],
            [new SpecText("/specs/" + Spec, _text)],
            new CSharpParseOptions(LanguageVersion.Latest),
            new SpecOptions(tags));
        return driver.RunGenerators(_compilation).GetRunResult().GeneratedTrees;
    }
}
