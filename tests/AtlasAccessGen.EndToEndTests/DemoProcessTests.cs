using System;
using System.IO;
using System.Linq;
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
        Assert.Contains(lines, l => l.StartsWith("Summary: 8 steps", StringComparison.Ordinal));

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
