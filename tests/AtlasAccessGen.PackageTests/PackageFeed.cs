using System;
using System.IO;
using Xunit;

namespace AtlasAccessGen.PackageTests;

/// <summary>
/// Packs AtlasAccessGen and AtlasAccessGen.Runtime once, with a version no earlier run used (the NuGet cache
/// keeps packages by id and version), into a local feed outside the repository.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = "0.1.0-packagetest." + DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Directory = System.IO.Directory.CreateTempSubdirectory("atlas-feed-").FullName;
        foreach (string project in new[] { "runtime/AtlasAccessGen.Runtime", "generator/AtlasAccessGen.Package" })
        {
            var pack = DotNet.Run(RepositoryRoot, "pack", project, "-c", "Release", "-o", Directory, "-p:Version=" + Version);
            Assert.True(pack.ExitCode == 0, "dotnet pack " + project + " failed:\n" + pack.Output);
        }
    }

    public string RepositoryRoot { get; }

    public string Version { get; }

    /// <summary>The local feed's folder.</summary>
    public string Directory { get; }

    public string PackagePath => Path.Combine(Directory, "AtlasAccessGen." + Version + ".nupkg");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AtlasAccessGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AtlasAccessGen.sln not found above " + AppContext.BaseDirectory);
    }
}
