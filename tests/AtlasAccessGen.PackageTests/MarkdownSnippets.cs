using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace AtlasAccessGen.PackageTests;

/// <summary>A fenced ```xml or ```csharp block of README.md or docs/*.md.</summary>
/// <param name="Name">
/// <c>{file}#{heading}[{n}]</c>: the file, the GitHub anchor of the nearest heading above it, and its position among
/// that section's xml and csharp blocks (1-based), e.g. <c>README.md#quickstart[2]</c>.
/// </param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Partial">
/// Marked deliberately partial by <c>&lt;!-- snippet: partial ... --&gt;</c> on the line right before the fence: not
/// built, and named in the tests' list of skipped blocks.
/// </param>
internal sealed record MarkdownSnippet(string Name, string File, int Line, string Language, string Code, bool Partial);

internal static class MarkdownSnippets
{
    public const string PartialMarker = "<!-- snippet: partial";

    private static readonly string[] Languages = { "xml", "csharp" };

    /// <summary>Every xml and csharp block of README.md and docs/*.md under <paramref name="repositoryRoot"/>, in order.</summary>
    public static IReadOnlyList<MarkdownSnippet> Read(string repositoryRoot)
    {
        var files = new List<string> { Path.Combine(repositoryRoot, "README.md") };
        string docs = Path.Combine(repositoryRoot, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
        }

        return files.SelectMany(file => Parse(Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/'), File.ReadAllLines(file))).ToList();
    }

    public static IEnumerable<MarkdownSnippet> Parse(string file, string[] lines)
    {
        string section = string.Empty;
        int inSection = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith('#'))
            {
                section = Anchor(line.TrimStart('#'));
                inSection = 0;
                continue;
            }

            if (!line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            // A fence: find its end, whatever the language, so a fence inside it is never read as a block of its own.
            string indent = line.Substring(0, line.Length - line.TrimStart().Length);
            string language = line.Trim().Substring(3).Trim();
            int end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException(file + ":" + (i + 1) + ": the code fence is never closed.");
            }

            if (Languages.Contains(language, StringComparer.Ordinal))
            {
                inSection++;
                var code = new StringBuilder();
                for (int j = i + 1; j < end; j++)
                {
                    code.Append(lines[j].StartsWith(indent, StringComparison.Ordinal) ? lines[j].Substring(indent.Length) : lines[j]).Append('\n');
                }

                bool partial = i > 0 && lines[i - 1].TrimStart().StartsWith(PartialMarker, StringComparison.Ordinal);
                yield return new MarkdownSnippet(file + "#" + section + "[" + inSection + "]", file, i + 1, language, code.ToString(), partial);
            }

            i = end;
        }
    }

    /// <summary>GitHub's anchor for a heading: lowercase, spaces to '-', punctuation other than '-' and '_' dropped.</summary>
    private static string Anchor(string heading)
    {
        var anchor = new StringBuilder();
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }
}
