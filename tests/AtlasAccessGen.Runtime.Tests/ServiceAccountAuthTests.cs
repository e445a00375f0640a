using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.IntegrationTests;
using AtlasAccessGen.Runtime.Authentication;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>The Service Account handler against a loopback OAuth token endpoint and API, on fake time.</summary>
public sealed class ServiceAccountAuthTests : IDisposable
{
    private const string ClientId = "mdb_sa_id_5f3c2b1a0e9d8c7b6a594837";
    private const string ClientSecret = "mdb_sa_sk_super-secret-value";

    private readonly LoopbackServer _server = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<RecordedRequest> _tokenRequests = new();
    private readonly ConcurrentQueue<string?> _apiAuthorizations = new();
    private int _issued;
    private Func<RecordedRequest, LoopbackResponse>? _api;
    private TimeSpan _tokenDelay = TimeSpan.Zero;
    private LoopbackResponse? _tokenFailure;

    public ServiceAccountAuthTests()
    {
        _server.RespondWith(async (request, cancellationToken) =>
        {
            if (request.Path == "/api/oauth/token")
            {
                _tokenRequests.Enqueue(request);
                await Task.Delay(_tokenDelay, cancellationToken);
                if (_tokenFailure is { } failure)
                {
                    return failure;
                }

                int n = Interlocked.Increment(ref _issued);
                return LoopbackResponse.Json("{\"access_token\":\"token-" + n + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}", contentType: "application/json");
            }

            if (request.Path == "/api/oauth/revoke")
            {
                _tokenRequests.Enqueue(request);
                return new LoopbackResponse(200, string.Empty, null);
            }

            _apiAuthorizations.Enqueue(request.Header("Authorization"));
            return _api?.Invoke(request) ?? LoopbackResponse.Json("{\"ok\":true}");
        });
    }

    public void Dispose() => _server.Dispose();

    private HttpClient CreateClient(out AtlasServiceAccountHandler handler, TimeSpan? refreshAhead = null)
    {
        handler = new AtlasServiceAccountHandler(new AtlasServiceAccount(ClientId, ClientSecret), refreshAhead: refreshAhead, timeProvider: _time)
        {
            InnerHandler = new SocketsHttpHandler(),
        };
        return new HttpClient(handler) { BaseAddress = _server.BaseAddress };
    }

    private int TokenRequests => _tokenRequests.Count(r => r.Path == "/api/oauth/token");

