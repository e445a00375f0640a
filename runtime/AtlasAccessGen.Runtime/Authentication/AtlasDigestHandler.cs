using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// HTTP Digest authentication (RFC 7616: MD5 and SHA-256, <c>qop=auth</c>) with an Atlas API key, as a
    /// handler in the <see cref="HttpClient"/> pipeline.
    /// </summary>
    /// <remarks>
    /// The server's nonce is reused with an incrementing nonce count, so after the first call each call is one
    /// round trip, not two. Whenever a request is refused with a fresh Digest challenge (an expired nonce,
    /// <c>stale=true</c>, or the first call) it is sent once more with that challenge; a second refusal is
    /// returned as it is, so a wrong key costs two requests and never loops. Request bodies are buffered so
    /// they can be sent again. Safe for concurrent use.
    /// </remarks>
    public sealed class AtlasDigestHandler : DelegatingHandler
    {
        private readonly AtlasApiKey _key;
        private readonly bool _reuseNonce;
        private DigestChallenge? _challenge;

        /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> or add it to an HttpClient factory pipeline.</summary>
        /// <param name="key">The API key pair.</param>
        /// <param name="reuseNonce">Reuse the last challenge for the next requests (the default); false answers every challenge afresh, two round trips per call.</param>
        public AtlasDigestHandler(AtlasApiKey key, bool reuseNonce = true)
        {
            ArgumentNullException.ThrowIfNull(key);
            _key = key;
            _reuseNonce = reuseNonce;
        }

        /// <summary>Creates the handler over an inner handler.</summary>
        public AtlasDigestHandler(AtlasApiKey key, HttpMessageHandler innerHandler, bool reuseNonce = true)
            : this(key, reuseNonce)
        {
            InnerHandler = innerHandler;
        }

        /// <summary>For tests: a fixed client nonce instead of a random one.</summary>
        internal Func<string> ClientNonce { get; set; } = DigestChallenge.NewClientNonce;

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.Content is not null)
            {
                // The challenge may ask for the request again, body included.
                await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            }

            DigestChallenge? cached = _reuseNonce ? Volatile.Read(ref _challenge) : null;
            if (cached is not null)
            {
                Authorize(request, cached);
            }

            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || DigestChallenge.Select(response.Headers.WwwAuthenticate) is not { } fresh)
            {
                return response;
            }

            Volatile.Write(ref _challenge, fresh);
            response.Dispose();
            Authorize(request, fresh);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private void Authorize(HttpRequestMessage request, DigestChallenge challenge)
        {
            string target = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString ?? "/";
            request.Headers.Authorization = new AuthenticationHeaderValue("Digest", challenge.Authorize(request.Method.Method, target, _key, ClientNonce()));
        }
    }
}
