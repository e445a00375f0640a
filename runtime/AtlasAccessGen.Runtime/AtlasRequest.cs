using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// One request a generated client method builds: method, escaped path, query, headers, the one
    /// media type to accept and the body. <see cref="AtlasTransport"/> sends it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class AtlasRequest
    {
        private readonly StringBuilder _query = new StringBuilder();
        private readonly List<KeyValuePair<string, string>> _headers = new List<KeyValuePair<string, string>>();

        /// <summary>Starts a request.</summary>
        /// <param name="method">The HTTP method.</param>
        /// <param name="path">The path from the API root, already escaped (see <see cref="AtlasArguments.PathSegment"/>).</param>
        /// <param name="accept">The one media type to send in <c>Accept</c>, e.g. <c>application/vnd.atlas.2023-01-01+json</c>.</param>
        public AtlasRequest(HttpMethod method, string path, string accept)
        {
            Method = method;
            Path = path;
            Accept = accept;
        }

        /// <summary>The HTTP method.</summary>
        public HttpMethod Method { get; }

        /// <summary>The escaped path.</summary>
        public string Path { get; }

        /// <summary>The media type sent in <c>Accept</c>.</summary>
        public string Accept { get; }

        /// <summary>The serialized body, if any.</summary>
        public byte[]? Body { get; private set; }

        /// <summary>The body's media type, if any.</summary>
        public string? ContentType { get; private set; }

        /// <summary>Adds a query parameter; a null value is left out.</summary>
        public AtlasRequest Query(string name, string? value)
        {
            if (value is not null)
            {
                _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }

            return this;
        }

        /// <summary>Adds a boolean query parameter as <c>true</c>/<c>false</c>.</summary>
        public AtlasRequest Query(string name, bool? value) => Query(name, Format(value));

        /// <summary>Adds an integer query parameter.</summary>
        public AtlasRequest Query(string name, long? value) => Query(name, Format(value));

        /// <summary>Adds a number query parameter.</summary>
        public AtlasRequest Query(string name, double? value) => Query(name, Format(value));

        /// <summary>Adds a date-time query parameter in ISO 8601, UTC.</summary>
        public AtlasRequest Query(string name, DateTimeOffset? value) => Query(name, Format(value));

        /// <summary>Adds an array query parameter as the name repeated once per value (OpenAPI's form, explode).</summary>
        public AtlasRequest Query(string name, IEnumerable<string>? values)
        {
            if (values is not null)
            {
                foreach (string value in values)
                {
                    Query(name, value);
                }
            }

            return this;
        }

        /// <summary>Adds a request header; a null value is left out.</summary>
        /// <exception cref="ArgumentException">The value holds a character a header cannot carry (CR, LF, another control character, non-ASCII).</exception>
        public AtlasRequest Header(string name, string? value)
        {
            if (value is not null)
            {
                if (HeaderValue.Problem(value) is { } problem)
                {
                    throw new ArgumentException("The value of header '" + name + "' " + problem, nameof(value));
                }

                _headers.Add(new KeyValuePair<string, string>(name, value));
            }

            return this;
        }

        /// <summary>Adds a boolean request header as <c>true</c>/<c>false</c>.</summary>
        public AtlasRequest Header(string name, bool? value) => Header(name, Format(value));

        /// <summary>Adds an array request header as its values joined by commas (OpenAPI's simple style).</summary>
        public AtlasRequest Header(string name, IEnumerable<string>? values) => Header(name, values is null ? null : string.Join(",", values));

        /// <summary>A boolean as the API writes it: <c>true</c>/<c>false</c>.</summary>
        public static string? Format(bool? value) => value is null ? null : value.Value ? "true" : "false";

        /// <summary>An integer, culture-invariant.</summary>
        public static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);

        /// <summary>A number, culture-invariant and round-trippable.</summary>
        public static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A single-precision number, culture-invariant and round-trippable.</summary>
        public static string? Format(float? value) => value?.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A date-time in ISO 8601, UTC (<c>2024-01-02T01:04:05Z</c>).</summary>
        public static string? Format(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

        /// <summary>A UUID in its hyphenated form.</summary>
        public static string? Format(Guid? value) => value?.ToString("D");

        /// <summary>Serializes the body now (so a bad body fails before anything is sent) with the given media type.</summary>
        public AtlasRequest JsonBody<T>(T body, JsonTypeInfo<T> typeInfo, string contentType)
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);
            ContentType = contentType;
            return this;
        }

        /// <summary>The path and query, with <c>envelope</c> and <c>pretty</c> added when they are on.</summary>
        public string PathAndQuery(bool envelope, bool pretty)
        {
            var builder = new StringBuilder(Path).Append(_query);
            if (envelope)
            {
                builder.Append(builder.Length == Path.Length ? '?' : '&').Append("envelope=true");
            }

            if (pretty)
            {
                builder.Append(builder.Length == Path.Length ? '?' : '&').Append("pretty=true");
            }

            return builder.ToString();
        }

        internal HttpRequestMessage ToMessage(Uri baseAddress, string pathAndQuery)
        {
            var message = new HttpRequestMessage(Method, new Uri(baseAddress, pathAndQuery.TrimStart('/')));
            message.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Accept));
            foreach (KeyValuePair<string, string> header in _headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType!);
            }

            return message;
        }
    }
}
