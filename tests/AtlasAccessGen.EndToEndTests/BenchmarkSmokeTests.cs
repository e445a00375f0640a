using System;
using System.IO;
using System.Linq;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// The benchmarks' smoke run (CI's, no timings): every case once with BenchmarkDotNet's Dry job. Their setups check that
/// the contenders do the same work (every JSON reader reads every role, every writer writes the same JSON, every HTTP
/// client reads the role back through its auth), and the program exits non-zero when any case fails. All but
/// AtlasAccessGen.Benchmarks.WholeApi, whose setup generates Kiota's whole-API client (a minute) and builds it.
/// </summary>
[Collection(DotnetProcess.Collection)]
public sealed class BenchmarkSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void Every_benchmark_runs_once_with_the_dry_job()
    {
        string artifacts = Path.Combine(Path.GetTempPath(), "atlas-benchmarks-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            (int exitCode, string output) = DotnetProcess.Run(
                Timeout,
                "run", "--project", Path.Combine("tests", "AtlasAccessGen.Benchmarks"), "-c", "Release", "--",
                "--filter", "AtlasAccessGen.Benchmarks.Generation.*", "AtlasAccessGen.Benchmarks.Json.*", "AtlasAccessGen.Benchmarks.Http.*", "AtlasAccessGen.Benchmarks.Builds.*", "--job", "dry", "--inProcess", "--artifacts", artifacts);

            Assert.True(exitCode == 0, "The benchmark smoke run exited with " + exitCode + ":\n" + output);
            string[] measured = MeasuredMethods(output);
            foreach (string method in new[]
            {
                "NSwagParse", "Generator", "GeneratorOneTag", "NSwagCodegen",
                "FirstRun", "AfterCSharpEdit", "AfterSpecEdit",
                "ReadStjSourceGen", "ReadGenerated", "ReadNSwagNewtonsoft", "ReadBareUtf8JsonReader", "ReadBareUtf8JsonReaderWithValues", "WriteStjSourceGen", "WriteGenerated", "WriteNSwagNewtonsoft",
                "NoAuth", "OurDigest", "BuiltInDigest", "ServiceAccountBearer", "ReplayedDigestHeader", "NoAuthHandler", "OurDigestHandler",
                "ReadAndParse", "Slice", "SlicedFragment", "WholeSpecWithTags",
            })
            {
                Assert.True(measured.Contains(method), method + " has no measurement in the summary:\n" + output);
            }
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }

    /// <summary>The methods of BenchmarkDotNet's summary tables whose Mean is a number (a case that failed shows NA).</summary>
    private static string[] MeasuredMethods(string output)
    {
        string[] rows = output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('|')).ToArray();
        var methods = new System.Collections.Generic.List<string>();
        int mean = -1;
        foreach (string row in rows)
        {
            string[] cells = row.Split('|').Select(cell => cell.Trim()).ToArray();
            if (cells.Length > 1 && cells[1] == "Method")
            {
                mean = Array.IndexOf(cells, "Mean");
            }
            else if (mean > 0 && cells.Length > mean && cells[1].Length > 0 && !cells[1].StartsWith('-') && cells[mean] != "NA")
            {
                methods.Add(cells[1]);
            }
        }

        return methods.ToArray();
    }
}
