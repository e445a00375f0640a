using System;
using System.Globalization;
using System.Threading;
using AtlasAccessGen.Emulator;

// Runs the emulator as its own process: dotnet run --project samples/AtlasAccessGen.Emulator [-- --port 8080] [--allow-anonymous] [--projects 2537]
const string Usage = """
    Atlas emulator: a local stand-in for the Atlas Administration API's Cloud Provider Access resource.

    Usage: dotnet run --project samples/AtlasAccessGen.Emulator [-- [--port N] [--allow-anonymous] [--projects N] [--help]]

      --port N             listen on 127.0.0.1:N (default: a free port)
      --allow-anonymous    serve requests that carry no credentials (sent credentials are still checked)
      --projects N         seed N projects for GET /api/atlas/v2/groups to page through (default: none)
      --help, -h           show this text

    On start it prints its base URL, a project id, the API key and Service Account it accepts, and the
    environment variables the demo and the README Quickstart read, as export lines ready to paste.
    Ctrl+C stops it; everything it stored is lost.
    """;

var options = new AtlasEmulatorOptions();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        case "--allow-anonymous":
            options.AllowAnonymous = true;
            break;
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535:
            options.Port = port;
            i++;
            break;
        case "--port":
            Console.Error.WriteLine("--port needs a port number from 0 to 65535.\n\n" + Usage);
            return 2;
        case "--projects" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int projects):
            options.SeededProjects = projects;
            i++;
            break;
        case "--projects":
            Console.Error.WriteLine("--projects needs a number of projects, 0 or more.\n\n" + Usage);
            return 2;
        default:
            Console.Error.WriteLine("Unknown argument '" + args[i] + "'.\n\n" + Usage);
            return 2;
    }
}

await using AtlasEmulator emulator = await AtlasEmulator.StartAsync(options);
string baseUrl = emulator.BaseAddress.ToString();

// The first line is exactly "Atlas emulator listening on {baseUrl}": tests/AtlasAccessGen.Benchmarks reads the address from it.
Console.WriteLine($"""
    Atlas emulator listening on {baseUrl}
    Cloud Provider Access, API version {AtlasEmulator.Version}

      base URL         {baseUrl}
      project id       {AtlasEmulator.ExampleProjectId} (any 24 hex digits work; each project starts empty)
      API key          public key {options.PublicKey}, private key {options.PrivateKey} (HTTP Digest)
      Service Account  client id {options.ClientId}, client secret {options.ClientSecret} (token: POST {baseUrl}api/oauth/token)
    {(options.AllowAnonymous ? "  Requests without credentials are served too (--allow-anonymous).\n" : string.Empty)}{(options.SeededProjects > 0 ? "  GET " + baseUrl + "api/atlas/v2/groups pages through " + options.SeededProjects + " projects (--projects).\n" : string.Empty)}
    The demo (dotnet run --project samples/CloudProviderAccess.Demo -- --write) and the README Quickstart read these:

    export ATLAS_BASE_URL={baseUrl}
    export ATLAS_GROUP_ID={AtlasEmulator.ExampleProjectId}
    export ATLAS_PUBLIC_KEY={options.PublicKey}
    export ATLAS_PRIVATE_KEY={options.PrivateKey}

    To use the Service Account instead (the demo prefers it when both are set; the Quickstart uses the API key):

    export ATLAS_CLIENT_ID={options.ClientId}
    export ATLAS_CLIENT_SECRET={options.ClientSecret}

    Press Ctrl+C to stop.
    """);
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

return 0;
