using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Resilience
{
    /// <summary>
    /// Reads a whole response body within the attempt that received it, so a body cut short is a failure of that
    /// attempt (which the retry rules can repeat) rather than of the call after the handlers have returned.
    /// </summary>
    internal static class ResponseBody
    {
        /// <summary>
        /// Replaces the response's content with its bytes, read to the end. A success whose body ends early throws
        /// <see cref="ResponseBodyTruncatedException"/> with what arrived; an error status keeps what arrived as its body,
        /// since the status already says what happened and decides about a retry.
        /// </summary>
        public static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            HttpContent original = response.Content;
            using var buffer = new MemoryStream();
            Exception? cut = null;
            try
            {
                using Stream stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                cut = e;
            }

            if (cut is not null && response.IsSuccessStatusCode)
            {
                var truncated = new ResponseBodyTruncatedException(response.StatusCode, AtlasApiException.CopyHeaders(response), buffer.ToArray(), original.Headers.ContentLength, cut);
                response.Dispose();
                throw truncated;
            }

            var content = new ByteArrayContent(buffer.ToArray());
            foreach (KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues> header in original.Headers.NonValidated)
            {
                content.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
            }

            response.Content = content;
            original.Dispose();
        }
    }

    /// <summary>A success whose body ended before its Content-Length or last chunk; the transport makes it an <see cref="AtlasTruncatedResponseException"/>.</summary>
    internal sealed class ResponseBodyTruncatedException : HttpRequestException
    {
        public ResponseBodyTruncatedException(HttpStatusCode status, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, byte[] received, long? expectedBytes, Exception inner)
            : base(HttpRequestError.ResponseEnded, "The response body ended after " + received.Length + " bytes" + (expectedBytes is { } length ? " of " + length : string.Empty) + ".", inner, status)
        {
            Status = status;
            ResponseHeaders = headers;
            Received = received;
            ExpectedBytes = expectedBytes;
        }

        public HttpStatusCode Status { get; }

        public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; }

        public byte[] Received { get; }

        public long? ExpectedBytes { get; }
    }
}
