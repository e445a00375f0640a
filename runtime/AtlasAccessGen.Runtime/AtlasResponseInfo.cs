using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace AtlasAccessGen.Runtime
{
    /// <summary>What a successful response said beside its body: the status and headers, the rate limits among them.</summary>
    public sealed class AtlasResponseInfo
    {
        internal AtlasResponseInfo(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
        {
            StatusCode = statusCode;
            Headers = headers;
        }

        /// <summary>The HTTP status (with <c>envelope=true</c>, the enveloped one).</summary>
        public HttpStatusCode StatusCode { get; }

        /// <summary>Every response and content header, by case-insensitive name.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

        /// <summary>The request limit of the current window (<c>RateLimit-Limit</c>), when sent.</summary>
        public int? RateLimitLimit => Number("RateLimit-Limit");

        /// <summary>The requests left in the current window (<c>RateLimit-Remaining</c>), when sent.</summary>
        public int? RateLimitRemaining => Number("RateLimit-Remaining");

        private int? Number(string name) =>
            Headers.TryGetValue(name, out IReadOnlyList<string>? values) && values.Count > 0
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
    }
}
