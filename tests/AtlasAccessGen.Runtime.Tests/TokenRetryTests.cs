using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.IntegrationTests;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>
/// A failed token request follows the API's retry rules: a 429 for any call (honouring Retry-After), a 5xx for any call
/// too, since the token request is safe to repeat and the call itself was not sent yet. Counted at a loopback server.
/// </summary>
public sealed class TokenRetryTests : IDisposable
{
    private const string RateLimited = "{\"detail\":\"You have exceeded the rate limit of 10 requests per minute.\",\"error\":429,\"errorCode\":\"RATE_LIMITED\",\"parameters\":[],\"reason\":\"Too Many Requests\"}";

    private readonly LoopbackServer _server = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<LoopbackResponse> _tokenFailures = new();
    private int _tokenRequests;
    private int _apiRequests;

    public TokenRetryTests()
    {
        _server.RespondWith((request, _) =>
        {
            if (request.Path == "/api/oauth/token")
            {
                Interlocked.Increment(ref _tokenRequests);
                return Task.FromResult(_tokenFailures.TryDequeue(out LoopbackResponse? failure)
                    ? failure
                    : LoopbackResponse.Json("{\"access_token\":\"token-value-1\",\"expires_in\":3600}", contentType: "application/json"));
            }

            Interlocked.Increment(ref _apiRequests);
            return Task.FromResult(LoopbackResponse.Json("{\"ok\":true}"));
        });
    }

    public void Dispose() => _server.Dispose();

    private AtlasTransport Transport(AtlasRetryOptions retry, TimeProvider? time = null) =>
        new(new AtlasClientOptions { BaseAddress = _server.BaseAddress, ServiceAccount = new AtlasServiceAccount("mdb_sa_id_1", "mdb_sa_sk_secret-value"), Retry = retry, TimeProvider = time ?? _time });

    private static AtlasRetryOptions NoBackoff(int maxRetries = 3) => new() { MaxRetries = maxRetries, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

    private static AtlasRequest Request(string method) =>
        method == "POST"
            ? new AtlasRequest(HttpMethod.Post, "api/atlas/v2/groups/g/cloudProviderAccess", "application/vnd.atlas.2023-01-01+json").JsonBody("x", AtlasTypeInfo.String, "application/vnd.atlas.2023-01-01+json")
            : new AtlasRequest(new HttpMethod(method), "api/atlas/v2/groups/g/cloudProviderAccess", "application/vnd.atlas.2023-01-01+json");

    private static LoopbackResponse TokenFailure(int status, string? retryAfter = null) =>
        retryAfter is null
            ? new LoopbackResponse(status, RateLimited, "application/json")
            : new LoopbackResponse(status, RateLimited, "application/json", ("Retry-After", retryAfter));

    [Theory]
    [InlineData("GET", 429)]
    [InlineData("POST", 429)]
    [InlineData("GET", 503)]
    [InlineData("POST", 503)]
    [InlineData("POST", 500)]
    public async Task A_failed_token_request_is_retried_and_the_call_is_sent_once(string method, int status)
    {
        _tokenFailures.Enqueue(TokenFailure(status, "0"));
        using AtlasTransport transport = Transport(NoBackoff());

        await transport.SendAsync(Request(method), null, default);

        Assert.Equal(2, _tokenRequests);
        Assert.Equal(1, _apiRequests);
    }

    [Fact]
    public async Task A_token_429_waits_for_its_Retry_After()
    {
        _tokenFailures.Enqueue(TokenFailure(429, "2"));
        AtlasRetryOptions retry = NoBackoff();

        List<TimeSpan> delays = await WaitRecordingTime.RunWaitByWait(
            async clock =>
            {
                using AtlasTransport transport = Transport(retry, clock);
                await transport.SendAsync(Request("POST"), null, default);
            },
            retry.TotalTimeout);

        // One wait, exactly the two seconds the token endpoint asked for, before the token request was repeated.
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, delays);
        Assert.Equal(2, _tokenRequests);
        Assert.Equal(1, _apiRequests);
    }

    [Fact]
    public async Task A_token_429_asking_for_longer_than_MaxRetryAfter_goes_back_to_the_caller_at_once()
    {
        _tokenFailures.Enqueue(TokenFailure(429, "3600"));
        using AtlasTransport transport = Transport(NoBackoff());

        AtlasTokenException e = await Assert.ThrowsAsync<AtlasTokenException>(() => transport.SendAsync(Request("GET"), null, default));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal("RATE_LIMITED", e.ErrorCode);
        Assert.Equal(1, _tokenRequests);
        Assert.Equal(0, _apiRequests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Token_failures_give_up_after_MaxRetries_with_exactly_one_token_request_per_attempt(int status)
    {
        for (int i = 0; i < 10; i++)
        {
            _tokenFailures.Enqueue(TokenFailure(status, "0"));
        }

        using AtlasTransport transport = Transport(NoBackoff(maxRetries: 2));

        AtlasTokenException e = await Assert.ThrowsAsync<AtlasTokenException>(() => transport.SendAsync(Request("POST"), null, default));

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Equal(3, _tokenRequests);
        Assert.Equal(0, _apiRequests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task A_refused_token_request_is_not_retried(int status)
    {
        _tokenFailures.Enqueue(new LoopbackResponse(status, "{\"error\":\"invalid_client\"}", "application/json"));
        using AtlasTransport transport = Transport(NoBackoff());

        await Assert.ThrowsAsync<AtlasTokenException>(() => transport.SendAsync(Request("GET"), null, default));

        Assert.Equal(1, _tokenRequests);
    }
}
