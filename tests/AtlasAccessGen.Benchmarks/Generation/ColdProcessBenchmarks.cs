using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using NSwag;

namespace AtlasAccessGen.Benchmarks.Generation;

/// <summary>
/// What a build without a compiler server pays (CI, the first build in an IDE): a fresh <c>dotnet</c> process per
/// iteration that runs the generator once over a spec, so every assembly it touches is loaded and JIT-compiled
/// again. The baseline is a fresh process that runs only NSwag.Core's parse of the same spec; an empty process shows
/// the part neither can avoid. <see cref="GeneratorBenchmarks"/> has the warm figures of the same cases.
/// </summary>
/// <remarks>Run with the Monitoring strategy, as <see cref="Builds.ConsumerBuildBenchmarks"/> (BENCHMARKS.md has the command).</remarks>
public class ColdProcessBenchmarks
{
    public const string GenerateOnce = "--generate-once";
    public const string NSwagParseOnce = "--nswag-parse-once";
    public const string Noop = "--noop";

    [Params("cloud-provider-access.json", "atlas-api-v2.json")]
    public string Spec { get; set; } = string.Empty;

    [Benchmark(Baseline = true)]
    public void NSwagParseInFreshProcess() => RunSelf(NSwagParseOnce, Spec);

    [Benchmark]
    public void GeneratorInFreshProcess() => RunSelf(GenerateOnce, Spec);

    [Benchmark]
    public void EmptyProcess() => RunSelf(Noop, Spec);

    /// <summary>The modes this benchmark starts the benchmark executable in; each checks it did the work.</summary>
    public static int RunMode(string mode, string spec)
    {
        switch (mode)
        {
            case GenerateOnce:
                var benchmark = new GeneratorBenchmarks { Spec = spec };
                benchmark.Setup();
                return benchmark.GeneratedTrees(tags: string.Empty).Length > 10 ? 0 : 1;
            case NSwagParseOnce:
                return OpenApiDocument.FromJsonAsync(SpecFiles.Read(spec)).GetAwaiter().GetResult().Operations.Any() ? 0 : 1;
            default:
                return File.Exists(Path.Combine(AppContext.BaseDirectory, "specs", spec)) ? 0 : 1;
        }
    }

    private static void RunSelf(string mode, string spec)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AtlasAccessGen.Benchmarks.dll"));
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(spec);

        // Tiered compilation as the compiler runs it (the default); no ReadyToRun of our own, as the analyzer ships.
        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{mode} {spec} failed ({process.ExitCode}): {errors}");
        }
    }
}
