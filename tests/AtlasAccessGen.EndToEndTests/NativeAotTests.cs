using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using EndToEnd.Atlas;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// The Native AOT proof: <c>dotnet publish tests/AtlasAccessGen.AotApp -r linux-x64</c> with <c>PublishAot=true</c>,
/// then its native binary round-trips every generated type and drives the emulator (its own process) over HTTP with
/// Digest auth. Needs clang (and zlib1g-dev): <c>tests/install-prerequisites.sh</c> installs them.
/// </summary>
[Collection(DotnetProcess.Collection)]
public sealed class NativeAotTests
{
    // The publish compiles the app and runs the ILCompiler: about a minute and a half on a loaded 2-core machine, and
    // more on a first run that restores the ILCompiler packages. The limit is only there to end a hung publish.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly ITestOutputHelper _output;

    public NativeAotTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_native_binary_round_trips_every_generated_type_and_calls_the_emulator_with_Digest()
    {
        Assert.True(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "The Native AOT proof publishes for linux-x64 and runs the result, so it needs a linux-x64 machine.");
        Assert.True(OnPath("clang"), "Native AOT on Linux links with clang, which is not installed: run tests/install-prerequisites.sh (as root).");

        string root = DotnetProcess.RepositoryRoot();
        string publishDirectory = Path.Combine(root, "artifacts", "aot-app");
        if (Directory.Exists(publishDirectory))
        {
            // A binary left from an earlier run must not pass for this one.
            Directory.Delete(publishDirectory, recursive: true);
        }

        var publishClock = Stopwatch.StartNew();
        (int publishExit, string publishOutput) = DotnetProcess.Run(PublishTimeout, "publish", Path.Combine("tests", "AtlasAccessGen.AotApp"), "-c", "Release", "-r", "linux-x64", "-warnaserror", "-o", publishDirectory);
        _output.WriteLine("publish took " + publishClock.Elapsed);
        Assert.True(publishExit == 0, "dotnet publish exited with " + publishExit + ":\n" + publishOutput);

        // A native executable, not a framework-dependent app: an ELF file, and no IL of the app beside it.
        string binary = Path.Combine(publishDirectory, "AtlasAccessGen.AotApp");
        byte[] magic = new byte[4];
        using (FileStream file = File.OpenRead(binary))
        {
            file.ReadExactly(magic);
        }

        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        Assert.False(File.Exists(Path.Combine(publishDirectory, "AtlasAccessGen.AotApp.dll")), "The publish folder holds the app's IL: it was not compiled ahead of time.");

        var options = new AtlasEmulatorOptions();
        using EmulatorProcess emulator = await EmulatorProcess.StartAsync();
        var runClock = Stopwatch.StartNew();
        (int exitCode, string output) = Run(binary, emulator.BaseAddress.ToString(), options.PublicKey, options.PrivateKey);
        _output.WriteLine("the native run took " + runClock.Elapsed);
        _output.WriteLine(output);

        Assert.True(exitCode == 0, "The native binary exited with " + exitCode + ":\n" + output);
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL:", StringComparison.Ordinal));
        Assert.Equal("runtime: AtlasAccessGen.AotApp, no dynamic code", lines[0]);

        // (a) Every type generated from the fragment went through its converters: the same set the generator makes
        // for this test project from the same spec (the types AtlasJson has metadata for).
        string[] roundTripped = lines.Where(l => l.StartsWith("json: ", StringComparison.Ordinal) && l.EndsWith(" round-trips", StringComparison.Ordinal))
            .Select(l => l["json: ".Length..^" round-trips".Length]).ToArray();
        Assert.Equal(roundTripped.Distinct().Count(), roundTripped.Length);
        Assert.Equal(GeneratedTypeNames(), roundTripped.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains("json: " + roundTripped.Length + " types round-trip", lines);

        // (b) The five operations over HTTP with Digest, and an ApiError read back.
        Assert.Equal(
            new[]
            {
                "http create: AWS role with external id set, AZURE principal a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d, GCP account IN_PROGRESS",
                "http list: 1 AWS, 1 AZURE, 1 GCP",
                "http get: AWS not authorized; AZURE principal a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d in tenant 91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b; GCP account",
                "http authorize: AWS assumes arn:aws:iam::123456789012:role/atlas-aot; AZURE principal c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f in tenant 91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b; GCP account answered as it stands",
                "http deauthorize: 0 roles left",
                "http error: 404 RESOURCE_NOT_FOUND",
            },
            lines.Where(l => l.StartsWith("http ", StringComparison.Ordinal)));
        Assert.Equal("result: ok", lines[^1]);
    }

    /// <summary>The public types of this project's generated namespace that the generated resolver serializes.</summary>
    private static IEnumerable<string> GeneratedTypeNames()
    {
        var json = AtlasJson.Default;
        return typeof(AtlasJson).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(AtlasJson).Namespace && json.GetTypeInfo(t, json.Options) is not null)
            .Select(t => t.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return DotnetProcess.RunToEnd(start, RunTimeout);
    }
}

/// <summary>
/// The emulator as its own process (<c>dotnet AtlasAccessGen.Emulator.dll</c>, built beside this project), on a free
/// port it reports in its first line; killed on dispose.
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<EmulatorProcess> StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AtlasAccessGen.Emulator.dll"));
        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator.");
        try
        {
            // Its first line: "Atlas emulator listening on http://127.0.0.1:port/".
            const string Prefix = "Atlas emulator listening on ";
            Task<string?> firstLine = process.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(firstLine, Task.Delay(StartTimeout)) != firstLine || await firstLine is not { } line || !line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The emulator did not start: " + await process.StandardError.ReadToEndAsync());
            }

            // Keep draining both pipes, so the emulator never blocks on a full one.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            return new EmulatorProcess(process, new Uri(line.Substring(Prefix.Length)));
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
