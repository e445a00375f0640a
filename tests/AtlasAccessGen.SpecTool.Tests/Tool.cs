using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool.Tests;

/// <summary>Runs <c>atlas-spec</c> in-process, in a scratch folder of its own.</summary>
public sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "atlas-spec-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string[] Names() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

public sealed record ToolResult(int ExitCode, string Stdout, string Stderr);

public static class Tool
{
    public static string FullSpec { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "atlas-api-v2.json");

    public static string Fragment { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "cloud-provider-access.json");

    /// <summary>The fragment as upstream was on 2025-08-26 (before the renames), and the whole API then.</summary>
    public static string HistoryFragment { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "history", "cloud-provider-access-2025-08-26.json");

    public static string HistoryFullSpec { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "history", "atlas-api-v2-2025-08-26.json");

    public static string FragmentYaml { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "specs", "cloud-provider-access.yaml");

    public static ToolResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr);
        return new ToolResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Slices and returns the output file's bytes; fails the test with the tool's stderr if it fails.</summary>
    public static byte[] Slice(string input, string output, params string[] selection)
    {
        ToolResult result = Run(new[] { "slice", input }.Concat(selection).Concat(new[] { "-o", output }).ToArray());
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"atlas-spec failed ({result.ExitCode}): {result.Stderr}");
        }

        return System.IO.File.ReadAllBytes(output);
    }

    public static JsonObject Parse(byte[] json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>The document without the provenance extension the slice adds to info.</summary>
    public static JsonObject WithoutProvenance(JsonObject document)
    {
        var copy = (JsonObject)document.DeepClone();
        ((JsonObject)copy["info"]!).Remove("x-atlas-slice");
        return copy;
    }
}
