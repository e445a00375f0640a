using System;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using YamlDotNet.Core;

namespace AtlasAccessGen.SpecTool;

/// <summary>An input spec as read: its JSON model, the bytes it was read from and their SHA-256.</summary>
internal sealed record LoadedSpec(string Source, JsonObject Root, string Sha256, byte[] Bytes);

internal static class SpecReader
{
    /// <summary>
    /// Deep enough for any real OpenAPI document (upstream's nests about 30 levels), shallow enough that walking
    /// it recursively cannot overflow the stack.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>The most a download may bring: upstream's whole YAML is about 4 MB.</summary>
    private const int MaxDownloadBytes = 256 * 1024 * 1024;

    /// <summary>
    /// Reads JSON (.json) or YAML (.yaml/.yml; any other name is sniffed by its first character), from a file or
    /// from an https URL.
    /// </summary>
    public static LoadedSpec Load(string source)
    {
        if (source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return Download(source);
        }

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

        return Parse(source, bytes);
    }

    /// <summary>Parses bytes already read (a download, or a fragment just sliced) as <paramref name="source"/> names them.</summary>
    public static LoadedSpec Parse(string source, byte[] bytes)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        JsonNode? root = IsYaml(source, bytes) ? ParseYaml(source, bytes) : ParseJson(source, bytes);
        if (root is not JsonObject document)
        {
            throw new SpecToolException($"'{source}' is not an OpenAPI document: its root is not an object");
        }

        return new LoadedSpec(source, document, sha, bytes);
    }

    private static LoadedSpec Download(string url)
    {
        // Only the scheme, host and path are ever shown or recorded: a query or user info may carry a secret.
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new SpecToolException(uri is null ? "'" + url + "' is not a valid URL" : $"'{Shown(uri)}' is not an https URL; only https is downloaded");
        }

        string shown = Shown(uri);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(100), MaxResponseContentBufferSize = MaxDownloadBytes };
            client.DefaultRequestHeaders.UserAgent.ParseAdd("atlas-spec");
            using HttpResponseMessage response = client.GetAsync(uri).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new SpecToolException($"cannot download '{shown}': the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return Parse(shown, response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new SpecToolException($"cannot download '{shown}': {OneLine(e.Message)}");
        }
    }

    private static string Shown(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

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
