using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>The demo as a user runs it: <c>dotnet run --project samples/CloudProviderAccess.Demo</c>, as a child process.</summary>
/// <remarks>Both tests are in one class, so they run one after the other and never build the demo at the same time.</remarks>
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

    private static (int ExitCode, string Output) RunDemo(params string[] extraArguments)
    {
        string repository = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "run", "--project", Path.Combine(repository, "samples", "CloudProviderAccess.Demo"), "-c", "Release" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        // dotnet test sets MSBuild variables for its own build; a user's shell has none of them. And credentials in the
        // environment would point the demo at real Atlas: it must use its embedded emulator here.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            string name = (string)variable.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name == "DOTNET_HOST_PATH" || name.StartsWith("ATLAS_", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        var output = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', start.ArgumentList) + " did not finish in " + ProcessTimeout + ":\n" + output);
        }

        // Drains the redirected output.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AtlasAccessGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No AtlasAccessGen.sln above " + AppContext.BaseDirectory + ".");
    }
}
