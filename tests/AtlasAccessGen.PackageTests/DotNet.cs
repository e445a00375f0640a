using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace AtlasAccessGen.PackageTests;

/// <summary>Runs the dotnet CLI as a user would, without the MSBuild environment the test host inherited.</summary>
internal static class DotNet
{
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, environment: null, arguments);

    /// <summary>Runs dotnet with <paramref name="environment"/> set on top of the user's (a null value removes a variable).</summary>
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // dotnet test sets MSBuild variables for its own build; a user's shell has none of them.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            string name = (string)variable.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("MSBUILD", StringComparison.Ordinal) || name == "DOTNET_HOST_PATH")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 5 minutes:\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString(), watch.Elapsed);
    }
}
