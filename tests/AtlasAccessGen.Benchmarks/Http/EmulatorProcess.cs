using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace AtlasAccessGen.Benchmarks.Http;

/// <summary>
/// The Atlas emulator in its own process (built beside this project): the server's CPU time and allocations
/// stay out of the benchmark process, where BenchmarkDotNet counts every thread's allocations.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="allowAnonymous">Serve requests without credentials (the no-auth floor).</param>
    /// <param name="processor">With two or more processors, the one the emulator is pinned to (see <see cref="HttpBenchmarks"/>).</param>
    public static async Task<EmulatorProcess> StartAsync(bool allowAnonymous, int processor)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AtlasAccessGen.Emulator.dll"));
        if (allowAnonymous)
        {
            start.ArgumentList.Add("--allow-anonymous");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator.");
        try
        {
            if (Environment.ProcessorCount >= 2 && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            {
                process.ProcessorAffinity = (nint)(1L << processor);
            }

            // Its first line: "Atlas emulator listening on http://127.0.0.1:port/".
            const string Prefix = "Atlas emulator listening on ";
            Task<string?> firstLine = process.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(30))) != firstLine || firstLine.Result is not { } line || !line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The emulator did not start: " + await process.StandardError.ReadToEndAsync());
            }

            // Keep draining both pipes, so the emulator never blocks on a full one.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            return new EmulatorProcess(process, new Uri(line.Substring(Prefix.Length)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
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
