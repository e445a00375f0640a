using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.DependencyInjection;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>
/// The fault matrix, over real sockets: token endpoint refusals and drops, bodies cut short (Content-Length and chunked),
/// connections closed before any answer. Every test counts the requests the server read for one logical call, exactly:
/// with <c>MaxRetries = 2</c> a call is at most 3 requests, and a POST is never read twice.
/// </summary>
public sealed class FaultMatrixTests : IDisposable
{
    private const string ApiPath = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/cloudProviderAccess";
    private const string TokenPath = "/api/oauth/token";
    private const string VersionedJson = "application/vnd.atlas.2023-01-01+json";
    private const string RateLimited = "{\"detail\":\"You have exceeded the rate limit of 10 requests per minute.\",\"error\":429,\"errorCode\":\"RATE_LIMITED\",\"parameters\":[],\"reason\":\"Too Many Requests\"}";
    private const int MaxRetries = 2;

    /// <summary>A 283-byte role, as Atlas sends it; the truncation tests send its first 100 bytes.</summary>
    private static readonly string Role283 = "{\"roleId\":\"" + new string('a', 270) + "\"}";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<RawReply>> _once = new();
    private readonly ConcurrentDictionary<string, RawReply> _always = new();
    private readonly RawHttpServer _server;

    public FaultMatrixTests()
    {
        _server = new RawHttpServer(request =>
        {
            if (_once.TryGetValue(request.Path, out ConcurrentQueue<RawReply>? queue) && queue.TryDequeue(out RawReply? next))
            {
                return next;
            }

            if (_always.TryGetValue(request.Path, out RawReply? always))
            {
                return always;
            }

            return request.Path == TokenPath
                ? RawReply.Whole(200, "{\"access_token\":\"token-value-0123456789\",\"expires_in\":3600}")
                : RawReply.Whole(200, "{\"roleId\":\"r1\"}", VersionedJson);
        });
    }

    public void Dispose() => _server.Dispose();

    private void Once(string path, RawReply reply) => _once.GetOrAdd(path, _ => new ConcurrentQueue<RawReply>()).Enqueue(reply);

    private AtlasTransport Transport(bool serviceAccount = false) =>
        new(new AtlasClientOptions
        {
            BaseAddress = _server.BaseAddress,
            ServiceAccount = serviceAccount ? new AtlasServiceAccount("mdb_sa_id_1", "mdb_sa_sk_secret-value") : null,
            Retry = new AtlasRetryOptions { MaxRetries = MaxRetries, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        });

    private static AtlasRequest Request(string method) =>
        method is "POST" or "PATCH" or "PUT"
            ? new AtlasRequest(new HttpMethod(method), ApiPath.TrimStart('/'), VersionedJson).JsonBody("x", AtlasTypeInfo.String, VersionedJson)
            : new AtlasRequest(new HttpMethod(method), ApiPath.TrimStart('/'), VersionedJson);

    private static Task<JsonElement> Call(AtlasTransport transport, string method) => transport.SendAsync(Request(method), AtlasTypeInfo.JsonElement, null, default);

    // Connections closed before any answer.

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task A_connection_closed_before_any_answer_costs_one_request_per_attempt_for_an_idempotent_method(string method)
    {
        _always[ApiPath] = RawReply.CloseWithoutAnswer;
        using AtlasTransport transport = Transport();

        HttpRequestException e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => Call(transport, method));

        Assert.IsNotAssignableFrom<AtlasApiException>(e);
        Assert.Equal(1 + MaxRetries, _server.Count(ApiPath));
    }

    [Fact]
    public async Task Under_dependency_injection_a_connection_closed_before_any_answer_also_costs_one_request_per_attempt()
    {
        _always[ApiPath] = RawReply.CloseWithoutAnswer;
        var services = new ServiceCollection();
        AtlasServices.AddAtlasHttpClient(
            services,
            "FaultMatrix",
            o =>
            {
                o.BaseAddress = _server.BaseAddress;
                o.Retry = new AtlasRetryOptions { MaxRetries = MaxRetries, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
            },
            (http, options) => new TransportHolder(new AtlasTransport(http, options)));
        using ServiceProvider provider = services.BuildServiceProvider();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Call(provider.GetRequiredService<TransportHolder>().Transport, "GET"));

        Assert.Equal(1 + MaxRetries, _server.Count(ApiPath));
    }

    [Fact]
    public async Task A_GET_whose_first_connection_closes_before_any_answer_succeeds_on_the_second_request()
    {
        Once(ApiPath, RawReply.CloseWithoutAnswer);
        using AtlasTransport transport = Transport();

        JsonElement role = await Call(transport, "GET");

        Assert.Equal("r1", role.GetProperty("roleId").GetString());
        Assert.Equal(2, _server.Count(ApiPath));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task A_POST_or_PATCH_whose_connection_closes_before_any_answer_is_read_once(string method)
    {
        _always[ApiPath] = RawReply.CloseWithoutAnswer;
        using AtlasTransport transport = Transport();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Call(transport, method));

        Assert.Equal(1, _server.Count(ApiPath));
    }

    // Bodies cut short.

