using System;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;

namespace AtlasAccessGen.Runtime
{
    /// <summary>Client-wide settings of a generated Atlas client. <see cref="ToString"/> never shows a secret.</summary>
    public sealed class AtlasClientOptions
    {
        /// <summary>The public Atlas endpoint.</summary>
        public static readonly Uri DefaultBaseAddress = new Uri("https://cloud.mongodb.com/");

        /// <summary>
        /// Where requests go when the <see cref="System.Net.Http.HttpClient"/> has no
        /// <see cref="System.Net.Http.HttpClient.BaseAddress"/> of its own. Defaults to <see cref="DefaultBaseAddress"/>.
        /// Plain <c>http</c> is refused unless the host is a loopback address or <see cref="AllowInsecureHttp"/> is set.
        /// </summary>
        public Uri BaseAddress { get; set; } = DefaultBaseAddress;

        /// <summary>Send credentials over plain <c>http</c> to a host that is not loopback. Off by default.</summary>
        public bool AllowInsecureHttp { get; set; }

        /// <summary>An API key pair, for HTTP Digest. Set this or <see cref="ServiceAccount"/>, not both.</summary>
        public AtlasApiKey? ApiKey { get; set; }

        /// <summary>A Service Account, for OAuth2 bearer tokens. Set this or <see cref="ApiKey"/>, not both.</summary>
        public AtlasServiceAccount? ServiceAccount { get; set; }

        /// <summary>How long before expiry a Service Account token is replaced. Default 10 minutes.</summary>
        public TimeSpan TokenRefreshAhead { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The limit for one call, retries included (<see cref="System.Net.Http.HttpClient.Timeout"/>). Default 150 s.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(150);

        /// <summary>Retries of what is safe to retry.</summary>
        public AtlasRetryOptions Retry { get; set; } = new AtlasRetryOptions();

        /// <summary>A product token appended to the User-Agent, e.g. <c>ContosoProvisioner/2.1</c>.</summary>
        public string? UserAgentProduct { get; set; }

        /// <summary>Where request events are logged; nowhere when null.</summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>The clock for token expiry, backoff and durations; the system's when null.</summary>
        public TimeProvider? TimeProvider { get; set; }

        /// <summary>
        /// Asks Atlas to wrap every response in <c>{"status": ..., "content": ...}</c> (<c>envelope=true</c>); the client
        /// unwraps it, so results are the same either way. A call's <see cref="AtlasRequestOptions.Envelope"/> overrides it.
        /// </summary>
        public bool Envelope { get; set; }

        /// <summary>Asks Atlas to indent response bodies (<c>pretty=true</c>). A call's <see cref="AtlasRequestOptions.Pretty"/> overrides it.</summary>
        public bool Pretty { get; set; }

        /// <summary>The User-Agent sent: <c>AtlasAccessGen/{version} (.NET {runtime}; {os})</c> and <see cref="UserAgentProduct"/>.</summary>
        public string UserAgent => AtlasUserAgent.Build(UserAgentProduct);

        /// <summary>Checks the settings before anything is sent.</summary>
        /// <exception cref="ArgumentException">A setting is invalid; the message says which and why.</exception>
        public void Validate()
        {
            ArgumentNullException.ThrowIfNull(BaseAddress, nameof(BaseAddress));
            if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException("BaseAddress must be an absolute http(s) address; got '" + BaseAddress + "'.", nameof(BaseAddress));
            }

            if (BaseAddress.Scheme == Uri.UriSchemeHttp && !BaseAddress.IsLoopback && !AllowInsecureHttp)
            {
                throw new ArgumentException("BaseAddress '" + BaseAddress + "' is plain http to a host that is not loopback, which would send credentials readably. Use https, or set AllowInsecureHttp if you mean it.", nameof(BaseAddress));
            }

            if (ApiKey is not null && ServiceAccount is not null)
            {
                throw new ArgumentException("Set ApiKey or ServiceAccount, not both.", nameof(ApiKey));
            }

            if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
            }

            if (TokenRefreshAhead < TimeSpan.Zero)
            {
                throw new ArgumentException("TokenRefreshAhead must not be negative.", nameof(TokenRefreshAhead));
            }

            if (UserAgentProduct is not null && HeaderValue.Problem(UserAgentProduct) is { } userAgentProblem)
            {
                throw new ArgumentException("UserAgentProduct " + userAgentProblem, nameof(UserAgentProduct));
            }

            // The public key is the Digest user name, sent quoted inside the Authorization header.
            if (ApiKey is not null && HeaderValue.Problem(ApiKey.PublicKey) is { } publicKeyProblem)
            {
                throw new ArgumentException("ApiKey.PublicKey " + publicKeyProblem, nameof(ApiKey));
            }

            (Retry ?? throw new ArgumentException("Retry must not be null.", nameof(Retry))).Validate();
        }

        /// <inheritdoc/>
        public override string ToString() =>
            "AtlasClientOptions { BaseAddress = " + BaseAddress
            + ", Credentials = " + (ApiKey?.ToString() ?? ServiceAccount?.ToString() ?? "none")
            + ", Timeout = " + Timeout + ", MaxRetries = " + Retry?.MaxRetries + " }";
    }
}
