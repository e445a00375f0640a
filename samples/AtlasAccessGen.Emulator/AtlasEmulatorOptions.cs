using System;

namespace AtlasAccessGen.Emulator;

/// <summary>The emulator's credentials, clocks and delays. The defaults are what the demo uses.</summary>
public sealed class AtlasEmulatorOptions
{
    /// <summary>The API key pair Digest accepts.</summary>
    public string PublicKey { get; set; } = "emulator-public-key";

    /// <summary>The private key of <see cref="PublicKey"/>.</summary>
    public string PrivateKey { get; set; } = "emulator-private-key";

    /// <summary>The Service Account the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "mdb_sa_id_emulator";

    /// <summary>The secret of <see cref="ClientId"/>.</summary>
    public string ClientSecret { get; set; } = "mdb_sa_sk_emulator";

    /// <summary>How long a Digest nonce is good for before the server answers <c>stale=true</c>.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a bearer token lives (Atlas: 3600 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a new GCP service account stays <c>IN_PROGRESS</c>.</summary>
    public TimeSpan GcpProvisioningDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The port on 127.0.0.1; 0 takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serves requests that carry no credentials instead of challenging them (credentials that are sent are still
    /// checked). Off by default, as in Atlas; the HTTP benchmarks turn it on to measure the no-auth floor.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// How many projects <c>GET /api/atlas/v2/groups</c> (listGroups) pages through: <c>project-00001</c> and on, in one
    /// organization. None by default.
    /// </summary>
    public int SeededProjects { get; set; }

    /// <summary>The clock for nonces, tokens and provisioning.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>A failure the next matching request meets, for testing how clients cope.</summary>
public abstract record EmulatorFault
{
    /// <summary>Only requests with this method (any when null).</summary>
    public string? Method { get; init; }

    /// <summary>
    /// Only requests for this page: their <c>pageNum</c> query parameter has this value (any request when null). A
    /// paging test arms it before it starts walking, so exactly that page request fails.
    /// </summary>
    public int? PageNum { get; init; }

    internal bool Matches(Microsoft.AspNetCore.Http.HttpRequest request) =>
        (Method is null || string.Equals(Method, request.Method, StringComparison.OrdinalIgnoreCase))
        && (PageNum is null || request.Query["pageNum"].ToString() == PageNum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>429 with <c>Retry-After</c>; the request is not processed.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds) : EmulatorFault;

    /// <summary>An error status such as 500 or 503; the request is not processed.</summary>
    public sealed record ServerError(int StatusCode) : EmulatorFault;

    /// <summary>The request is processed after a delay.</summary>
    public sealed record Latency(TimeSpan Delay) : EmulatorFault;

    /// <summary>The request is processed, then the connection is dropped before any response.</summary>
    public sealed record DroppedConnection : EmulatorFault;

    /// <summary>The request is processed and the response body is cut in half.</summary>
    public sealed record TruncatedBody : EmulatorFault;
}