    [Fact]
    public async Task A_body_cut_short_of_its_Content_Length_on_GET_is_retried_then_typed_with_what_was_read()
    {
        _always[ApiPath] = RawReply.CutShort(200, Role283, contentLength: 283, sent: 100);
        using AtlasTransport transport = Transport();

        AtlasTruncatedResponseException e = await Assert.ThrowsAsync<AtlasTruncatedResponseException>(() => Call(transport, "GET"));

        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Equal(Role283.Substring(0, 100), e.RawBody);
        Assert.Equal(100, e.ReceivedBytes);
        Assert.Equal(283, e.ExpectedBytes);
        Assert.Equal("283", e.Header("Content-Length"));
        Assert.Contains("after 100 of the 283 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(1 + MaxRetries, _server.Count(ApiPath));
    }

    [Fact]
    public async Task A_chunked_body_without_its_last_chunk_on_GET_is_retried_then_typed_with_what_was_read()
    {
        _always[ApiPath] = RawReply.ChunkedCutShort(200, "{\"roleId\":\"r1\",");
        using AtlasTransport transport = Transport();

        AtlasTruncatedResponseException e = await Assert.ThrowsAsync<AtlasTruncatedResponseException>(() => Call(transport, "GET"));

        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Equal("{\"roleId\":\"r1\",", e.RawBody);
        Assert.Equal(15, e.ReceivedBytes);
        Assert.Null(e.ExpectedBytes);
        Assert.Equal(1 + MaxRetries, _server.Count(ApiPath));
    }

    [Fact]
    public async Task A_GET_whose_first_body_is_cut_short_succeeds_on_the_second_request()
    {
        Once(ApiPath, RawReply.CutShort(200, Role283, contentLength: 283, sent: 100));
        using AtlasTransport transport = Transport();

        JsonElement role = await Call(transport, "GET");

        Assert.Equal("r1", role.GetProperty("roleId").GetString());
        Assert.Equal(2, _server.Count(ApiPath));
    }

    [Theory]
    [InlineData("POST", false)]
    [InlineData("POST", true)]
    [InlineData("PATCH", false)]
    public async Task A_POST_or_PATCH_whose_body_is_cut_short_is_typed_and_read_once(string method, bool chunked)
    {
        _always[ApiPath] = chunked ? RawReply.ChunkedCutShort(200, "{\"roleId\":") : RawReply.CutShort(200, Role283, contentLength: 283, sent: 100);
        using AtlasTransport transport = Transport();

        AtlasTruncatedResponseException e = await Assert.ThrowsAsync<AtlasTruncatedResponseException>(() => Call(transport, method));

        Assert.Equal(method, e.Method);
        Assert.Equal(1, _server.Count(ApiPath));
    }

    [Theory]
    [InlineData("GET", 404, 1)]
    [InlineData("GET", 503, 1 + MaxRetries)]
    [InlineData("POST", 503, 1)]
    public async Task An_error_status_whose_body_is_cut_short_keeps_its_status_and_what_arrived_and_its_retry_rules(string method, int status, int requests)
    {
        string error = "{\"error\":" + status + ",\"errorCode\":\"SOME_ERROR\",\"detail\":\"" + new string('x', 200) + "\"}";
        _always[ApiPath] = RawReply.CutShort(status, error, contentLength: error.Length, sent: 60);
        using AtlasTransport transport = Transport();

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => Call(transport, method));

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Equal(error.Substring(0, 60), e.RawBody);
        Assert.Equal(requests, _server.Count(ApiPath));
    }

    // The token endpoint.

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_token_429_is_retried_and_the_call_is_read_once(string method)
    {
        Once(TokenPath, RawReply.Whole(429, RateLimited, "application/json", "Retry-After: 0"));
        using AtlasTransport transport = Transport(serviceAccount: true);

        await Call(transport, method);

        Assert.Equal(2, _server.Count(TokenPath));
        Assert.Equal(1, _server.Count(ApiPath));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_token_endpoint_that_keeps_refusing_gets_one_request_per_attempt_and_the_call_none(int status)
    {
        _always[TokenPath] = RawReply.Whole(status, RateLimited, "application/json", "Retry-After: 0");
        using AtlasTransport transport = Transport(serviceAccount: true);

        AtlasTokenException e = await Assert.ThrowsAsync<AtlasTokenException>(() => Call(transport, "POST"));

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Equal(1 + MaxRetries, _server.Count(TokenPath));
        Assert.Equal(0, _server.Count(ApiPath));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_token_connection_closed_before_any_answer_is_retried_and_the_call_is_read_once(string method)
    {
        Once(TokenPath, RawReply.CloseWithoutAnswer);
        using AtlasTransport transport = Transport(serviceAccount: true);

        await Call(transport, method);

        Assert.Equal(2, _server.Count(TokenPath));
        Assert.Equal(1, _server.Count(ApiPath));
    }

    [Fact]
    public async Task A_token_endpoint_that_keeps_closing_the_connection_gets_one_request_per_attempt()
    {
        _always[TokenPath] = RawReply.CloseWithoutAnswer;
        using AtlasTransport transport = Transport(serviceAccount: true);

        HttpRequestException e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => Call(transport, "POST"));

        Assert.IsNotAssignableFrom<AtlasApiException>(e);
        Assert.Contains("token endpoint", e.Message, StringComparison.Ordinal);
        Assert.Equal(1 + MaxRetries, _server.Count(TokenPath));
        Assert.Equal(0, _server.Count(ApiPath));
    }

    [Fact]
    public async Task A_token_body_cut_short_is_retried_and_the_call_is_read_once()
    {
        Once(TokenPath, RawReply.CutShort(200, "{\"access_token\":\"token-value-0123456789\",\"expires_in\":3600}", contentLength: 61, sent: 20));
        using AtlasTransport transport = Transport(serviceAccount: true);

        await Call(transport, "POST");

        Assert.Equal(2, _server.Count(TokenPath));
        Assert.Equal(1, _server.Count(ApiPath));
    }

    /// <summary>A typed client for the DI registration: just the transport over the factory's HttpClient.</summary>
    private sealed class TransportHolder(AtlasTransport transport)
    {
        public AtlasTransport Transport { get; } = transport;
    }
}
