namespace AtlasAccessGen.Runtime
{
    /// <summary>Per-call settings; a property left null takes the client-wide value from <see cref="AtlasClientOptions"/>.</summary>
    public sealed class AtlasRequestOptions
    {
        /// <summary>True sends <c>envelope=true</c> for this call (the response is unwrapped); false leaves it out, the server's default.</summary>
        public bool? Envelope { get; set; }

        /// <summary>True sends <c>pretty=true</c> for this call; false leaves it out, the server's default.</summary>
        public bool? Pretty { get; set; }

        /// <summary>
        /// Set when the call succeeds: the status and headers, e.g. <c>RateLimitRemaining</c>. (A failed call carries the
        /// same on its <see cref="AtlasApiException"/>.) Use one options object per call to read it.
        /// </summary>
        public AtlasResponseInfo? Response { get; set; }
    }
}
