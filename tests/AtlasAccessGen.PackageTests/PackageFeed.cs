using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace AtlasAccessGen.PackageTests;

/// <summary>
/// Packs AtlasAccessGen and AtlasAccessGen.Runtime once, with a version no earlier run used, into a local feed
/// outside the repository; consumers restore into a packages folder of this run's own, never the user's.
/// </summary>
/// <remarks>
/// The user's global packages folder (~/.nuget/packages, or NUGET_PACKAGES) stays as it was: consumers run with
/// NUGET_PACKAGES pointing to a temporary folder of this run, deleted with the feed, and read the user's folder only as a
/// fallback folder (RestoreFallbackFolders, which MSBuild takes from the environment), so Microsoft.Extensions.* and
/// the rest are not downloaded again. A fallback folder is searched by id and version only, which is why the version
/// is still unique per run: a 0.1.0 the user packed and restored must never stand in for this run's packages.
/// </remarks>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = "0.1.0-packagetest." + DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Directory = System.IO.Directory.CreateTempSubdirectory("atlas-feed-").FullName;
        PackagesFolder = System.IO.Directory.CreateTempSubdirectory("atlas-packages-").FullName;
        UserPackagesFolder = FindUserPackagesFolder(RepositoryRoot);
        ConsumerEnvironment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackagesFolder,
            ["RestoreFallbackFolders"] = UserPackagesFolder,
        };
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

    /// <summary>This run's own global packages folder, a temporary folder deleted with the feed.</summary>
    public string PackagesFolder { get; }

    /// <summary>The user's global packages folder, which the tests must leave as it was.</summary>
    public string UserPackagesFolder { get; }

    /// <summary>What every consumer's dotnet command runs with: this run's packages folder, the user's as a fallback.</summary>
    public IReadOnlyDictionary<string, string?> ConsumerEnvironment { get; }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.Delete(PackagesFolder, recursive: true);
    }

    /// <summary>Where NuGet puts packages for this user, as <c>dotnet nuget locals global-packages --list</c> says.</summary>
    private static string FindUserPackagesFolder(string workingDirectory)
    {
        var list = DotNet.Run(workingDirectory, "nuget", "locals", "global-packages", "--list");
        const string Prefix = "global-packages: ";
        string? line = list.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        Assert.True(list.ExitCode == 0 && line is not null, "dotnet nuget locals failed:\n" + list.Output);
        return Path.TrimEndingDirectorySeparator(line!.Substring(Prefix.Length).Trim());
    }

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

/// <summary>
/// One feed for every test class: packing twice at once would build the same projects in parallel, and the classes
/// would race for the machine's cores anyway. The classes of this collection run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "package feed";
}
