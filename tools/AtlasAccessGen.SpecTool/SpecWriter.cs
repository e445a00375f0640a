using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasAccessGen.SpecTool;

internal static class SpecWriter
{
    /// <summary>
    /// Two-space indentation, "\n" line ends on every OS and a final newline, as the vendored spec is written.
    /// The relaxed encoder keeps the spec's Markdown readable (&lt;, &gt;, &amp;, ' and non-ASCII stay as they are);
    /// it still escapes what JSON requires.
    /// </summary>
    public static byte[] ToBytes(JsonNode document)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = SpecReader.MaxDepth + 8,
        }))
        {
            document.WriteTo(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> and moves it into place, so a failure never leaves a
    /// half-written output (and an existing one stays as it was).
    /// </summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SpecToolException($"cannot write '{path}': {SpecReader.OneLine(e.Message)}");
        }

        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new SpecToolException($"cannot write '{path}': folder '{folder}' does not exist");
        }

        if (Directory.Exists(fullPath))
        {
            throw new SpecToolException($"cannot write '{path}': it is a folder");
        }

        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new SpecToolException($"cannot write '{path}': {SpecReader.OneLine(e.Message)}");
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the message about the write itself is what the user needs.
        }
    }
}
