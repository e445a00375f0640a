using System;
using System.IO;
using System.Linq;
using AtlasAccessGen.Benchmarks.Builds;
using BenchmarkDotNet.Attributes;

namespace AtlasAccessGen.Benchmarks.WholeApi;

/// <summary>
/// The clean build of a consumer of the whole v2 API (540 operations), in a fresh process as CI builds it, three ways:
/// Kiota 1.38's generated client (the baseline, generated once in the setup with the <c>kiota</c> dotnet tool),
/// AtlasAccessGen's generator from the spec, and the same generated code as plain <c>.cs</c> files (what compiling
/// our output costs without the generator). Not in CI's smoke run: generating Kiota's client alone takes a minute.
/// </summary>
public class WholeApiBuildBenchmarks
{
    private const string KiotaVersion = "1.38.0";
    private const string KiotaPackagesVersion = "2.1.2";

    private ConsumerFeed _feed = null!;
    private string _kiota = string.Empty;
    private string _generator = string.Empty;
    private string _plainFiles = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _feed = ConsumerFeed.Create();
        string wholeSpec = Path.Combine(AppContext.BaseDirectory, "specs", "atlas-api-v2.json");
        const string Program = "Console.WriteLine(typeof(Program).Assembly.GetTypes().Length);\n";

        // The setup's build writes the generated files out, outside the project (or the next build would compile them a
        // second time); the measured builds do not, as a consumer's build does not.
        string generatedFiles = Path.Combine(_feed.Root, "generator-output");
        _generator = _feed.Consumer("generator", "atlas-api-v2.json", Program, string.Empty);
        File.Copy(wholeSpec, Path.Combine(_generator, "spec", "atlas-api-v2.json"));
        ConsumerFeed.Dotnet(_generator, "restore");
        ConsumerFeed.CleanBuild(_generator, "-p:EmitCompilerGeneratedFiles=true", "-p:CompilerGeneratedFilesOutputPath=" + generatedFiles);

        // The generator's output as plain files, in a project that references only the runtime.
        _plainFiles = _feed.Consumer("plain-files", null, Program, string.Empty, packageReference: "AtlasAccessGen.Runtime");
        string[] generated = Directory.GetFiles(generatedFiles, "*.g.cs", SearchOption.AllDirectories);
        foreach (string file in generated)
        {
            File.Copy(file, Path.Combine(_plainFiles, Path.GetFileName(file)));
        }

        ConsumerFeed.Dotnet(_plainFiles, "restore");

        string tools = Path.Combine(_feed.Root, "tools");
        ConsumerFeed.Dotnet(_feed.Root, "tool", "install", "Microsoft.OpenApi.Kiota", "--version", KiotaVersion, "--tool-path", tools);
        _kiota = _feed.Consumer("kiota", null, Program, string.Empty, packageReference: null, kiotaPackages: KiotaPackagesVersion);
        ConsumerFeed.Run(_feed.Root, Path.Combine(tools, "kiota"), "generate", "-l", "CSharp", "-d", KiotaReadableSpec(wholeSpec), "-o", Path.Combine(_kiota, "Client"), "-n", "Bench.Kiota", "-c", "AtlasKiotaClient", "--exclude-backward-compatible");
        ConsumerFeed.Dotnet(_kiota, "restore");

        // Lines of C# in each contender's client, for BENCHMARKS.md.
        string sizes = $"generator: {generated.Length} files, {Lines(generated)} lines; Kiota {KiotaVersion}: "
            + $"{Directory.GetFiles(Path.Combine(_kiota, "Client"), "*.cs", SearchOption.AllDirectories).Length} files, {Lines(Directory.GetFiles(Path.Combine(_kiota, "Client"), "*.cs", SearchOption.AllDirectories))} lines";
        Console.WriteLine("// Whole-API client sizes: " + sizes);
    }

    [GlobalCleanup]
    public void Cleanup() => _feed.Dispose();

    [Benchmark(Baseline = true)]
    public void Kiota() => ConsumerFeed.CleanBuild(_kiota);

    [Benchmark]
    public void Generator() => ConsumerFeed.CleanBuild(_generator);

    [Benchmark]
    public void GeneratedCodeAsPlainFiles() => ConsumerFeed.CleanBuild(_plainFiles);

    /// <summary>
    /// The spec with the one edit Kiota 1.38 needs to emit code that compiles: its models implement
    /// <c>IAdditionalDataHolder.AdditionalData</c>, so a schema named <c>AdditionalData</c> yields a class that
    /// cannot hold that member (CS0535). The schema is renamed; nothing else changes.
    /// </summary>
    private string KiotaReadableSpec(string wholeSpec)
    {
        string text = File.ReadAllText(wholeSpec);
        string edited = text.Replace("\"AdditionalData\": {", "\"AdditionalDataItem\": {", StringComparison.Ordinal)
            .Replace("\"#/components/schemas/AdditionalData\"", "\"#/components/schemas/AdditionalDataItem\"", StringComparison.Ordinal);
        if (edited.Length != text.Length + 8)
        {
            throw new InvalidOperationException("The spec's AdditionalData schema is not where Kiota's edit expects it.");
        }

        string path = Path.Combine(_feed.Root, "atlas-api-v2-for-kiota.json");
        File.WriteAllText(path, edited);
        return path;
    }

    private static int Lines(string[] files) => files.Sum(file => File.ReadLines(file).Count());
}