    [Fact]
    public async Task First_call_gets_a_token_with_basic_client_credentials_and_sends_it_as_bearer()
    {
        using HttpClient client = CreateClient(out _);

        using HttpResponseMessage response = await client.GetAsync("api/atlas/v2/groups");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RecordedRequest token = Assert.Single(_tokenRequests);
        Assert.Equal("POST", token.Method);
        Assert.Equal("grant_type=client_credentials", token.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", token.ContentType, StringComparison.Ordinal);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)), token.Header("Authorization"));
        Assert.Equal("Bearer token-1", Assert.Single(_apiAuthorizations));
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_make_exactly_one_token_request()
    {
        _tokenDelay = TimeSpan.FromMilliseconds(300);
        using HttpClient client = CreateClient(out _);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.GetAsync("api/atlas/v2/call/" + i)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Array.ForEach(responses, r => r.Dispose());
        Assert.Equal(1, TokenRequests);
        Assert.All(_apiAuthorizations, a => Assert.Equal("Bearer token-1", a));
    }

    [Fact]
    public async Task Token_is_refreshed_ahead_of_expiry_and_not_before()
    {
        using HttpClient client = CreateClient(out _);
        (await client.GetAsync("a")).Dispose();

        _time.Advance(TimeSpan.FromMinutes(49));
        (await client.GetAsync("b")).Dispose();
        Assert.Equal(1, TokenRequests);

        // expires_in 3600 s, refreshed 10 minutes ahead: from minute 50 a new token is fetched.
        _time.Advance(TimeSpan.FromMinutes(1));
        (await client.GetAsync("c")).Dispose();
        Assert.Equal(2, TokenRequests);
        Assert.Equal(new[] { "Bearer token-1", "Bearer token-1", "Bearer token-2" }, _apiAuthorizations.ToArray());
    }

    [Fact]
    public async Task Refresh_margin_is_configurable()
    {
        using HttpClient client = CreateClient(out _, refreshAhead: TimeSpan.FromMinutes(1));
        (await client.GetAsync("a")).Dispose();

        _time.Advance(TimeSpan.FromMinutes(58));
        (await client.GetAsync("b")).Dispose();
        Assert.Equal(1, TokenRequests);

        _time.Advance(TimeSpan.FromMinutes(1));
        (await client.GetAsync("c")).Dispose();
        Assert.Equal(2, TokenRequests);
    }

    [Fact]
    public async Task A_401_on_a_cached_token_refreshes_once_and_retries_once()
    {
        using HttpClient client = CreateClient(out _);
        (await client.GetAsync("warm")).Dispose();
        _api = request => request.Header("Authorization") == "Bearer token-1" ? new LoopbackResponse(401, "{\"error\":401,\"errorCode\":\"INVALID_TOKEN\"}", "application/json") : LoopbackResponse.Json("{\"ok\":true}");

        using HttpResponseMessage response = await client.PostAsync("api/x", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, TokenRequests);
        Assert.Equal(new[] { "Bearer token-1", "Bearer token-1", "Bearer token-2" }, _apiAuthorizations.ToArray());
        Assert.Equal("{\"a\":1}", _server.Requests.Last().Body);
    }

    [Fact]
    public async Task A_401_on_a_token_fetched_for_this_call_is_returned_at_once()
    {
        using HttpClient client = CreateClient(out _);
        _api = _ => new LoopbackResponse(401, "{\"error\":401,\"errorCode\":\"UNAUTHORIZED\"}", "application/json");

        using HttpResponseMessage response = await client.GetAsync("api/x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, TokenRequests);
        Assert.Single(_apiAuthorizations);
    }

    [Fact]
    public async Task A_second_401_after_the_refresh_is_returned_without_a_loop()
    {
        using HttpClient client = CreateClient(out _);
        (await client.GetAsync("warm")).Dispose();
        _api = _ => new LoopbackResponse(401, "{\"error\":401,\"errorCode\":\"UNAUTHORIZED\"}", "application/json");

        using HttpResponseMessage response = await client.GetAsync("api/x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, TokenRequests);
        Assert.Equal(3, _apiAuthorizations.Count);
    }

    [Fact]
    public async Task A_token_authority_with_a_path_keeps_it()
    {
        var paths = new ConcurrentQueue<string>();
        using var server = new LoopbackServer();
        server.RespondWith((request, _) =>
        {
            paths.Enqueue(request.Path);
            return Task.FromResult(request.Path.EndsWith("/oauth/token", StringComparison.Ordinal)
                ? LoopbackResponse.Json("{\"access_token\":\"t\",\"expires_in\":3600}", contentType: "application/json")
                : LoopbackResponse.Json("{}"));
        });
        var handler = new AtlasServiceAccountHandler(new AtlasServiceAccount(ClientId, ClientSecret), new Uri(server.BaseAddress, "gateway/atlas"), timeProvider: _time) { InnerHandler = new SocketsHttpHandler() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(server.BaseAddress, "gateway/atlas/") };

        (await client.GetAsync("api/atlas/v2/groups")).Dispose();

        Assert.Equal(new[] { "/gateway/atlas/api/oauth/token", "/gateway/atlas/api/atlas/v2/groups" }, paths.ToArray());
    }

    [Fact]
    public async Task Revoke_posts_the_token_and_the_next_call_gets_a_new_one()
    {
        using HttpClient client = CreateClient(out AtlasServiceAccountHandler handler);
        (await client.GetAsync("a")).Dispose();

        await handler.RevokeAsync();
        (await client.GetAsync("b")).Dispose();

        RecordedRequest revoke = Assert.Single(_tokenRequests, r => r.Path == "/api/oauth/revoke");
        Assert.Equal("token=token-1&token_type_hint=access_token", revoke.Body);
        Assert.StartsWith("Basic ", revoke.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(2, TokenRequests);
    }

    [Fact]
    public async Task Revoke_on_dispose_is_opt_in()
    {
        HttpClient client = CreateClient(out AtlasServiceAccountHandler handler);
        handler.RevokeOnDispose = true;
        (await client.GetAsync("a")).Dispose();

        client.Dispose();

        Assert.Single(_tokenRequests, r => r.Path == "/api/oauth/revoke");
    }

    [Theory]
    [InlineData(400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}", "invalid_client")]
    [InlineData(401, "{\"error\":\"unauthorized_client\"}", "unauthorized_client")]
    [InlineData(429, "<html>slow down</html>", null)]
    public async Task Token_endpoint_failures_are_typed_with_the_endpoints_body_and_no_secret(int status, string body, string? oauthError)
    {
        _tokenFailure = new LoopbackResponse(status, body, body.StartsWith('{') ? "application/json" : "text/html", ("Retry-After", "3"));
        using HttpClient client = CreateClient(out _);

        AtlasTokenException error = await Assert.ThrowsAsync<AtlasTokenException>(() => client.GetAsync("api/x"));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(body, error.RawBody);
        Assert.Equal(oauthError, error.OAuthError);
        Assert.Equal("3", error.Header("Retry-After"));
        Assert.DoesNotContain(ClientSecret, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_apiAuthorizations);
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        Assert.DoesNotContain(ClientSecret, new AtlasServiceAccount(ClientId, ClientSecret).ToString(), StringComparison.Ordinal);
    }
}
