using System;
using System.IO;
using Xunit;

namespace AtlasAccessGen.SpecTool.Tests;

/// <summary>The README's "Updating the spec" pastes the tool's output: it must stay what the tool prints.</summary>
public class ReadmeOutputTests
{
    private const string UpdateCommand = "atlas-spec update /tmp/cloud-provider-access.json --from tests/specs/atlas-api-v2.json --tag \"Cloud Provider Access\"";

    [Fact]
    public void The_readme_shows_what_update_really_prints_for_the_2025_08_26_upgrade_and_for_the_run_after_it()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        int command = readme.IndexOf(UpdateCommand, StringComparison.Ordinal);
        Assert.True(command > 0, "the README no longer shows: " + UpdateCommand);
        string first = TextBlockAfter(readme, command);
        string second = TextBlockAfter(readme, readme.IndexOf(first, StringComparison.Ordinal) + first.Length);

        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("cloud-provider-access.json", File.ReadAllText(Tool.HistoryFragment));
        string Shown(string output) => output
            .Replace(scratch.Path + "/", "/tmp/", StringComparison.Ordinal)
            .Replace(Tool.FullSpec, "tests/specs/atlas-api-v2.json", StringComparison.Ordinal);

        Assert.Equal(first, Shown(Tool.Run("update", fragment, "--from", Tool.FullSpec, "--tag", "Cloud Provider Access").Stdout));
        Assert.Equal(second, Shown(Tool.Run("update", fragment, "--from", Tool.FullSpec).Stdout));
    }

    /// <summary>The content of the first ```text block after <paramref name="from"/>, with its final newline.</summary>
    private static string TextBlockAfter(string markdown, int from)
    {
        const string Open = "```text\n";
        int start = markdown.IndexOf(Open, from, StringComparison.Ordinal) + Open.Length;
        int end = markdown.IndexOf("\n```\n", start, StringComparison.Ordinal) + 1;
        return markdown[start..end];
    }

    private static string RepositoryRoot()
    {
        for (string? folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "README.md")) && Directory.Exists(Path.Combine(folder, "tools", "AtlasAccessGen.SpecTool")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("the repository root (README.md beside tools/) is not above " + AppContext.BaseDirectory);
    }
}
