using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace AtlasAccessGen.Benchmarks.Builds;

/// <summary>
/// A consumer's whole clean build, as CI runs it: <c>dotnet build --no-incremental</c> in a fresh process with no
/// build server, so the compiler and the generator start cold every time. The baseline consumer vendors the
/// Cloud Provider Access fragment cut by <c>atlas-spec slice</c>; the other vendors the whole v2 spec and selects
/// the same tag with <c>Tags=</c>: the same generated API, paid for with the whole spec's parse on every build.
/// </summary>
/// <remarks>
/// A build takes seconds: run these with the Monitoring strategy and a few iterations (BENCHMARKS.md has the command),
/// not the micro-benchmark jobs. A job attribute here would be added to the command line's job, not replace it.
/// </remarks>
public class ConsumerBuildBenchmarks
{
    private const string Tag = "Cloud Provider Access";

    private ConsumerFeed _feed = null!;
    private string _sliced = string.Empty;
    private string _wholeWithTags = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _feed = ConsumerFeed.Create();
        string wholeSpec = Path.Combine(AppContext.BaseDirectory, "specs", "atlas-api-v2.json");

        _sliced = _feed.Consumer("sliced", "cloud-provider-access.json", Program, "");
        int sliced = AtlasAccessGen.SpecTool.Program.Run(["slice", wholeSpec, "--tag", Tag, "-o", Path.Combine(_sliced, "spec", "cloud-provider-access.json")], TextWriter.Null, Console.Error);
        if (sliced != 0)
        {
            throw new InvalidOperationException("atlas-spec slice failed.");
        }

        _wholeWithTags = _feed.Consumer("whole-with-tags", "atlas-api-v2.json", Program, $" Tags=\"{Tag}\"");
        File.Copy(wholeSpec, Path.Combine(_wholeWithTags, "spec", "atlas-api-v2.json"));

        foreach (string consumer in new[] { _sliced, _wholeWithTags })
        {
            ConsumerFeed.Dotnet(consumer, "restore");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _feed.Dispose();

    [Benchmark(Baseline = true)]
    public void SlicedFragment() => ConsumerFeed.CleanBuild(_sliced);

    [Benchmark]
    public void WholeSpecWithTags() => ConsumerFeed.CleanBuild(_wholeWithTags);

    /// <summary>Uses the client, so both consumers must generate the same API to compile.</summary>
    private const string Program = """
        using Bench.Consumer;

        using var atlas = new AtlasClient(new AtlasAccessGen.Runtime.AtlasClientOptions { BaseAddress = new Uri("http://127.0.0.1:1/") });
        Func<string, CloudProvider, string, AtlasAccessGen.Runtime.AtlasRequestOptions?, CancellationToken, Task> deauthorize = atlas.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync;
        Console.WriteLine(deauthorize.Method.Name + " " + typeof(CloudProviderAccessRoles).GetProperties().Length);
        """;
}

/// <summary>AtlasAccessGen and its runtime packed into a local feed once, and consumer projects that restore from it.</summary>
internal sealed class ConsumerFeed : IDisposable
{
    private ConsumerFeed(string root, string version)
    {
        Root = root;
        Version = version;
    }

    public string Root { get; }

    public string Version { get; }

    public static ConsumerFeed Create()
    {
        string repository = RepositoryRoot();
        string root = Directory.CreateTempSubdirectory("atlas-build-bench-").FullName;
        var feed = new ConsumerFeed(root, "0.1.0-buildbench." + Environment.ProcessId);
        foreach (string project in new[] { "runtime/AtlasAccessGen.Runtime", "generator/AtlasAccessGen.Package" })
        {
            Dotnet(repository, "pack", project, "-c", "Release", "-o", Path.Combine(root, "feed"), "-p:Version=" + feed.Version);
        }

        return feed;
    }

    /// <summary>
    /// A console project in its own folder: with <paramref name="specFile"/> as its AtlasApiSpec (the caller puts the file
    /// in <c>spec/</c>), or none; referencing <paramref name="packageReference"/> from the feed, and Kiota's packages if asked.
    /// </summary>
    public string Consumer(string name, string? specFile, string program, string itemMetadata, string properties = "", string? packageReference = "AtlasAccessGen", string? kiotaPackages = null)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.Combine(directory, "spec"));
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="atlas-local" value="{Path.Combine(Root, "feed")}" /></packageSources></configuration>
            """);
        string items = (packageReference is null ? string.Empty : $"<PackageReference Include=\"{packageReference}\" Version=\"{Version}\" />")
            + (specFile is null ? string.Empty : $"<AtlasApiSpec Include=\"spec/{specFile}\" Namespace=\"Bench.Consumer\"{itemMetadata} />")
            + (kiotaPackages is null ? string.Empty : string.Concat(new[] { "Abstractions", "Http.HttpClientLibrary", "Serialization.Json", "Serialization.Form", "Serialization.Text", "Serialization.Multipart" }
                .Select(package => $"<PackageReference Include=\"Microsoft.Kiota.{package}\" Version=\"{kiotaPackages}\" />")));
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1591;CS0618;CS8618;CS8600;CS8601;CS8602;CS8603;CS8604;CS8625</NoWarn>
                {properties}
              </PropertyGroup>
              <ItemGroup>{items}</ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return directory;
    }

    /// <summary>Rebuilds everything in a fresh process: no MSBuild node or compiler server survives from an earlier build.</summary>
    public static void CleanBuild(string directory, params string[] properties) =>
        Dotnet(directory, ["build", "--no-restore", "--no-incremental", "--disable-build-servers", "-nologo", "-v:q", "-p:UseSharedCompilation=false", .. properties]);

    public static void Dotnet(string directory, params string[] arguments) => Run(directory, "dotnet", arguments);

    public static void Run(string directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} in {directory} failed ({process.ExitCode}):\n{string.Join('\n', output)}");
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AtlasAccessGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository (AtlasAccessGen.sln) is not above " + AppContext.BaseDirectory);
    }
}
