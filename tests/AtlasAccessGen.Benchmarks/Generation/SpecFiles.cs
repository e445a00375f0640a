using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AtlasAccessGen.Benchmarks.Generation;

/// <summary>The generator's inputs as a consumer's build hands them over: the spec file, its options, a compilation.</summary>
internal static class SpecFiles
{
    public static string Read(string spec) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", spec));

    /// <summary>A compilation that references the runtime, so the clients are generated too, as in a real consumer.</summary>
    public static CSharpCompilation ConsumerCompilation(params SyntaxTree[] trees) => CSharpCompilation.Create(
        "Bench",
        trees,
        [
            MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(AtlasAccessGen.Runtime.AtlasTransport).Assembly.Location),
        ],
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}

internal sealed class SpecText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class SpecOptions(string tags) : AnalyzerConfigOptionsProvider
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
