using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Diagnostics;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Builds the handler pipeline for use without dependency injection: retries outermost, then logging (one
    /// event per attempt), then authentication (Digest or Service Account), then the network.
    /// </summary>
    public static class AtlasHttp
    {
        /// <summary>The pipeline for <paramref name="options"/>, over <paramref name="primaryHandler"/> (a new <see cref="SocketsHttpHandler"/> when null).</summary>
        /// <exception cref="ArgumentException">The options are invalid.</exception>
        public static HttpMessageHandler CreateHandler(AtlasClientOptions options, HttpMessageHandler? primaryHandler = null)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            HttpMessageHandler handler = primaryHandler ?? CreatePrimaryHandler();
            if (CreateAuthenticationHandler(options) is { } authentication)
            {
                authentication.InnerHandler = handler;
                handler = authentication;
            }

            ILogger? logger = options.LoggerFactory?.CreateLogger("AtlasAccessGen.Http");
            handler = new AtlasLoggingHandler(logger, options.TimeProvider) { InnerHandler = handler };
            return new AtlasRetryHandler(options.Retry, options.TimeProvider) { InnerHandler = handler };
        }

        /// <summary>
        /// The network handler the pipeline uses unless given another: a <see cref="SocketsHttpHandler"/> that renews its
        /// connections every 5 minutes (so DNS changes are seen) and never sends a request again by itself. Its own resend
        /// of a bodiless request on a connection closed before any answer would multiply the retry handler's attempts; here a
        /// connection closed before the answer is a failure of that attempt, which the retry rules alone may repeat.
        /// Pass it (or configure yours the same way) when you build a pipeline over your own primary handler.
        /// </summary>
        public static SocketsHttpHandler CreatePrimaryHandler() =>
            new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PlaintextStreamFilter = (context, _) => new ValueTask<Stream>(new EarlyCloseStream(context.PlaintextStream)),
            };

        /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>, with the options' base address and timeout.</summary>
        public static HttpClient CreateHttpClient(AtlasClientOptions options, HttpMessageHandler? primaryHandler = null) =>
            new HttpClient(CreateHandler(options, primaryHandler), disposeHandler: true)
            {
                BaseAddress = options.BaseAddress,
                Timeout = options.Timeout,
            };

        /// <summary>The authentication handler the options ask for, without an inner handler; null without credentials.</summary>
        public static DelegatingHandler? CreateAuthenticationHandler(AtlasClientOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (options.ApiKey is { } key)
            {
                return new AtlasDigestHandler(key);
            }

            if (options.ServiceAccount is { } account)
            {
                return new AtlasServiceAccountHandler(account, options.BaseAddress, options.TokenRefreshAhead, options.TimeProvider);
            }

            return null;
        }
    }
}
