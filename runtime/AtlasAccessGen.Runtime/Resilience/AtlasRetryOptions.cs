using System;

namespace AtlasAccessGen.Runtime.Resilience
{
    /// <summary>When and how often a failed request is sent again.</summary>
    /// <remarks>
    /// A 429 is retried for every method: Atlas did not act on the request. A 5xx, 408, a failed connection or a
    /// success body cut short is retried only for idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS): a POST or
    /// PATCH may have taken effect (created a role), so it is never sent twice. A Service Account's token request
    /// that fails with a 429, 5xx, 408 or no answer is retried whatever the call's method: the call was not sent.
    /// An attempt is one request to the API (and at most one token request): the primary handler does not resend.
    /// </remarks>
    public sealed class AtlasRetryOptions
    {
        /// <summary>Retries after the first attempt; 0 turns retries off. Default 3.</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first backoff delay, doubled per retry with jitter, when the server gives no <c>Retry-After</c>. Default 1 s.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest backoff delay. Default 30 s.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>A <c>Retry-After</c> longer than this is not waited for: the 429 goes back to the caller. Default 60 s.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>All attempts and waits of one call together. Default 2 minutes.</summary>
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

        internal void Validate()
        {
            if (MaxRetries < 0 || BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || MaxRetryAfter < TimeSpan.Zero || TotalTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentException("AtlasRetryOptions: MaxRetries must be 0 or more, delays not negative with MaxDelay at least BaseDelay, and TotalTimeout positive.");
            }
        }
    }
}
