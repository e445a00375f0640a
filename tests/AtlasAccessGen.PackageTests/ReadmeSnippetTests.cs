using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using Xunit;

namespace AtlasAccessGen.PackageTests;

/// <summary>
/// Every ```xml and ```csharp block of README.md and docs/*.md is built, as a user would, from an empty folder against
/// the packed packages, and run against the Atlas emulator; a block that is deliberately partial is marked so in the
/// markdown and named here.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ReadmeSnippetTests : IAsyncLifetime
{
    /// <summary>The blocks marked <c>&lt;!-- snippet: partial ... --&gt;</c>: skipped, by name, so marking one is a visible change.</summary>
    private static readonly string[] SkippedAsPartial =
    {
        "docs/generated-code.md#paging[1]",
        "docs/runtime.md#runtime[1]",
        "docs/spec-updates.md#what-the-generator-does-with-it[1]",
    };

    private readonly PackageFeed _feed;
    private AtlasEmulator? _emulator;

    public ReadmeSnippetTests(PackageFeed feed) => _feed = feed;

    public async Task InitializeAsync() => _emulator = await AtlasEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [Fact]
    public void Blocks_are_found_named_and_marked_as_the_markdown_says()
    {
        string[] markdown =
        {
            "# Title",
            "```sh",
            "echo not a snippet",
            "```",
            "## Getting started",
            "```xml",
            "<Project />",
            "```",
            "<!-- snippet: partial (a fragment) -->",
            "```csharp",
            "  Console.WriteLine();",
            "```",
            "- A list item:",
            "  ```csharp",
            "  int x = 1;",
            "  ```",
        };

        var blocks = MarkdownSnippets.Parse("doc.md", markdown).ToList();

        Assert.Equal(new[] { "doc.md#getting-started[1]", "doc.md#getting-started[2]", "doc.md#getting-started[3]" }, blocks.Select(b => b.Name));
        Assert.Equal(new[] { false, true, false }, blocks.Select(b => b.Partial));
        Assert.Equal(new[] { 6, 10, 14 }, blocks.Select(b => b.Line));
        Assert.Equal("<Project />\n", blocks[0].Code);
        Assert.Equal("int x = 1;\n", blocks[2].Code);
        Assert.Throws<FormatException>(() => MarkdownSnippets.Parse("doc.md", new[] { "```csharp", "int x;" }).ToList());
    }

    [Fact]
    public void Every_unmarked_block_builds_from_an_empty_folder_and_the_quickstart_runs_against_the_emulator()
    {
        IReadOnlyList<MarkdownSnippet> blocks = MarkdownSnippets.Read(_feed.RepositoryRoot);
        Assert.Equal(SkippedAsPartial, blocks.Where(b => b.Partial).Select(b => b.Name));
        MarkdownSnippet project = Assert.Single(blocks, b => !b.Partial && b.Language == "xml");
        Assert.Equal("README.md#quickstart[1]", project.Name);
        List<MarkdownSnippet> programs = blocks.Where(b => !b.Partial && b.Language == "csharp").ToList();
        Assert.Equal("README.md#quickstart[2]", programs[0].Name);

        // The Quickstart's steps, from an empty folder: a nuget.config with the local feed, the spec, two files.
        string folder = Directory.CreateTempSubdirectory("atlas-quickstart-").FullName;
        try
        {
            Dotnet(folder, "new", "nugetconfig");
            Dotnet(folder, "nuget", "add", "source", _feed.Directory, "--name", "atlas-local", "--configfile", "nuget.config");
            Directory.CreateDirectory(Path.Combine(folder, "spec"));
            File.Copy(Path.Combine(_feed.RepositoryRoot, "spec", "cloud-provider-access.json"), Path.Combine(folder, "spec", "cloud-provider-access.json"));

            // The one difference from what a user writes: this run's package version (unique per run; see PackageFeed).
            const string Reference = "<PackageReference Include=\"AtlasAccessGen\" Version=\"0.1.0\" />";
            Assert.Single(Regex.Matches(project.Code, Regex.Escape(Reference)));
            File.WriteAllText(Path.Combine(folder, "AtlasQuickstart.csproj"), project.Code.Replace(Reference, Reference.Replace("0.1.0", _feed.Version, StringComparison.Ordinal), StringComparison.Ordinal));

            var outputs = new Dictionary<string, string>();
            foreach (MarkdownSnippet program in programs)
            {
                File.WriteAllText(Path.Combine(folder, "Program.cs"), program.Code);
                var build = DotNet.Run(folder, _feed.ConsumerEnvironment, "build", "-nologo", "-warnaserror");
                Assert.True(build.ExitCode == 0, program.Name + " (line " + program.Line + ") does not build; fix it, or mark it with '" + MarkdownSnippets.PartialMarker + " (why) -->' on the line before its fence and add it to SkippedAsPartial:\n" + build.Output);
                var run = DotNet.Run(folder, EmulatorEnvironment(), "run", "--no-build");
                Assert.True(run.ExitCode == 0, program.Name + " (line " + program.Line + ") fails when run against the emulator:\n" + run.Output);
                outputs[program.Name] = run.Output;
            }

            // The whole flow ran: create -> authorize -> get (the AWS variant) -> list, then the error after the clean-up.
            string[] lines = Lines(outputs["README.md#quickstart[2]"]);
            Assert.True(lines.Length == 4, string.Join('\n', lines));
            Match created = Regex.Match(lines[0], "^Created ([0-9a-f]{24}): let arn:aws:iam::[0-9]{12}:[^ ]+ assume your role with external id [0-9a-f-]{36}$");
            Assert.True(created.Success, lines[0]);
            string roleId = created.Groups[1].Value;
            Assert.Matches("^Got " + roleId + ": AWS, assumes arn:aws:iam::123456789012:role/atlas-quickstart since [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}Z$", lines[1]);
            Assert.Equal("Listed 1 AWS, 0 Azure and 0 GCP roles", lines[2]);
            Assert.Equal("Deauthorized " + roleId + "; getting it again is 404 RESOURCE_NOT_FOUND", lines[3]);

            // The models block prints what it read and what a request body holds.
            Assert.Equal(new[] { "8f6b8d4a3309819381bab526 arn:aws:iam::123456789012:role/atlas-quickstart", "{\"providerName\":\"AWS\"}" }, Lines(outputs["README.md#quickstart[3]"]));

            // What a newer server sent comes back whole; a request body leaves out what was read but not declared.
            Assert.Equal(new[] { "True", "{\"providerName\":\"AWS\",\"iamAssumedRoleArn\":\"arn:aws:iam::123456789012:role/a\"}" }, Lines(outputs["README.md#what-gets-generated[1]"]));
            Assert.Equal(
                new[] { "ORACLE known: False, extra: ociTenancy", "True", "{\"providerName\":\"ORACLE\",\"iamAssumedRoleArn\":\"arn:aws:iam::123456789012:role/b\",\"dryRun\":true}" },
                Lines(outputs["docs/generated-code.md#what-gets-generated[1]"]));
            // A role's provider is the deauthorize parameter's type (identical inline enums are one type).
            Assert.Equal(new[] { "True" }, Lines(outputs["README.md#what-gets-generated[2]"]));

            // Restored into this run's packages folder, with the user's only as a read-only fallback.
            using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "obj", "project.assets.json")));
            var packageFolders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => Path.TrimEndingDirectorySeparator(p.Name)).ToList();
            Assert.Equal(new[] { _feed.PackagesFolder, _feed.UserPackagesFolder }, packageFolders);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The variables the Quickstart (and the demo) read, pointing at the emulator; the user's own are not used.</summary>
    private Dictionary<string, string?> EmulatorEnvironment()
    {
        var environment = new Dictionary<string, string?>(_feed.ConsumerEnvironment)
        {
            ["ATLAS_BASE_URL"] = _emulator!.BaseAddress.ToString(),
            ["ATLAS_GROUP_ID"] = AtlasEmulator.ExampleProjectId,
            ["ATLAS_PUBLIC_KEY"] = _emulator.Options.PublicKey,
            ["ATLAS_PRIVATE_KEY"] = _emulator.Options.PrivateKey,
            ["ATLAS_CLIENT_ID"] = null,
            ["ATLAS_CLIENT_SECRET"] = null,
        };
        return environment;
    }

    private static string[] Lines(string output) => output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    private void Dotnet(string folder, params string[] arguments)
    {
        var result = DotNet.Run(folder, _feed.ConsumerEnvironment, arguments);
        Assert.True(result.ExitCode == 0, "dotnet " + string.Join(' ', arguments) + " failed:\n" + result.Output);
    }
}
