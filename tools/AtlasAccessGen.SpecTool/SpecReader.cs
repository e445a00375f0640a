using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace AtlasAccessGen.SpecTool;

/// <summary>An input spec as read: its JSON model, and the SHA-256 of the bytes it was read from.</summary>
internal sealed record LoadedSpec(string Source, JsonObject Root, string Sha256);

internal static class SpecReader
{
    /// <summary>
    /// Deep enough for any real OpenAPI document (upstream's nests about 30 levels), shallow enough that walking
    /// it recursively cannot overflow the stack.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Reads JSON (.json) or YAML (.yaml/.yml; any other name is sniffed by its first character).</summary>
    public static LoadedSpec Load(string source)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SpecToolException(File.Exists(source) || Directory.Exists(source)
                ? $"cannot read '{source}': {e.Message}"
                : $"input file '{source}' does not exist");
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        JsonNode? root = IsYaml(source, bytes) ? ParseYaml(source, bytes) : ParseJson(source, bytes);
        if (root is not JsonObject document)
        {
            throw new SpecToolException($"'{source}' is not an OpenAPI document: its root is not an object");
        }

        return new LoadedSpec(source, document, sha);
    }

    private static bool IsYaml(string source, byte[] bytes)
    {
        string extension = Path.GetExtension(source);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (byte b in bytes.AsSpan(StartOfText(bytes)))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b != (byte)'{';
            }
        }

        return false;
    }

    private static int StartOfText(byte[] bytes) => bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;

    private static JsonNode? ParseJson(string source, byte[] bytes)
    {
        try
        {
            // Numbers stay backed by their JsonElement, so they are written back exactly as the input wrote them.
            return JsonNode.Parse(
                bytes.AsSpan(StartOfText(bytes)),
                nodeOptions: null,
                documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new SpecToolException($"'{source}' is not valid JSON: {OneLine(e.Message)}");
        }
    }

    private static JsonNode? ParseYaml(string source, byte[] bytes)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            return YamlToJson.Read(reader, MaxDepth);
        }
        catch (YamlException e)
        {
            throw new SpecToolException($"'{source}' is not valid YAML: {OneLine(e.Message)}");
        }
        catch (DecoderFallbackException)
        {
            throw new SpecToolException($"'{source}' is not valid YAML: it is not UTF-8 text");
        }
    }

    internal static string OneLine(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
