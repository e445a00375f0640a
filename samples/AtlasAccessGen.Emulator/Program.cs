using System;
using System.Threading;
using AtlasAccessGen.Emulator;

// Runs the emulator as its own process: dotnet run --project samples/AtlasAccessGen.Emulator [-- --port 8080] [--allow-anonymous]
var options = new AtlasEmulatorOptions { AllowAnonymous = Array.IndexOf(args, "--allow-anonymous") >= 0 };
int portIndex = Array.IndexOf(args, "--port");
if (portIndex >= 0 && portIndex + 1 < args.Length)
{
    options.Port = int.Parse(args[portIndex + 1], System.Globalization.CultureInfo.InvariantCulture);
}

await using AtlasEmulator emulator = await AtlasEmulator.StartAsync(options);
Console.WriteLine("Atlas emulator listening on " + emulator.BaseAddress);
Console.WriteLine("API key public key: " + options.PublicKey + "; Service Account client id: " + options.ClientId + " (the secrets are AtlasEmulatorOptions' defaults)");
Console.WriteLine("Press Ctrl+C to stop.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await System.Threading.Tasks.Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
