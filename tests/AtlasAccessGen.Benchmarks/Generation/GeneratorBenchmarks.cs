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
using NSwag;

namespace AtlasAccessGen.Benchmarks.Generation;

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
        _text = SpecFiles.Read(Spec);
        _compilation = SpecFiles.ConsumerCompilation();
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

    public string NSwagCode() => NSwagPeer.Generate(_text, withClients: true);

    public System.Collections.Immutable.ImmutableArray<SyntaxTree> GeneratedTrees()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new AtlasApiGenerator().AsSourceGenerator()],
            [new SpecText("/specs/" + Spec, _text)],
            new CSharpParseOptions(LanguageVersion.Latest),
            new SpecOptions(Tags));
        return driver.RunGenerators(_compilation).GetRunResult().GeneratedTrees;
    }
}
