using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Atlas answered with an error status (or, with <c>envelope=true</c>, an enveloped error status). Keeps
    /// everything the response said: the status, the headers, the raw body and, when the body is the
    /// Atlas <c>ApiError</c> JSON, its parsed fields.
    /// </summary>
    public class AtlasApiException : HttpRequestException
    {
        /// <summary>Creates the exception from what the response carried.</summary>
        /// <param name="statusCode">The HTTP status (the enveloped one when <c>envelope=true</c>).</param>
        /// <param name="method">The request's HTTP method.</param>
        /// <param name="requestPath">The request's path and query.</param>
        /// <param name="headers">The response and content headers.</param>
        /// <param name="rawBody">The response body as text (empty when there was none).</param>
        /// <param name="error">The parsed <c>ApiError</c>, when the body is one.</param>
        /// <param name="message">The message; built from the other values when null.</param>
        /// <param name="innerException">What failed while reading the response, if anything.</param>
        public AtlasApiException(
            HttpStatusCode statusCode,
            string method,
            string requestPath,
            IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
            string rawBody,
            AtlasApiError? error,
            string? message = null,
            Exception? innerException = null)
            : base(message ?? DescribeError(statusCode, method, requestPath, error, rawBody), innerException, statusCode)
        {
            StatusCode = statusCode;
            Method = method;
            RequestPath = requestPath;
            Headers = headers;
            RawBody = rawBody;
            Error = error;
        }

        /// <summary>The HTTP status; with <c>envelope=true</c>, the status inside the envelope. Never null, unlike the base's.</summary>
        public new HttpStatusCode StatusCode { get; }

        /// <summary>The request's HTTP method.</summary>
        public string Method { get; }

        /// <summary>The request's path and query, relative to the base address (the message shows the path only).</summary>
        public string RequestPath { get; }

        /// <summary>Every response and content header, by case-insensitive name.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

        /// <summary>The response body exactly as received, as UTF-8 text.</summary>
        public string RawBody { get; }

        /// <summary>The parsed <c>ApiError</c>; null when the body is empty or not that JSON.</summary>
        public AtlasApiError? Error { get; }

        /// <summary>The Atlas error code, e.g. <c>RESOURCE_NOT_FOUND</c>, when the body carries one.</summary>
        public string? ErrorCode => Error?.ErrorCode;

        /// <summary>What went wrong, in words, when the body says.</summary>
        public string? Detail => Error?.Detail;

        /// <summary>The HTTP reason phrase the body gives.</summary>
        public string? Reason => Error?.Reason;

        /// <summary>The values the error message refers to (<c>parameters</c>), as raw JSON; empty when none were sent.</summary>
        public IReadOnlyList<System.Text.Json.JsonElement> Parameters => Error?.Parameters ?? Array.Empty<System.Text.Json.JsonElement>();

        /// <summary>The invalid fields of the request body (<c>badRequestDetail.fields</c>); empty when none were sent.</summary>
        public IReadOnlyList<AtlasBadRequestField> BadRequestFields => Error?.BadRequestFields ?? Array.Empty<AtlasBadRequestField>();

        /// <summary>The request limit of the current window (<c>RateLimit-Limit</c>), when sent.</summary>
        public int? RateLimitLimit => int.TryParse(Header("RateLimit-Limit"), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;

        /// <summary>The requests left in the current window (<c>RateLimit-Remaining</c>), when sent.</summary>
        public int? RateLimitRemaining => int.TryParse(Header("RateLimit-Remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;

        /// <summary>Whether the body's <c>errorCode</c> is <paramref name="errorCode"/> (ordinal, as Atlas writes them).</summary>
        public bool IsErrorCode(string errorCode) => string.Equals(ErrorCode, errorCode, StringComparison.Ordinal);

        /// <summary>The parsed <c>ApiError</c>, when the body was one.</summary>
        public bool TryGetApiError([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AtlasApiError? error)
        {
            error = Error;
            return error is not null;
        }

        /// <summary>
        /// How long the server asked to wait (<c>Retry-After</c>, seconds or an HTTP date), if it did; a number of seconds
        /// too large to read is <see cref="TimeSpan.MaxValue"/>.
        /// </summary>
        public TimeSpan? RetryAfter =>
            Headers.TryGetValue("Retry-After", out IReadOnlyList<string>? values) ? Resilience.RetryAfterHeader.Parse(values, DateTimeOffset.UtcNow) : null;

        /// <summary>The first value of a response header, or null.</summary>
        public string? Header(string name) => Headers.TryGetValue(name, out IReadOnlyList<string>? values) && values.Count > 0 ? values[0] : null;

        /// <summary>Messages end up in logs, and a query parameter may carry a token: messages name the path only.</summary>
        internal static string WithoutQuery(string requestPath)
        {
            int query = requestPath.IndexOf('?', StringComparison.Ordinal);
            return query < 0 ? requestPath : requestPath.Substring(0, query);
        }

        /// <summary>The path as a message shows it: from its leading <c>/</c>, as the API reference writes it, without the query.</summary>
        internal static string DisplayPath(string requestPath) => "/" + WithoutQuery(requestPath).TrimStart('/');

        /// <summary>Ends <paramref name="text"/> with one period, whether or not the server's detail brought its own.</summary>
        internal static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

        internal static IReadOnlyDictionary<string, IReadOnlyList<string>> CopyHeaders(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
            {
                headers[header.Key] = header.Value.ToArray();
            }

            return headers;
        }

        private static string DescribeError(HttpStatusCode statusCode, string method, string requestPath, AtlasApiError? error, string rawBody)
        {
            string what = error is null
                ? (rawBody.Length == 0 ? "an empty body" : "a body that is not an Atlas ApiError")
                : (error.ErrorCode ?? "no errorCode") + (error.Detail is null ? string.Empty : ": " + error.Detail);
            return Sentence("Atlas answered " + (int)statusCode + " (" + statusCode + ") to " + method + " " + DisplayPath(requestPath) + " with " + what);
        }
    }

    /// <summary>
    /// Atlas answered with a success status, but the body is not the JSON the operation promises (not JSON
    /// at all, the wrong shape, or missing a required property). The raw body is kept.
    /// </summary>
    public sealed class AtlasResponseFormatException : AtlasApiException
    {
        /// <summary>Creates the exception; <paramref name="problem"/> says what is wrong with the body.</summary>
        public AtlasResponseFormatException(
            HttpStatusCode statusCode,
            string method,
            string requestPath,
            IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
            string rawBody,
            string expectedType,
            string problem,
            Exception? innerException = null)
            : base(statusCode, method, requestPath, headers, rawBody, error: null,
                Sentence("Atlas answered " + (int)statusCode + " to " + method + " " + DisplayPath(requestPath) + " with a body that cannot be read as " + expectedType + ": " + problem),
                innerException)
        {
            ExpectedType = expectedType;
        }

        /// <summary>The type the body should have held.</summary>
        public string ExpectedType { get; }

        /// <summary>Where in the JSON reading failed, e.g. <c>$.featureUsages[1].featureType</c>; null when the body is not the problem's place (a wrong Content-Type, say).</summary>
        public string? JsonPath { get; internal init; }
    }
}
