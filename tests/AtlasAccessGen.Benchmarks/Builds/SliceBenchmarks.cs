using System;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace AtlasAccessGen.Benchmarks.Builds;

/// <summary>
/// <c>atlas-spec slice</c> of the whole v2 spec by one tag, as a user runs it (read, slice, write the file), against
/// reading and parsing the same file with System.Text.Json (the baseline: any tool that reads the spec pays that).
/// </summary>
[MemoryDiagnoser]
public class SliceBenchmarks
{
    private string _spec = string.Empty;
    private string _output = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _spec = Path.Combine(AppContext.BaseDirectory, "specs", "atlas-api-v2.json");
        _output = Path.Combine(Path.GetTempPath(), "atlas-slice-bench-" + Environment.ProcessId + ".json");
        if (Slice() != 0 || !File.ReadAllText(_output).Contains("\"listGroupCloudProviderAccess\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("atlas-spec slice did not write the Cloud Provider Access fragment.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark(Baseline = true)]
    public int ReadAndParse()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_spec));
        return document.RootElement.GetProperty("paths").GetPropertyCount();
    }

    [Benchmark]
    public int Slice() => AtlasAccessGen.SpecTool.Program.Run(["slice", _spec, "--tag", "Cloud Provider Access", "-o", _output], TextWriter.Null, TextWriter.Null);
}
