using System.Collections.Immutable;
using System.Linq;
using AtlasAccessGen.Generator;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AtlasAccessGen.Benchmarks.Generation;

/// <summary>
/// What an edit costs once the driver has run: the IDE and incremental builds keep the driver and hand it each edit.
/// The baseline is NSwag.Core's bare parse of the same text (issue #16 asks a one-line spec edit to cost at most 1.1x
/// of it), beside a first run (a fresh driver, nothing cached). Each rerun alternates between two states, so every
/// invocation sees a real change from the one before: two versions of an unrelated C# file, or two versions of the
/// spec that differ in one line (an operation's summary).
/// </summary>
[MemoryDiagnoser]
public class IncrementalBenchmarks
{
    private readonly SyntaxTree[] _csharpVersions =
    [
        CSharpSyntaxTree.ParseText("namespace App; public static class Program { public static int Main() => 0; }", path: "Program.cs"),
        CSharpSyntaxTree.ParseText("namespace App; public static class Program { public static int Main() => 1; }", path: "Program.cs"),
    ];

    private string _text = string.Empty;
    private SpecText[] _specVersions = [];
    private CSharpCompilation[] _compilations = [];
    private GeneratorDriver _driver = null!;
    private int _step;

    [Params("cloud-provider-access.json", "atlas-api-v2.json")]
    public string Spec { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _text = SpecFiles.Read(Spec);
        _specVersions = [new SpecText("/specs/" + Spec, _text), new SpecText("/specs/" + Spec, OneLineEdit(_text))];
        CSharpCompilation compilation = SpecFiles.ConsumerCompilation(_csharpVersions[0]);
        _compilations = [compilation, compilation.ReplaceSyntaxTree(_csharpVersions[0], _csharpVersions[1])];
        // BenchmarkDotNet calls this once per case, so each case starts from a warm driver at version 0 of both.
        _driver = NewDriver().RunGenerators(_compilations[0]);
        _step = 0;
    }

    [Benchmark(Baseline = true)]
    public int NSwagParse() => NSwag.OpenApiDocument.FromJsonAsync(_text).GetAwaiter().GetResult().Operations.Count();

    [Benchmark]
    public int FirstRun() => Count(NewDriver().RunGenerators(_compilations[0]));

    [Benchmark]
    public int AfterCSharpEdit()
    {
        _step ^= 1;
        _driver = _driver.RunGenerators(_compilations[_step]);
        return Count(_driver);
    }

    [Benchmark]
    public int AfterSpecEdit()
    {
        _step ^= 1;
        int last = _step ^ 1;
        _driver = _driver.ReplaceAdditionalText(_specVersions[last], _specVersions[_step]).RunGenerators(_compilations[0]);
        return Count(_driver);
    }

    /// <summary>The spec with the first operation summary changed: one line in a pretty-printed file.</summary>
    internal static string OneLineEdit(string text)
    {
        const string Marker = "\"summary\": \"";
        int at = text.IndexOf(Marker, System.StringComparison.Ordinal);
        return at < 0
            ? throw new System.InvalidOperationException("The spec has no operation summary to edit.")
            : text.Insert(at + Marker.Length, "Edited: ");
    }

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new AtlasApiGenerator().AsSourceGenerator()],
        ImmutableArray.Create<AdditionalText>(_specVersions[0]),
        new CSharpParseOptions(LanguageVersion.Latest),
        new SpecOptions(string.Empty));

    private static int Count(GeneratorDriver driver) => driver.GetRunResult().GeneratedTrees.Length;
}
