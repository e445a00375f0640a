using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Authentication;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AtlasAccessGen.Runtime.Resilience
{
    /// <summary>
    /// Retries what is safe to retry (see <see cref="AtlasRetryOptions"/>), honouring <c>Retry-After</c>, as a
    /// handler in the <see cref="HttpClient"/> pipeline. Built on Polly's retry and timeout strategies.
    /// </summary>
    public sealed class AtlasRetryHandler : DelegatingHandler
    {
        /// <summary>The attempt number (1 for the first) of a request, for the handlers below this one.</summary>
        public static readonly HttpRequestOptionsKey<int> AttemptKey = new HttpRequestOptionsKey<int>("AtlasAccessGen.Attempt");

        /// <summary>
        /// Set by <see cref="AtlasTransport"/> on requests whose whole body it reads: the body is then read inside each
        /// attempt, so one cut short is retried like a lost connection (idempotent methods only).
        /// </summary>
        internal static readonly HttpRequestOptionsKey<bool> ReadWholeBodyKey = new HttpRequestOptionsKey<bool>("AtlasAccessGen.ReadWholeBody");

        private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new ResiliencePropertyKey<HttpRequestMessage>("AtlasAccessGen.Request");

        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly TimeProvider _time;

        /// <summary>Creates the handler.</summary>
        /// <param name="options">Retry settings; defaults when null.</param>
        /// <param name="timeProvider">The clock for delays and the total timeout; the system's when null.</param>
        public AtlasRetryHandler(AtlasRetryOptions? options = null, TimeProvider? timeProvider = null)
        {
            options ??= new AtlasRetryOptions();
            options.Validate();
            _time = timeProvider ?? TimeProvider.System;
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
            builder.AddTimeout(options.TotalTimeout);
            TimeSpan maxRetryAfter = options.MaxRetryAfter;
            if (options.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.BaseDelay,
                    MaxDelay = options.MaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Context, args.Outcome, maxRetryAfter)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(
                        args.Outcome.Result is { } response ? RetryAfter(response, _time)
                        : args.Outcome.Exception is AtlasApiException refused ? RetryAfter(refused, _time)
                        : null),
                    OnRetry = args =>
                    {
                        // The refused response is not handed to anyone: release its connection now.
                        args.Outcome.Result?.Dispose();
                        return default;
                    },
                });
            }

            _pipeline = builder.Build();
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            }

            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestKey, request);
            int attempt = 0;
            try
            {
                return await _pipeline.ExecuteAsync(
                    async (ctx, state) =>
                    {
                        state.request.Options.Set(AttemptKey, Interlocked.Increment(ref attempt));
                        HttpResponseMessage response = await state.handler.SendCoreAsync(state.request, ctx.CancellationToken).ConfigureAwait(false);
                        if (state.request.Options.TryGetValue(ReadWholeBodyKey, out bool readWholeBody) && readWholeBody)
                        {
                            await ResponseBody.BufferAsync(response, ctx.CancellationToken).ConfigureAwait(false);
                        }

                        return response;
                    },
                    context,
                    (handler: this, request)).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException e)
            {
                // HttpClient's own convention for a timeout: TaskCanceledException with a TimeoutException inside.
                string message = "The call to " + request.Method + " " + request.RequestUri?.AbsolutePath + " gave up after the retry budget of " + e.Timeout + ".";
                throw new TaskCanceledException(message, new TimeoutException(message, e));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

        private bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
        {
            HttpRequestMessage request = context.Properties.GetValue(RequestKey, null!);
            if (outcome.Result is { } response)
            {
                // A server that asks for a longer wait than allowed gets its answer passed on, not a sleep.
                if (TooLong(RetryAfter(response, _time), maxRetryAfter))
                {
                    return false;
                }

                // A 429 means the server did not act, so any method may go again.
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return true;
                }

                bool transient = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout;
                return transient && IsIdempotent(request.Method);
            }

            if (context.CancellationToken.IsCancellationRequested)
            {
                return false;
            }

            // The token request failed, so the call itself was not sent (or, on a token refresh after a 401, was refused):
            // whatever its method, the attempt may be repeated under the same rules as an API answer. The token request is
            // a POST that creates nothing, safe to repeat after a 5xx or a lost connection.
            if (outcome.Exception is AtlasTokenException token)
            {
                return !TooLong(RetryAfter(token, _time), maxRetryAfter)
                    && (token.StatusCode == HttpStatusCode.TooManyRequests || (int)token.StatusCode >= 500 || token.StatusCode == HttpStatusCode.RequestTimeout);
            }

            if (outcome.Exception is TokenRequestFailedException)
            {
                return true;
            }

            // A connection that failed may have delivered the request; only an idempotent one may be repeated. An
            // AtlasApiException is an answer, not a lost connection.
            return outcome.Exception is HttpRequestException and not AtlasApiException && IsIdempotent(request.Method);
        }

        /// <summary>A wait longer than allowed, or one too long to read (<see cref="TimeSpan.MaxValue"/>), which no timer could wait for.</summary>
        private static bool TooLong(TimeSpan? retryAfter, TimeSpan maxRetryAfter) => retryAfter is { } wait && (wait > maxRetryAfter || wait == TimeSpan.MaxValue);

        private static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

        private static TimeSpan? RetryAfter(AtlasApiException refused, TimeProvider time) =>
            refused.Headers.TryGetValue("Retry-After", out IReadOnlyList<string>? values) ? RetryAfterHeader.Parse(values, time.GetUtcNow()) : null;

        /// <summary>The server's <c>Retry-After</c>, read from the raw values (see <see cref="RetryAfterHeader"/>).</summary>
        internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) =>
            response.Headers.NonValidated.TryGetValues("Retry-After", out HeaderStringValues values) ? RetryAfterHeader.Parse(values, time.GetUtcNow()) : null;
    }
}
