using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AtlasAccessGen.IntegrationTests;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Resilience;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>Servers that echo what they were sent: no credential may come back out in an exception's text.</summary>
public sealed class SecretRedactionTests : IDisposable
{
    private const string ClientId = "mdb_sa_id_5f3c2b1a0e9d8c7b6a594837";
    private const string ClientSecret = "mdb_sa_sk_echoed+secret/value=";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.echoed-bearer-token.c2lnbmF0dXJl";

    private readonly LoopbackServer _server = new();

    public void Dispose() => _server.Dispose();

    private AtlasTransport ServiceAccountTransport() =>
        new(new AtlasClientOptions { BaseAddress = _server.BaseAddress, ServiceAccount = new AtlasServiceAccount(ClientId, ClientSecret), Retry = new AtlasRetryOptions { MaxRetries = 0 } });

    private static AtlasRequest Get() => new(HttpMethod.Get, "api/atlas/v2/groups", "application/vnd.atlas.2023-01-01+json");

    /// <summary>Every form a credential travels in: raw, form- and URL-encoded, the Basic value, the bearer token.</summary>
    private static IEnumerable<string> CredentialForms()
    {
        string pair = Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(ClientSecret);
        return new[]
        {
            ClientSecret,
            Uri.EscapeDataString(ClientSecret),
            WebUtility.UrlEncode(ClientSecret),
            pair,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)),
            Token,
        };
    }

    private static void AssertNoCredential(AtlasApiException e)
    {
        string headers = string.Join("\n", e.Headers.SelectMany(h => h.Value.Select(v => h.Key + ": " + v)));
        foreach (string secret in CredentialForms())
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.RawBody, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.Detail ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, headers, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_endpoint_echoing_the_Basic_credentials_and_the_form_does_not_put_them_in_the_exception()
    {
        _server.RespondWith((request, _) => Task.FromResult(new LoopbackResponse(
            400,
            "{\"error\":\"invalid_request\",\"error_description\":\"Rejected: Authorization: " + request.Header("Authorization")
                + "; raw secret " + ClientSecret + "; form client_secret=" + WebUtility.UrlEncode(ClientSecret) + "; body " + request.Body + "\"}",
            "application/json",
            ("X-Echo-Authorization", request.Header("Authorization")!))));
        using AtlasTransport transport = ServiceAccountTransport();

        AtlasTokenException e = await Assert.ThrowsAsync<AtlasTokenException>(() => transport.SendAsync(Get(), null, default));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("invalid_request", e.OAuthError);
        Assert.Contains("Rejected: Authorization: Basic ***", e.OAuthErrorDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, e.OAuthErrorDescription!, StringComparison.Ordinal);
        AssertNoCredential(e);
    }

    [Fact]
    public async Task An_API_error_echoing_the_bearer_token_does_not_put_it_in_the_exception()
    {
        _server.RespondWith((request, _) => Task.FromResult(request.Path == "/api/oauth/token"
            ? LoopbackResponse.Json("{\"access_token\":\"" + Token + "\",\"expires_in\":3600}", contentType: "application/json")
            : new LoopbackResponse(
                403,
                "{\"error\":403,\"errorCode\":\"FORBIDDEN\",\"detail\":\"Token " + request.Header("Authorization") + " may not read this.\"}",
                "application/json",
                ("X-Echo", request.Header("Authorization")!))));
        using AtlasTransport transport = ServiceAccountTransport();

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => transport.SendAsync(Get(), null, default));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal("FORBIDDEN", e.ErrorCode);
        Assert.Equal("Token Bearer *** may not read this.", e.Detail);
        AssertNoCredential(e);
    }

    [Fact]
    public async Task A_success_body_that_is_not_JSON_and_echoes_the_token_does_not_put_it_in_the_exception()
    {
        _server.RespondWith((request, _) => Task.FromResult(request.Path == "/api/oauth/token"
            ? LoopbackResponse.Json("{\"access_token\":\"" + Token + "\",\"expires_in\":3600}", contentType: "application/json")
            : new LoopbackResponse(200, "<html>you sent " + request.Header("Authorization") + "</html>", "text/html")));
        using AtlasTransport transport = ServiceAccountTransport();

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => transport.SendAsync(Get(), AtlasTypeInfo.JsonElement, null, default));

        Assert.Contains("you sent Bearer ***", e.RawBody, StringComparison.Ordinal);
        AssertNoCredential(e);
    }

    [Fact]
    public async Task An_API_error_echoing_the_private_key_does_not_put_it_in_the_exception()
    {
        const string privateKey = "0c8d4e1f-priv-4a7b-9e2d-echoed123456";
        _server.RespondWith(400, "{\"error\":400,\"errorCode\":\"INVALID\",\"detail\":\"key " + privateKey + "\"}", "application/json");
        using var transport = new AtlasTransport(new AtlasClientOptions { BaseAddress = _server.BaseAddress, ApiKey = new AtlasApiKey("abcdefgh", privateKey), Retry = new AtlasRetryOptions { MaxRetries = 0 } });

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => transport.SendAsync(Get(), null, default));

        Assert.Equal("key ***", e.Detail);
        Assert.DoesNotContain(privateKey, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey, e.RawBody, StringComparison.Ordinal);
    }
}
