using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// OAuth2 client credentials for an Atlas Service Account, as a handler in the <see cref="HttpClient"/>
    /// pipeline: gets a bearer token from <c>/api/oauth/token</c>, caches it, and refreshes it ahead of expiry.
    /// </summary>
    /// <remarks>
    /// Concurrent callers share one token request (single flight). A 401 on a cached token triggers one
    /// refresh and one retry; a second 401 is returned as it is. Time comes from a <see cref="TimeProvider"/>,
    /// so tests can move it.
    /// </remarks>
    public sealed class AtlasServiceAccountHandler : DelegatingHandler
    {
        private const string TokenPath = "api/oauth/token";
        private const string RevokePath = "api/oauth/revoke";

        private readonly AtlasServiceAccount _account;
        private readonly Uri? _authority;
        private readonly TimeSpan _refreshAhead;
        private readonly TimeProvider _time;
        private readonly object _gate = new object();
        private AccessToken? _token;
        private Task<AccessToken>? _pending;
        private Uri? _lastAuthority;

        /// <summary>Creates the handler.</summary>
        /// <param name="account">The Service Account's client id and secret.</param>
        /// <param name="authority">Where the token endpoint is (<c>{authority}/api/oauth/token</c>); null uses each request's own scheme and host.</param>
        /// <param name="refreshAhead">How long before expiry a token is replaced; 10 minutes when null.</param>
        /// <param name="timeProvider">The clock; the system's when null.</param>
        public AtlasServiceAccountHandler(AtlasServiceAccount account, Uri? authority = null, TimeSpan? refreshAhead = null, TimeProvider? timeProvider = null)
        {
            ArgumentNullException.ThrowIfNull(account);
            _account = account;

            // new Uri(authority, "api/oauth/token") drops the last segment of a base without a trailing slash.
            _authority = authority is null || authority.AbsoluteUri.EndsWith('/') ? authority : new Uri(authority.AbsoluteUri + "/");
            _refreshAhead = refreshAhead ?? TimeSpan.FromMinutes(10);
            _time = timeProvider ?? TimeProvider.System;
        }

        /// <summary>Revoke the current token when the handler is disposed (best effort, at most 5 seconds).</summary>
        public bool RevokeOnDispose { get; set; }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            }

            Uri authority = Authority(request);
            (AccessToken token, bool cached) = await GetTokenAsync(authority, rejected: null, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !cached)
            {
                // A token issued for this very call that is refused is not stale: another one would be refused too.
                return response;
            }

            // The cached token was revoked or expired early: one fresh token, one retry.
            response.Dispose();
            (token, _) = await GetTokenAsync(authority, rejected: token, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Revokes the cached token at <c>/api/oauth/revoke</c> and forgets it; the next call gets a new one.</summary>
        /// <exception cref="AtlasTokenException">The endpoint refused.</exception>
        public async Task RevokeAsync(CancellationToken cancellationToken = default)
        {
            AccessToken? token;
            Uri? authority;
            lock (_gate)
            {
                token = _token;
                authority = _lastAuthority ?? _authority;
                _token = null;
            }

            if (token is null || authority is null)
            {
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authority, RevokePath))
            {
                Content = new FormUrlEncodedContent(new[]
                {
                    new KeyValuePair<string, string>("token", token.Value),
                    new KeyValuePair<string, string>("token_type_hint", "access_token"),
                }),
            };
            request.Headers.Authorization = BasicCredentials();
            using HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await TokenError(response, RevokePath, token.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (disposing && RevokeOnDispose)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    RevokeAsync(timeout.Token).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    // Best effort: the token expires on its own within the hour.
                }
            }

            base.Dispose(disposing);
        }

        private Uri Authority(HttpRequestMessage request)
        {
            Uri authority = _authority
                ?? (request.RequestUri is { IsAbsoluteUri: true } uri ? new Uri(uri.GetLeftPart(UriPartial.Authority) + "/") : throw new InvalidOperationException("The request has no absolute URI and no token authority was configured."));
            Volatile.Write(ref _lastAuthority, authority);
            return authority;
        }

        /// <summary>The cached token while it is fresh; otherwise the one token request every caller waits for.</summary>
        /// <returns>The token, and whether it came from the cache (rather than a request made for this call).</returns>
        private async Task<(AccessToken Token, bool Cached)> GetTokenAsync(Uri authority, AccessToken? rejected, CancellationToken cancellationToken)
        {
            Task<AccessToken> pending;
            lock (_gate)
            {
                if (_token is { } cached && cached != rejected && IsFresh(cached))
                {
                    return (cached, true);
                }

                if (_pending is null)
                {
                    // Not tied to this caller's token or context: one caller giving up must not fail the others, and the
                    // token request is nobody's child span. Started on the pool so its completion (which takes this
                    // lock) always follows this assignment.
                    using (ExecutionContext.SuppressFlow())
                    {
                        _pending = Task.Run(() => FetchAsync(authority));
                    }
                }

                pending = _pending;
            }

            return (await pending.WaitAsync(cancellationToken).ConfigureAwait(false), false);
        }

        private bool IsFresh(AccessToken token)
        {
            TimeSpan margin = _refreshAhead < token.Lifetime / 2 ? _refreshAhead : token.Lifetime / 2;
            return _time.GetUtcNow() < token.ExpiresAt - margin;
        }

        private async Task<AccessToken> FetchAsync(Uri authority)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
                AccessToken token = await RequestTokenAsync(authority, timeout.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _token = token;
                }

                return token;
            }
            finally
            {
                lock (_gate)
                {
                    _pending = null;
                }
            }
        }

        private async Task<AccessToken> RequestTokenAsync(Uri authority, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authority, TokenPath))
            {
                Content = new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("grant_type", "client_credentials") }),
            };
            request.Headers.Authorization = BasicCredentials();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            DateTimeOffset requestedAt = _time.GetUtcNow();
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw await TokenError(response, TokenPath, revokedToken: null, cancellationToken).ConfigureAwait(false);
                }

                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                return ReadToken(response, body, requestedAt);
            }
            catch (Exception e) when (e is System.IO.IOException || (e is HttpRequestException && e is not AtlasApiException))
            {
                // No answer, or one cut short. The call this token is for has not been sent.
                throw new TokenRequestFailedException(e);
            }
            finally
            {
                response?.Dispose();
            }
        }

        private static AccessToken ReadToken(HttpResponseMessage response, byte[] body, DateTimeOffset requestedAt)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(Runtime.Utf8Bom.Skip(body.AsMemory()));
                JsonElement root = document.RootElement;
                string? value = root.TryGetProperty("access_token", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (string.IsNullOrEmpty(value))
                {
                    throw new JsonException("the response has no access_token");
                }

                TimeSpan lifetime = root.TryGetProperty("expires_in", out JsonElement e) && e.TryGetInt64(out long seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : TimeSpan.FromHours(1);
                return new AccessToken(value, requestedAt + lifetime, lifetime);
            }
            catch (JsonException e)
            {
                // The body of a failed token read may hold a token; it is not kept.
                throw new AtlasTokenException(response.StatusCode, "POST", TokenPath, AtlasApiException.CopyHeaders(response), "(token response withheld: " + e.Message + ")", e);
            }
        }

        private AuthenticationHeaderValue BasicCredentials() => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(BasicPair())));

        /// <summary>RFC 6749 2.3.1: both parts are form-encoded before they are joined and base64-encoded.</summary>
        private string BasicPair() => Uri.EscapeDataString(_account.ClientId) + ":" + Uri.EscapeDataString(_account.ClientSecret);

        /// <summary>
        /// The endpoint's refusal, with every form of the credentials the request carried masked: OAuth servers quote the
        /// request in <c>error_description</c>, and the exception's message and body end up in logs.
        /// </summary>
        private async Task<AtlasTokenException> TokenError(HttpResponseMessage response, string path, string? revokedToken, CancellationToken cancellationToken)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string pair = BasicPair();
            var redactor = Diagnostics.SecretRedactor.For(_account.ClientSecret, pair, Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)), revokedToken, Volatile.Read(ref _token)?.Value);
            return new AtlasTokenException(response.StatusCode, "POST", path, redactor.Redact(AtlasApiException.CopyHeaders(response)), redactor.Redact(body));
        }

        /// <summary>A bearer token and when it stops working. Never printed: the record's ToString is replaced.</summary>
        private sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, TimeSpan Lifetime)
        {
            public override string ToString() => "AccessToken { Value = ***, ExpiresAt = " + ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " }";
        }
    }
}
