using System;
using System.Collections.Generic;
using System.Net;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Atlas answered with a success status, but the connection ended before the body did: fewer bytes than its
    /// <c>Content-Length</c>, or a chunked body without its last chunk. Keeps the status, the headers and what was read.
    /// A GET, HEAD, PUT, DELETE or OPTIONS that ends like this is sent again; this exception comes when the retries
    /// are spent, or at once for a POST or PATCH, which may have taken effect.
    /// </summary>
    public sealed class AtlasTruncatedResponseException : AtlasApiException
    {
        /// <summary>Creates the exception from what the response carried before it broke off.</summary>
        /// <param name="statusCode">The HTTP status.</param>
        /// <param name="method">The request's HTTP method.</param>
        /// <param name="requestPath">The request's path and query.</param>
        /// <param name="headers">The response and content headers.</param>
        /// <param name="rawBody">The part of the body that arrived, as UTF-8 text.</param>
        /// <param name="receivedBytes">How many bytes of the body arrived.</param>
        /// <param name="expectedBytes">The <c>Content-Length</c>, when the body had one (a chunked body has none).</param>
        /// <param name="innerException">The error the connection ended with.</param>
        public AtlasTruncatedResponseException(
            HttpStatusCode statusCode,
            string method,
            string requestPath,
            IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
            string rawBody,
            long receivedBytes,
            long? expectedBytes,
            Exception? innerException = null)
            : base(statusCode, method, requestPath, headers, rawBody, error: null, Describe(statusCode, method, requestPath, receivedBytes, expectedBytes), innerException)
        {
            ReceivedBytes = receivedBytes;
            ExpectedBytes = expectedBytes;
        }

        /// <summary>How many bytes of the body arrived before the connection ended.</summary>
        public long ReceivedBytes { get; }

        /// <summary>The length the response announced (<c>Content-Length</c>); null for a chunked body.</summary>
        public long? ExpectedBytes { get; }

        private static string Describe(HttpStatusCode status, string method, string requestPath, long received, long? expected) =>
            "Atlas answered " + (int)status + " (" + status + ") to " + method + " " + DisplayPath(requestPath) + ", but the connection ended after "
            + received + (expected is { } length ? " of the " + length + " bytes of the body." : " bytes of a chunked body, before its last chunk.");
    }
}
