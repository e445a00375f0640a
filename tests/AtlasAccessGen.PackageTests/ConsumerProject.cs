using System;
using System.IO;

namespace AtlasAccessGen.PackageTests;

/// <summary>A fresh consumer in a temporary folder outside the repository: only a PackageReference and an AtlasApiSpec.</summary>
internal sealed class ConsumerProject : IDisposable
{
    public const string Program = """
        using System.Net;
        using System.Net.Sockets;
        using AtlasAccessGen.Runtime;
        using Consumer.Atlas;

        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var server = new HttpListener();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        string? accept = null;
        Task serve = Task.Run(async () =>
        {
            HttpListenerContext context = await server.GetContextAsync();
            accept = context.Request.Headers["Accept"];
            byte[] body = System.Text.Encoding.UTF8.GetBytes("{\"awsIamRoles\":[{\"providerName\":\"AWS\",\"roleId\":\"32b6e34b3d91647abb20e7b8\",\"note\":\"hello\"}],\"azureServicePrincipals\":[],\"gcpServiceAccounts\":[]}");
            context.Response.ContentType = "application/vnd.atlas.2023-01-01+json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });

        using var atlas = new AtlasClient(new AtlasClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });
        CloudProviderAccessRoles roles = await atlas.CloudProviderAccess.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8");
        await serve;
        Console.WriteLine($"Accept={accept}");
        Console.WriteLine($"Roles={roles.AwsIamRoles!.Count}");
        //EXTRA
        """;

    private readonly PackageFeed _feed;

    public ConsumerProject(PackageFeed feed, string? projectExtras = null, string? specItems = null)
    {
        _feed = feed;
        Directory = System.IO.Directory.CreateTempSubdirectory("atlas-consumer-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "spec"));
        File.Copy(Path.Combine(feed.RepositoryRoot, "spec", "cloud-provider-access.json"), SpecPath);
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="atlas-local" value="{feed.Directory}" />
              </packageSources>
            </configuration>
            """);
        WriteProject(projectExtras, specItems ?? "<AtlasApiSpec Include=\"spec/cloud-provider-access.json\" Namespace=\"Consumer.Atlas\" />");
        File.WriteAllText(Path.Combine(Directory, "Program.cs"), Program);
    }

    public string Directory { get; }

    public string SpecPath => Path.Combine(Directory, "spec", "cloud-provider-access.json");

    public void WriteProject(string? projectExtras, string specItems) =>
        File.WriteAllText(Path.Combine(Directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {projectExtras}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AtlasAccessGen" Version="{_feed.Version}" />
                {specItems}
              </ItemGroup>
            </Project>
            """);

    public (int ExitCode, string Output, TimeSpan Elapsed) Build(params string[] extra) => DotNet.Run(Directory, _feed.ConsumerEnvironment, ["build", "-nologo", .. extra]);

    public (int ExitCode, string Output, TimeSpan Elapsed) Run() => DotNet.Run(Directory, _feed.ConsumerEnvironment, "run", "--no-build");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
