using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Xunit;

namespace AtlasAccessGen.PackageTests;

/// <summary>
/// The ReadyToRun images the package carries for the .NET 10 SDK's compiler on linux-x64 (issue #16's cold start):
/// the same assemblies as the IL, compiled ahead of time; swapped in by the package's targets on that host only, and
/// generating exactly what the IL generates.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ReadyToRunTests
{
    private const string IlFolder = "analyzers/dotnet/cs/";
    private const string ReadyToRunFolder = "r2r/net10.0/linux-x64/";

    private readonly PackageFeed _feed;

    public ReadyToRunTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Package_carries_a_ReadyToRun_image_of_every_analyzer_assembly_with_the_IL_left_as_it_was()
    {
        using ZipArchive package = ZipFile.OpenRead(_feed.PackagePath);
        var il = package.Entries.Where(e => e.FullName.StartsWith(IlFolder, StringComparison.Ordinal)).ToDictionary(e => e.Name);
        var images = package.Entries.Where(e => e.FullName.StartsWith(ReadyToRunFolder, StringComparison.Ordinal)).ToDictionary(e => e.Name);

        Assert.Equal(il.Keys.Order(), images.Keys.Order());
        Assert.Contains("AtlasAccessGen.Generator.dll", images.Keys);

        // The SDK hands every DLL under a folder whose name starts with "analyzers" to the compiler: the images must not be there.
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("analyzers", StringComparison.Ordinal) && !e.FullName.StartsWith(IlFolder, StringComparison.Ordinal));

        foreach ((string name, ZipArchiveEntry ilEntry) in il)
        {
            using PEReader ilReader = Open(ilEntry);
            using PEReader imageReader = Open(images[name]);
            CorHeader ilHeader = ilReader.PEHeaders.CorHeader!;
            CorHeader imageHeader = imageReader.PEHeaders.CorHeader!;

            // IL only, as every host (Visual Studio's .NET Framework compiler too) can load it.
            Assert.True(ilHeader.ManagedNativeHeaderDirectory.Size == 0, name + " in " + IlFolder + " is not plain IL");
            Assert.True((ilHeader.Flags & CorFlags.ILOnly) != 0, name + " in " + IlFolder + " is not IL only");

            // A ReadyToRun image for linux-x64 of the same assembly: its native code has a header, and the IL is still there.
            Assert.True(imageHeader.ManagedNativeHeaderDirectory.Size > 0, name + " in " + ReadyToRunFolder + " has no ReadyToRun header");
            Assert.Equal(Machine.Amd64 ^ (Machine)0x7B79, imageReader.PEHeaders.CoffHeader.Machine);
            MetadataReader ilMetadata = ilReader.GetMetadataReader();
            MetadataReader imageMetadata = imageReader.GetMetadataReader();
            Assert.Equal(ilMetadata.GetAssemblyDefinition().GetAssemblyName().FullName, imageMetadata.GetAssemblyDefinition().GetAssemblyName().FullName);
            Assert.Equal(ilMetadata.GetGuid(ilMetadata.GetModuleDefinition().Mvid), imageMetadata.GetGuid(imageMetadata.GetModuleDefinition().Mvid));
            Assert.Equal(ilMetadata.MethodDefinitions.Count, imageMetadata.MethodDefinitions.Count);
        }
    }

    [Fact]
    public void Compiler_loads_the_images_only_on_a_linux_x64_dotnet_10_host_and_generates_what_the_IL_generates()
    {
        using var consumer = new ConsumerProject(_feed);
        bool imagesFitThisHost = RuntimeInformation.RuntimeIdentifier == "linux-x64" && Environment.Version.Major == 10;

        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.All(AtlasAnalyzers(consumer), path => Assert.Contains(imagesFitThisHost ? "/" + ReadyToRunFolder : "/" + IlFolder, path, StringComparison.Ordinal));
        Dictionary<string, string> fromImages = Generated(consumer);
        Assert.Contains("Consumer.Atlas.CloudProviderAccessClient.g.cs", fromImages.Keys);

        // The IL: what every other host loads, and what AtlasAccessGenReadyToRun=false asks for. Same output, byte for byte.
        Directory.Delete(Path.Combine(consumer.Directory, "obj", "Debug", "net10.0", "generated"), recursive: true);
        var ilBuild = consumer.Build("--no-incremental", "-p:AtlasAccessGenReadyToRun=false");
        Assert.True(ilBuild.ExitCode == 0, ilBuild.Output);
        Assert.All(AtlasAnalyzers(consumer, "-p:AtlasAccessGenReadyToRun=false"), path => Assert.Contains("/" + IlFolder, path, StringComparison.Ordinal));
        Assert.Equal(fromImages, Generated(consumer));

        // Another host's SDK gets the IL as well (the images hold linux-x64 code only).
        Assert.All(AtlasAnalyzers(consumer, "-p:NETCoreSdkRuntimeIdentifier=win-x64"), path => Assert.Contains("/" + IlFolder, path, StringComparison.Ordinal));
        Assert.All(AtlasAnalyzers(consumer, "-p:BundledNETCoreAppPackageVersion=11.0.0"), path => Assert.Contains("/" + IlFolder, path, StringComparison.Ordinal));

        // An IDE's design-time build as well: it loads analyzers into its own process, whatever runtime that is.
        Assert.All(AtlasAnalyzers(consumer, "-p:DesignTimeBuild=true"), path => Assert.Contains("/" + IlFolder, path, StringComparison.Ordinal));
    }

    private static PEReader Open(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return new PEReader(copy);
    }

    /// <summary>The analyzer paths the consumer's compiler is given from the AtlasAccessGen package: all nine, from one folder.</summary>
    private List<string> AtlasAnalyzers(ConsumerProject consumer, params string[] extra)
    {
        var query = DotNet.Run(consumer.Directory, _feed.ConsumerEnvironment, ["msbuild", "-nologo", "-t:ResolveReferences", "-getItem:Analyzer", .. extra]);
        Assert.True(query.ExitCode == 0, query.Output);
        var analyzers = JsonNode.Parse(query.Output)!["Items"]!["Analyzer"]!.AsArray()
            .Where(item => (string?)item!["NuGetPackageId"] == "AtlasAccessGen")
            .Select(item => (string)item!["Identity"]!)
            .ToList();
        Assert.Equal(9, analyzers.Count);
        Assert.Single(analyzers, path => path.EndsWith("/AtlasAccessGen.Generator.dll", StringComparison.Ordinal));
        return analyzers;
    }

    private static Dictionary<string, string> Generated(ConsumerProject consumer) =>
        Directory.GetFiles(Path.Combine(consumer.Directory, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(path => path.Contains("AtlasAccessGen.Generator", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText);
}
