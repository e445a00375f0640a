using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AtlasAccessGen.Emulator;

/// <summary>
/// Atlas's two ways in: HTTP Digest with an API key (<c>realm="MMS Public API"</c>, <c>qop=auth</c>, MD5, nonces that
/// expire with <c>stale=true</c>) and OAuth2 bearer tokens for Service Accounts, issued and revoked at /api/oauth.
/// </summary>
internal sealed class EmulatorAuthentication
{
    private const string Realm = "MMS Public API";
    private readonly AtlasEmulatorOptions _options;
    private readonly byte[] _nonceKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);

    public EmulatorAuthentication(AtlasEmulatorOptions options) => _options = options;

    /// <summary>Null when the request may proceed; otherwise the 401 to answer with.</summary>
    public EmulatorResult? Check(HttpContext context)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            string token = header.Substring("Bearer ".Length).Trim();
            return _tokens.TryGetValue(token, out DateTimeOffset expires) && _options.TimeProvider.GetUtcNow() < expires
                ? null
                : Unauthorized("The bearer token is invalid, revoked or expired.", challenge: false);
        }

        if (header.StartsWith("Digest ", StringComparison.Ordinal))
        {
            Dictionary<string, string> values = Parse(header.Substring("Digest ".Length));
            string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
            if (!values.TryGetValue("username", out string? user) || user != _options.PublicKey
                || !values.TryGetValue("nonce", out string? nonce) || !values.TryGetValue("uri", out string? uri) || uri != target
                || !values.TryGetValue("response", out string? response))
            {
                return Unauthorized("The Digest credentials are invalid.", challenge: true);
            }

            bool? fresh = NonceIsFresh(nonce);
            if (fresh is null)
            {
                return Unauthorized("The Digest nonce is unknown.", challenge: true);
            }

            string ha1 = Md5(user + ":" + Realm + ":" + _options.PrivateKey);
            string ha2 = Md5(context.Request.Method + ":" + uri);
            string expected = values.TryGetValue("qop", out string? qop) && qop == "auth"
                ? Md5(ha1 + ":" + nonce + ":" + values.GetValueOrDefault("nc") + ":" + values.GetValueOrDefault("cnonce") + ":auth:" + ha2)
                : Md5(ha1 + ":" + nonce + ":" + ha2);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response)))
            {
                return Unauthorized("The Digest response does not match; check the API key pair.", challenge: true);
            }

            // Right key, old nonce: the client may answer the fresh challenge at once.
            return fresh.Value ? null : Unauthorized("The Digest nonce has expired.", challenge: true, stale: true);
        }

        return header.Length == 0 && _options.AllowAnonymous ? null : Unauthorized("No credentials were sent.", challenge: true);
    }

    public async Task IssueTokenAsync(HttpContext context)
    {
        IFormCollection form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        if (!BasicCredentialsMatch(context))
        {
            await OAuthError(context, 401, "invalid_client", "Invalid client credentials.");
            return;
        }

        if (form["grant_type"] != "client_credentials")
        {
            await OAuthError(context, 400, "unsupported_grant_type", "Only client_credentials is supported.");
            return;
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = _options.TimeProvider.GetUtcNow() + _options.TokenLifetime;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["access_token"] = token,
            ["expires_in"] = (long)_options.TokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        }.ToJsonString());
    }

    public async Task RevokeAsync(HttpContext context)
    {
        IFormCollection form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        if (!BasicCredentialsMatch(context))
        {
            await OAuthError(context, 401, "invalid_client", "Invalid client credentials.");
            return;
        }

        _tokens.TryRemove(form["token"].ToString(), out _);
        context.Response.StatusCode = 200;
    }

    private bool BasicCredentialsMatch(HttpContext context)
    {
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out AuthenticationHeaderValue? header)
            || header.Scheme != "Basic" || header.Parameter is null)
        {
            return false;
        }

        string[] pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
        }
        catch (FormatException)
        {
            return false;
        }

        return pair.Length == 2 && Uri.UnescapeDataString(pair[0]) == _options.ClientId && Uri.UnescapeDataString(pair[1]) == _options.ClientSecret;
    }

    private static Task OAuthError(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString());
    }

    private EmulatorResult Unauthorized(string detail, bool challenge, bool stale = false)
    {
        EmulatorResult result = EmulatorResult.Error(401, "USER_UNAUTHORIZED", detail);
        return challenge
            ? result with { Headers = new[] { ("WWW-Authenticate", "Digest realm=\"" + Realm + "\", domain=\"\", nonce=\"" + NewNonce() + "\", algorithm=MD5, qop=\"auth\", stale=" + (stale ? "true" : "false")) } }
            : result;
    }

    /// <summary>A nonce is its issue time and a MAC over it, so any nonce this instance issued can be checked without state.</summary>
    private string NewNonce()
    {
        string time = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(time + ":" + Mac(time)));
    }

    /// <summary>True when fresh, false when expired, null when this instance never issued it.</summary>
    private bool? NonceIsFresh(string nonce)
    {
        string text;
        try
        {
            text = Encoding.ASCII.GetString(Convert.FromBase64String(nonce));
        }
        catch (FormatException)
        {
            return null;
        }

        string[] parts = text.Split(':');
        if (parts.Length != 2 || parts[1] != Mac(parts[0]) || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long issued))
        {
            return null;
        }

        return _options.TimeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issued) < _options.NonceLifetime;
    }

    private string Mac(string text) => Convert.ToHexString(HMACSHA256.HashData(_nonceKey, Encoding.ASCII.GetBytes(text)));

    private static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && text[i] != '=')
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            string name = text.Substring(start, i - start).Trim();
            i++;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                i++;
            }
            else
            {
                for (; i < text.Length && text[i] != ','; i++)
                {
                    value.Append(text[i]);
                }
            }

            values[name] = value.ToString().Trim();
        }

        return values;
    }
}
