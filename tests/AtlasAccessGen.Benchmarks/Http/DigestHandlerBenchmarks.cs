using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime.Authentication;
using BenchmarkDotNet.Attributes;

namespace AtlasAccessGen.Benchmarks.Http;

/// <summary>
/// The client's own cost of Digest, without a network or a server: one request through our Digest handler (with a
/// challenge already in hand, so it signs and sends once) against one through a handler that does nothing, both
/// over a stub that answers 200 at once. What <see cref="HttpBenchmarks"/> cannot separate from loopback noise.
/// </summary>
[MemoryDiagnoser]
public class DigestHandlerBenchmarks
{
    private const string Challenge = "Digest realm=\"MMS Public API\", domain=\"\", nonce=\"MTc2NDAwMDAwMDAwMDpBQkNERUY0NTY3ODkwQUJDREVGMDEyMzQ1Njc4OUFCQ0RFRjAxMjM0NTY3ODlBQkNERUYwMTIzNDU=\", algorithm=MD5, qop=\"auth\", stale=false";
    private static readonly Uri Role = new("http://127.0.0.1:5000/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/cloudProviderAccess/32b6e34b3d91647abb20e7b9");

    private HttpMessageInvoker _passThrough = null!;
    private HttpMessageInvoker _digest = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var defaults = new AtlasEmulatorOptions();
        _passThrough = new HttpMessageInvoker(new PassThrough { InnerHandler = new Stub(challenge: false) });
        _digest = new HttpMessageInvoker(new AtlasDigestHandler(new AtlasApiKey(defaults.PublicKey, defaults.PrivateKey), new Stub(challenge: true)));

        // The first request meets the challenge; from then on the handler signs with it.
        using HttpResponseMessage first = await _digest.SendAsync(new HttpRequestMessage(HttpMethod.Get, Role), CancellationToken.None);
        if (first.StatusCode != HttpStatusCode.OK || first.RequestMessage?.Headers.Authorization?.Scheme != "Digest")
        {
            throw new InvalidOperationException("The Digest handler did not answer the stub's challenge.");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<HttpStatusCode> NoAuthHandler()
    {
        using HttpResponseMessage response = await _passThrough.SendAsync(new HttpRequestMessage(HttpMethod.Get, Role), CancellationToken.None);
        return response.StatusCode;
    }

    [Benchmark]
    public async Task<HttpStatusCode> OurDigestHandler()
    {
        using HttpResponseMessage response = await _digest.SendAsync(new HttpRequestMessage(HttpMethod.Get, Role), CancellationToken.None);
        return response.StatusCode;
    }

    private sealed class PassThrough : DelegatingHandler;

    /// <summary>Answers 200 at once; with <paramref name="challenge"/>, a request without credentials gets a Digest challenge.</summary>
    private sealed class Stub(bool challenge) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
            if (challenge && request.Headers.Authorization is null)
            {
                response.StatusCode = HttpStatusCode.Unauthorized;
                response.Headers.TryAddWithoutValidation("WWW-Authenticate", Challenge);
            }

            return Task.FromResult(response);
        }
    }
}
