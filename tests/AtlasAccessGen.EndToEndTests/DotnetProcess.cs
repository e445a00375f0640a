using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// Runs <c>dotnet</c> as a user's shell would, from the repository root. Tests that do are in one collection, so they
/// run one after the other and never build the same projects at the same time.
/// </summary>
internal static class DotnetProcess
{
    public const string Collection = "dotnet child processes";

    public static (int ExitCode, string Output) Run(TimeSpan timeout, params string[] arguments) => RunToEnd(StartInfo(arguments), timeout);

    /// <summary>Runs <paramref name="start"/> (with its output redirected) to the end, or kills it after <paramref name="timeout"/>; stdout and stderr as one text.</summary>
    public static (int ExitCode, string Output) RunToEnd(ProcessStartInfo start, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(start.FileName + " " + string.Join(' ', start.ArgumentList) + " did not finish in " + timeout + ":\n" + output);
        }

        // Drains the redirected output.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>How a user's shell would start <c>dotnet</c> with <paramref name="arguments"/>, from the repository root.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
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
        return start;
    }

    public static string RepositoryRoot()
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

[CollectionDefinition(DotnetProcess.Collection)]
public sealed class DotnetProcessCollection;
