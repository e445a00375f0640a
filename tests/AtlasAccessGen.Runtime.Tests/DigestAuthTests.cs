using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Authentication;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>The Digest handler against a real Digest implementation: Apache httpd's mod_auth_digest.</summary>
public sealed class DigestAuthTests : IClassFixture<ApacheDigestServer>
{
    private readonly ApacheDigestServer _apache;

    public DigestAuthTests(ApacheDigestServer apache) => _apache = apache;

    private static AtlasApiKey Key => new(ApacheDigestServer.PublicKey, ApacheDigestServer.PrivateKey);

    private (HttpClient Client, CountingHandler Wire) CreateClient(AtlasApiKey? key = null, bool reuseNonce = true)
    {
        var wire = new CountingHandler(new SocketsHttpHandler());
        var client = new HttpClient(new AtlasDigestHandler(key ?? Key, wire, reuseNonce)) { BaseAddress = _apache.BaseAddress };
        return (client, wire);
    }

    [Theory]
    [InlineData("GET", null)]
    [InlineData("POST", "{\"providerName\":\"AWS\"}")]
    [InlineData("PATCH", "{\"providerName\":\"AWS\",\"iamAssumedRoleArn\":\"arn:aws:iam::123456789012:role/x\"}")]
    [InlineData("DELETE", null)]
    public async Task Every_verb_authenticates_and_its_body_survives_the_challenge(string method, string? body)
    {
        (HttpClient client, _) = CreateClient();
        using HttpClient owned = client;
        string path = "api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/cloudProviderAccess?verb=" + method;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/vnd.atlas.2023-01-01+json");
        }

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_apache.Backend.Requests, r => r.RawUrl.EndsWith("verb=" + method, StringComparison.Ordinal));
        Assert.Equal(method, received.Method);
        Assert.Equal(body ?? string.Empty, received.Body);
    }

    [Fact]
    public async Task Reusing_the_nonce_costs_one_round_trip_per_call_after_the_first()
    {
        (HttpClient reusing, CountingHandler reusingWire) = CreateClient();
        (HttpClient fresh, CountingHandler freshWire) = CreateClient(reuseNonce: false);
        using var a = reusing;
        using var b = fresh;

        for (int i = 0; i < 10; i++)
        {
            using HttpResponseMessage r1 = await reusing.GetAsync("reuse/" + i);
            using HttpResponseMessage r2 = await fresh.GetAsync("fresh/" + i);
            Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
            Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        }

        // 10 calls: one challenge, then one request each, against two requests for every call.
        Assert.Equal(11, reusingWire.Requests.Count);
        Assert.Equal(20, freshWire.Requests.Count);
        Assert.Equal(1, reusingWire.Responses.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task An_expired_nonce_is_renewed_from_the_stale_challenge_with_one_retry()
    {
        (HttpClient client, CountingHandler wire) = CreateClient();
        using HttpClient owned = client;
        using (HttpResponseMessage first = await client.GetAsync("short/first"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // A real wait, the one left in these tests: the clock is Apache's (AuthDigestNonceLifetime 1 on /short/), and a
        // real httpd takes no fake time. It cannot flake: it is a lower bound only, and a slower machine only makes the
        // nonce older, so the refusal below is certain. (What the machine's speed still touches is the retry: the fresh
        // nonce must come back within its one second, one loopback round trip after the challenge.)
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using HttpResponseMessage second = await client.GetAsync("short/second");

        // The challenge and the call, then the refused call (stale=true, exactly once) and the call again.
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK },
            wire.Responses.ToArray());
        Assert.Equal(1, wire.StaleChallenges);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_after_two_requests_and_no_loop()
    {
        (HttpClient client, CountingHandler wire) = CreateClient(new AtlasApiKey(ApacheDigestServer.PublicKey, "wrong-private-key"));
        using HttpClient owned = client;
        var transport = new AtlasTransport(client);

        var error = await Assert.ThrowsAsync<AtlasApiException>(() => transport.SendAsync(new AtlasRequest(HttpMethod.Get, "wrong-key", "application/vnd.atlas.2023-01-01+json"), null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(2, wire.Requests.Count);
        Assert.DoesNotContain(_apache.Backend.Requests, r => r.RawUrl.Contains("wrong-key", StringComparison.Ordinal));
        Assert.DoesNotContain("wrong-private-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_nonce_safely()
    {
        (HttpClient client, CountingHandler wire) = CreateClient();
        using HttpClient owned = client;
        using (await client.GetAsync("warm-up"))
        {
        }

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetAsync("parallel/" + i)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(42, wire.Requests.Count);
    }

    /// <summary>Counts what reaches the network below the Digest handler.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        public CountingHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        public ConcurrentQueue<string> Requests { get; } = new();

        public ConcurrentQueue<HttpStatusCode> Responses { get; } = new();

        public int StaleChallenges;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request.Method + " " + request.RequestUri);
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            Responses.Enqueue(response.StatusCode);
            if (response.Headers.WwwAuthenticate.Any(c => c.Parameter?.Contains("stale=true", StringComparison.OrdinalIgnoreCase) == true))
            {
                Interlocked.Increment(ref StaleChallenges);
            }

            return response;
        }
    }
}
