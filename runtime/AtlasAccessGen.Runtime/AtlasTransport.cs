using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Diagnostics;
using AtlasAccessGen.Runtime.Resilience;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Sends the requests of generated clients and turns responses into results or exceptions: every
    /// non-2xx status becomes an <see cref="AtlasApiException"/>, a 2xx body that cannot be read (not JSON by its
    /// Content-Type, or not the expected shape) an <see cref="AtlasResponseFormatException"/>, a 2xx body cut short an
    /// <see cref="AtlasTruncatedResponseException"/>, and <c>envelope=true</c> responses are unwrapped. No exception's
    /// text holds the credentials the request carried, even when the server echoes them.
    /// </summary>
    public sealed class AtlasTransport : IDisposable
    {
        private readonly bool _addUserAgent;
        private readonly bool _ownsHttpClient;

        /// <summary>Creates a transport over an <see cref="System.Net.Http.HttpClient"/>, whose handlers do authentication and resilience.</summary>
        /// <param name="httpClient">The client; its <see cref="HttpClient.BaseAddress"/>, when set, wins over <see cref="AtlasClientOptions.BaseAddress"/>.</param>
        /// <param name="options">Client-wide settings; defaults when null.</param>
        public AtlasTransport(HttpClient httpClient, AtlasClientOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(httpClient);
            HttpClient = httpClient;
            Options = options ?? new AtlasClientOptions();

            // Read once: the default headers parse lazily and are not safe to read while other threads send.
            _addUserAgent = httpClient.DefaultRequestHeaders.UserAgent.Count == 0;
        }

        /// <summary>
        /// Creates a transport with its own <see cref="System.Net.Http.HttpClient"/> and handler pipeline (authentication,
        /// retries, logging) built from <paramref name="options"/>; <see cref="Dispose"/> releases it.
        /// </summary>
        /// <exception cref="ArgumentException">The options are invalid.</exception>
        public AtlasTransport(AtlasClientOptions options)
            : this(AtlasHttp.CreateHttpClient(options ?? throw new ArgumentNullException(nameof(options))), options)
        {
            _ownsHttpClient = true;
        }

        /// <summary>The HTTP client requests go through.</summary>
        public HttpClient HttpClient { get; }

        /// <summary>The client-wide settings.</summary>
        public AtlasClientOptions Options { get; }

        /// <summary>Sends a request and reads a JSON result of type <typeparamref name="T"/>.</summary>
        /// <exception cref="AtlasApiException">Atlas answered with an error status.</exception>
        /// <exception cref="AtlasResponseFormatException">The success body is not a <typeparamref name="T"/>.</exception>
        public async Task<T> SendAsync<T>(AtlasRequest request, JsonTypeInfo<T> resultType, AtlasRequestOptions? options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(resultType);
            (HttpStatusCode status, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, byte[] body, ReadOnlyMemory<byte> payload, SecretRedactor redactor) =
                await SendAndCheckAsync(request, options, readsJson: true, cancellationToken).ConfigureAwait(false);
            if (payload.IsEmpty)
            {
                throw new AtlasResponseFormatException(status, request.Method.Method, path, redactor.Redact(headers), redactor.Redact(Decode(body)), TypeName(typeof(T)), body.Length == 0 ? "the body is empty" : "the enveloped content is empty");
            }

            return Read(request, resultType, status, path, headers, body, payload, redactor)
                ?? throw new AtlasResponseFormatException(status, request.Method.Method, path, redactor.Redact(headers), redactor.Redact(Decode(body)), TypeName(typeof(T)), "the body is null");
        }

        private static T? Read<T>(AtlasRequest request, JsonTypeInfo<T> resultType, HttpStatusCode status, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, byte[] body, ReadOnlyMemory<byte> payload, SecretRedactor redactor)
        {
            try
            {
                return JsonSerializer.Deserialize(payload.Span, resultType);
            }
            catch (JsonException e)
            {
                (string? jsonPath, string? property, string detail) = JsonFailure.Locate(e, payload.Span);
                throw new AtlasResponseFormatException(status, request.Method.Method, path, redactor.Redact(headers), redactor.Redact(Decode(body)), TypeName(typeof(T)), JsonFailure.Describe(jsonPath, property, detail), e)
                {
                    JsonPath = jsonPath,
                };
            }
        }

        /// <summary><c>IList`1</c> reads badly in a message: <c>IList&lt;CloudProviderAccessRole&gt;</c>.</summary>
        private static string TypeName(Type type) =>
            type.IsGenericType ? type.Name.Substring(0, type.Name.IndexOf('`')) + "<" + string.Join(", ", Array.ConvertAll(type.GetGenericArguments(), TypeName)) + ">" : type.Name;

        /// <summary>
        /// Sends a request whose operation answers either a <typeparamref name="T"/> or nothing (200 beside 204):
        /// an empty success body gives <c>default</c>.
        /// </summary>
        /// <exception cref="AtlasApiException">Atlas answered with an error status.</exception>
        /// <exception cref="AtlasResponseFormatException">A non-empty success body is not a <typeparamref name="T"/>.</exception>
        public async Task<T?> SendOrDefaultAsync<T>(AtlasRequest request, JsonTypeInfo<T> resultType, AtlasRequestOptions? options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(resultType);
            (HttpStatusCode status, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, byte[] body, ReadOnlyMemory<byte> payload, SecretRedactor redactor) =
                await SendAndCheckAsync(request, options, readsJson: true, cancellationToken).ConfigureAwait(false);
            return payload.IsEmpty ? default : Read(request, resultType, status, path, headers, body, payload, redactor);
        }

        /// <summary>Sends a request whose success response has no body to read (204, or a body the operation does not describe).</summary>
        /// <exception cref="AtlasApiException">Atlas answered with an error status.</exception>
        public async Task SendAsync(AtlasRequest request, AtlasRequestOptions? options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            await SendAndCheckAsync(request, options, readsJson: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Sends a request for a binary or text download (<c>+gzip</c>, <c>+csv</c>) and returns the body as a
        /// stream that reads from the network; disposing it releases the connection. Envelope and pretty do not apply.
        /// </summary>
        /// <exception cref="AtlasApiException">Atlas answered with an error status.</exception>
        public async Task<Stream> SendForStreamAsync(AtlasRequest request, AtlasRequestOptions? options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            string path = request.PathAndQuery(envelope: false, pretty: false);
            (HttpResponseMessage response, SecretRedactor redactor) = await SendRawAsync(request, path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    throw Error(response.StatusCode, request, path, AtlasApiException.CopyHeaders(response), body, redactor);
                }

                Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return new ResponseStream(stream, response);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        private async Task<(HttpStatusCode Status, string Path, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, byte[] Body, ReadOnlyMemory<byte> Payload, SecretRedactor Redactor)> SendAndCheckAsync(
            AtlasRequest request,
            AtlasRequestOptions? options,
            bool readsJson,
            CancellationToken cancellationToken)
        {
            bool envelope = options?.Envelope ?? Options.Envelope;
            string path = request.PathAndQuery(envelope, options?.Pretty ?? Options.Pretty);
            // The whole body is read within HttpClient.Timeout, so a stalled body cannot hang the call.
            (HttpResponseMessage sent, SecretRedactor redactor) = await SendRawAsync(request, path, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            using HttpResponseMessage response = sent;
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyDictionary<string, IReadOnlyList<string>> headers = AtlasApiException.CopyHeaders(response);
            if (!response.IsSuccessStatusCode)
            {
                throw Error(response.StatusCode, request, path, headers, body, redactor);
            }

            ReadOnlyMemory<byte> json = Utf8Bom.Skip(body.AsMemory());
            if ((readsJson || envelope) && !json.IsEmpty && NotJsonContentType(response) is { } contentType)
            {
                string text = redactor.Redact(Decode(body));
                throw new AtlasResponseFormatException(response.StatusCode, request.Method.Method, path, redactor.Redact(headers), text, "JSON", "its Content-Type is " + contentType + ", not JSON; the body begins \"" + Excerpt(text) + "\"");
            }

            if (!envelope || json.IsEmpty)
            {
                SetResponse(options, response.StatusCode, headers);
                return (response.StatusCode, path, headers, body, json, redactor);
            }

            // {"status": 404, "content": {ApiError}}; list endpoints add "status" to the list body itself.
            JsonElement root;
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                (string? jsonPath, string? property, string detail) = JsonFailure.Locate(e, json.Span);
                throw new AtlasResponseFormatException(response.StatusCode, request.Method.Method, path, redactor.Redact(headers), redactor.Redact(Decode(body)), "an Atlas envelope", JsonFailure.Describe(jsonPath, property, detail), e)
                {
                    JsonPath = jsonPath,
                };
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AtlasResponseFormatException(response.StatusCode, request.Method.Method, path, redactor.Redact(headers), redactor.Redact(Decode(body)), "an Atlas envelope", "the body is not a JSON object");
            }

            JsonElement content = root.TryGetProperty("content", out JsonElement c) ? c : root;
            HttpStatusCode status = root.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out int code)
                ? (HttpStatusCode)code
                : response.StatusCode;
            if ((int)status < 200 || (int)status > 299)
            {
                string text = redactor.Redact(Decode(body));
                string error = redactor.Redact(content.GetRawText());
                throw new AtlasApiException(status, request.Method.Method, path, redactor.Redact(headers), text, AtlasApiError.TryParse(Encoding.UTF8.GetBytes(error)));
            }

            byte[] payload = content.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? Array.Empty<byte>() : JsonSerializer.SerializeToUtf8Bytes(content, AtlasTypeInfo.JsonElement);
            SetResponse(options, status, headers);
            return (status, path, headers, body, payload, redactor);
        }

        /// <summary>
        /// The Content-Type of a success body that is neither JSON nor a JSON-based type (Atlas's versioned
        /// <c>application/vnd.atlas.*+json</c>), or null when it is one of them. A proxy's HTML page must not be parsed
        /// as the result; a missing Content-Type says nothing against JSON, so the body is read.
        /// </summary>
        private static string? NotJsonContentType(HttpResponseMessage response)
        {
            if (!response.Content.Headers.NonValidated.TryGetValues("Content-Type", out System.Net.Http.Headers.HeaderStringValues values))
            {
                return null;
            }

            string contentType = values.ToString();
            int parameters = contentType.IndexOf(';', StringComparison.Ordinal);
            string mediaType = (parameters < 0 ? contentType : contentType.Substring(0, parameters)).Trim();
            bool json = mediaType.Equals(AtlasMediaTypes.Json, StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
            return json ? null : contentType;
        }

        /// <summary>The start of a body for a message, on one line.</summary>
        private static string Excerpt(string text)
        {
            const int Length = 120;
            var excerpt = new StringBuilder(text.Length > Length ? text.Substring(0, Length) : text);
            for (int i = 0; i < excerpt.Length; i++)
            {
                if (char.IsControl(excerpt[i]))
                {
                    excerpt[i] = ' ';
                }
            }

            return text.Length > Length ? excerpt.Append("...").ToString() : excerpt.ToString();
        }

        private static void SetResponse(AtlasRequestOptions? options, HttpStatusCode status, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
        {
            if (options is not null)
            {
                options.Response = new AtlasResponseInfo(status, headers);
            }
        }

        /// <summary>Sends the request; the redactor knows the credentials it carried, for any exception made from the answer.</summary>
        private async Task<(HttpResponseMessage Response, SecretRedactor Redactor)> SendRawAsync(AtlasRequest request, string pathAndQuery, HttpCompletionOption completion, CancellationToken cancellationToken)
        {
            using HttpRequestMessage message = request.ToMessage(BaseAddress(), pathAndQuery);
            if (_addUserAgent)
            {
                message.Headers.TryAddWithoutValidation("User-Agent", Options.UserAgent);
            }

            if (completion == HttpCompletionOption.ResponseContentRead)
            {
                message.Options.Set(AtlasRetryHandler.ReadWholeBodyKey, true);
            }

            try
            {
                HttpResponseMessage response = await HttpClient.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
                return (response, Redactor(message));
            }
            catch (ResponseBodyTruncatedException e)
            {
                SecretRedactor redactor = Redactor(message);
                throw new AtlasTruncatedResponseException(e.Status, request.Method.Method, pathAndQuery, redactor.Redact(e.ResponseHeaders), redactor.Redact(Decode(e.Received)), e.Received.Length, e.ExpectedBytes, e.InnerException);
            }
        }

        /// <summary>The credentials a sent message carried; the authentication handler set its header, which a server can echo back.</summary>
        private SecretRedactor Redactor(HttpRequestMessage sent)
        {
            string? credential = sent.Headers.Authorization is { Scheme: "Bearer" or "Basic", Parameter: { } parameter } ? parameter : null;
            return SecretRedactor.For(Options.ApiKey?.PrivateKey, Options.ServiceAccount?.ClientSecret, credential);
        }

        /// <summary>Disposes the HTTP client when this transport created it; a client passed in stays the caller's.</summary>
        public void Dispose()
        {
            if (_ownsHttpClient)
            {
                HttpClient.Dispose();
            }
        }

        private Uri BaseAddress()
        {
            Uri address = HttpClient.BaseAddress ?? Options.BaseAddress;
            return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        }

        private static AtlasApiException Error(HttpStatusCode status, AtlasRequest request, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, byte[] body, SecretRedactor redactor)
        {
            string text = redactor.Redact(Decode(body));
            return new AtlasApiException(status, request.Method.Method, path, redactor.Redact(headers), text, AtlasApiError.TryParse(Encoding.UTF8.GetBytes(text)));
        }

        private static string Decode(byte[] body) => Encoding.UTF8.GetString(body);

        /// <summary>A response body stream that owns its response, so disposing the stream frees the connection.</summary>
        private sealed class ResponseStream : Stream
        {
            private readonly Stream _inner;
            private readonly HttpResponseMessage _response;

            public ResponseStream(Stream inner, HttpResponseMessage response)
            {
                _inner = inner;
                _response = response;
            }

            public override bool CanRead => _inner.CanRead;

            public override bool CanSeek => _inner.CanSeek;

            public override bool CanWrite => false;

            public override long Length => _inner.Length;

            public override long Position
            {
                get => _inner.Position;
                set => _inner.Position = value;
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

            public override int Read(Span<byte> buffer) => _inner.Read(buffer);

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

            public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _inner.Dispose();
                    _response.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
