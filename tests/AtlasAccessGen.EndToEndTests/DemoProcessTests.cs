using System;
using System.IO;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>The demo as a user runs it: <c>dotnet run --project samples/CloudProviderAccess.Demo</c>, as a child process.</summary>
[Collection(DotnetProcess.Collection)]
public sealed class DemoProcessTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_demo_runs_every_step_against_the_embedded_emulator()
    {
        (int exitCode, string output) = RunDemo();

        Assert.True(exitCode == 0, "The demo exited with " + exitCode + ":\n" + output);
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains(lines, l => l.StartsWith("1. Created AWS IAM role ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2. Listed the project's roles:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3. Authorized ", StringComparison.Ordinal) && l.Contains("arn:aws:iam::123456789012:role/atlas-demo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("4. Got ", StringComparison.Ordinal) && l.Contains("authorized yes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("5. Created GCP service account ", StringComparison.Ordinal) && l.Contains("-> COMPLETE", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("6. Created Azure service principal ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("7. Deauthorized ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("8. Listed again: 0 roles left", StringComparison.Ordinal));

        // The seconds vary, and so does the number of status polls (timing); every other request is fixed: the
        // Digest challenge, then one request each for create, list, authorize, get, create (GCP), create (Azure), three
        // deauthorizes and the last list.
        Match summary = Assert.Single(lines.Select(l => Regex.Match(l, @"^Summary: 8 steps done in \d+\.\d s, (\d+) HTTP requests to the emulator \((\d+) of them polling the GCP status\)\.$")), m => m.Success);
        int requests = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture);
        int polls = int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Equal(11, requests - polls);
        Assert.True(polls >= 1, "the GCP status was never read");

        // The steps come in order.
        int[] positions = Enumerable.Range(1, 8).Select(n => Array.FindIndex(lines, l => l.StartsWith(n + ". ", StringComparison.Ordinal))).ToArray();
        Assert.Equal(positions.OrderBy(p => p), positions);
    }

    [Fact]
    public void The_demo_help_exits_0_and_names_the_configuration()
    {
        (int exitCode, string output) = RunDemo("--", "--help");

        Assert.True(exitCode == 0, "The demo's --help exited with " + exitCode + ":\n" + output);
        Assert.Contains("ATLAS_GROUP_ID", output, StringComparison.Ordinal);
        Assert.Contains("ATLAS_CLIENT_ID", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary:", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) RunDemo(params string[] extraArguments) =>
        DotnetProcess.Run(ProcessTimeout, new[] { "run", "--project", Path.Combine(DotnetProcess.RepositoryRoot(), "samples", "CloudProviderAccess.Demo"), "-c", "Release" }.Concat(extraArguments).ToArray());
}
