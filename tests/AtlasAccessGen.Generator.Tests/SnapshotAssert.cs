using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Committed snapshots in Verify's layout (<c>{Class}.{Method}#{HintName}.verified.cs</c>), since
/// Verify itself is not in this registry. A mismatch writes <c>.received.cs</c> beside the snapshot;
/// run with <c>UPDATE_SNAPSHOTS=1</c> to accept every received file.
/// </summary>
public static partial class SnapshotAssert
{
    public static void Matches(IReadOnlyDictionary<string, string> sources, string testClass, [CallerMemberName] string testMethod = "")
    {
        string directory = Path.Combine(ProjectDirectory(), "Snapshots");
        Directory.CreateDirectory(directory);
        string prefix = testClass + "." + testMethod + "#";
        bool update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        var failures = new List<string>();
        foreach ((string hintName, string source) in sources.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string stem = Path.Combine(directory, prefix + Path.GetFileNameWithoutExtension(hintName));
            string verified = stem + ".verified.cs";
            string received = stem + ".received.cs";
            string actual = Scrub(source);
            if (File.Exists(verified) && File.ReadAllText(verified) == actual)
            {
                File.Delete(received);
                continue;
            }

            if (update)
            {
                File.WriteAllText(verified, actual);
                continue;
            }

            File.WriteAllText(received, actual);
            failures.Add(File.Exists(verified) ? "changed: " + Path.GetFileName(verified) : "new: " + Path.GetFileName(received));
        }

        var expected = sources.Keys.Select(hint => prefix + Path.GetFileNameWithoutExtension(hint) + ".verified.cs").ToHashSet(StringComparer.Ordinal);
        foreach (string orphan in Directory.GetFiles(directory, prefix + "*.verified.cs").Select(path => Path.GetFileName(path)).Where(name => !expected.Contains(name)))
        {
            if (update)
            {
                File.Delete(Path.Combine(directory, orphan));
            }
            else
            {
                failures.Add("no longer generated: " + orphan);
            }
        }

        Assert.True(failures.Count == 0, "Snapshots differ (run with UPDATE_SNAPSHOTS=1 to accept):\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// The test project's folder, found from the test binaries upward. [CallerFilePath] cannot be used:
    /// CI builds map source paths to '/_/' for deterministic output.
    /// </summary>
    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AtlasAccessGen.Generator.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The test project folder is not above " + AppContext.BaseDirectory);
    }

    /// <summary>The generator's version changes with every release; the snapshots should not.</summary>
    public static string Scrub(string source) => VersionPattern().Replace(source, "AtlasAccessGen {version} from");

    [GeneratedRegex(@"AtlasAccessGen [0-9][^ ]* from")]
    private static partial Regex VersionPattern();
}
