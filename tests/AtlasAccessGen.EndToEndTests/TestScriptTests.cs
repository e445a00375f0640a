using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// test.sh's closing line, "N passed, N failed", through its <c>--summarize</c> step over results folders made here: a
/// project that left no .trx (its test host crashed) is a failure, not a silent zero.
/// </summary>
public sealed class TestScriptTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("atlas-test-results-").FullName;

    [Fact]
    public async Task Every_project_with_results_and_no_failure_passes()
    {
        WriteTrx("Alpha", passed: 3, failed: 0);
        WriteTrx("Beta", passed: 2, failed: 0);

        (int exitCode, string output, _) = await SummarizeAsync("Alpha", "Beta");

        Assert.Equal(0, exitCode);
        Assert.Equal("5 passed, 0 failed", output.Trim());
    }

    [Fact]
    public async Task A_failed_test_fails_the_run()
    {
        WriteTrx("Alpha", passed: 3, failed: 1);

        (int exitCode, string output, _) = await SummarizeAsync("Alpha");

        Assert.Equal(1, exitCode);
        Assert.Equal("3 passed, 1 failed", output.Trim());
    }

    [Fact]
    public async Task A_project_without_results_counts_as_failed_and_is_named()
    {
        WriteTrx("Alpha", passed: 3, failed: 0);

        (int exitCode, string output, string errors) = await SummarizeAsync("Alpha", "Crashed");

        Assert.Equal(1, exitCode);
        Assert.Equal("3 passed, 1 failed", output.Trim());
        Assert.Contains("Crashed produced no test results", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_test_at_all_fails()
    {
        (int exitCode, string output, string errors) = await SummarizeAsync("Crashed");

        Assert.Equal(1, exitCode);
        Assert.Equal("0 passed, 1 failed", output.Trim());
        Assert.Contains("no test ran", errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private void WriteTrx(string project, int passed, int failed)
    {
        Directory.CreateDirectory(Path.Combine(_results, project));
        File.WriteAllText(Path.Combine(_results, project, "results.trx"), $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="{(failed == 0 ? "Completed" : "Failed")}">
                <Counters total="{passed + failed}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" />
              </ResultSummary>
            </TestRun>
            """);
    }

    private async Task<(int ExitCode, string Output, string Errors)> SummarizeAsync(params string[] projects)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(DotnetProcess.RepositoryRoot(), "test.sh"));
        start.ArgumentList.Add("--summarize");
        start.ArgumentList.Add(_results);
        foreach (string project in projects)
        {
            start.ArgumentList.Add(project);
        }

        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, await errors);
    }
}
