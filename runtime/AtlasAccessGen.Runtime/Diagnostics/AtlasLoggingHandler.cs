using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtlasAccessGen.Runtime.Diagnostics
{
    /// <summary>
    /// Logs every attempt (method, path, status, duration, attempt number) and traces it as an
    /// <see cref="Activity"/> of <see cref="ActivitySourceName"/>. It logs no header, no query string and no
    /// body, so no key, secret or token can reach a log through it.
    /// </summary>
    public sealed partial class AtlasLoggingHandler : DelegatingHandler
    {
        /// <summary>The name of the <see cref="ActivitySource"/> to listen to for traces.</summary>
        public const string ActivitySourceName = "AtlasAccessGen";

        private static readonly ActivitySource Source = new ActivitySource(ActivitySourceName);

        private readonly ILogger _logger;
        private readonly TimeProvider _time;

        /// <summary>Creates the handler.</summary>
        /// <param name="logger">Where events go; nowhere when null.</param>
        /// <param name="timeProvider">The clock for durations; the system's when null.</param>
        public AtlasLoggingHandler(ILogger? logger = null, TimeProvider? timeProvider = null)
        {
            _logger = logger ?? NullLogger.Instance;
            _time = timeProvider ?? TimeProvider.System;
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            string method = request.Method.Method;
            string path = request.RequestUri?.AbsolutePath ?? string.Empty;
            int attempt = request.Options.TryGetValue(AtlasRetryHandler.AttemptKey, out int n) ? n : 1;
            using Activity? activity = Source.StartActivity("Atlas " + method, ActivityKind.Client);
            activity?.SetTag("http.request.method", method);
            activity?.SetTag("url.path", path);
            activity?.SetTag("http.request.resend_count", attempt - 1);
            long started = _time.GetTimestamp();
            try
            {
                HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                TimeSpan elapsed = _time.GetElapsedTime(started);
                activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                if (!response.IsSuccessStatusCode)
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                }

                string? remaining = response.Headers.TryGetValues("RateLimit-Remaining", out var values) ? string.Join(",", values) : null;
                LogResponse(_logger, method, path, (int)response.StatusCode, elapsed.TotalMilliseconds, attempt, remaining);
                return response;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                LogFailure(_logger, method, path, _time.GetElapsedTime(started).TotalMilliseconds, attempt, e.GetType().Name);
                throw;
            }
        }

        [LoggerMessage(EventId = 1, EventName = "AtlasResponse", Level = LogLevel.Information,
            Message = "Atlas {Method} {Path} answered {StatusCode} in {ElapsedMs:F0} ms (attempt {Attempt}, rate limit remaining {RateLimitRemaining})")]
        private static partial void LogResponse(ILogger logger, string method, string path, int statusCode, double elapsedMs, int attempt, string? rateLimitRemaining);

        [LoggerMessage(EventId = 2, EventName = "AtlasRequestFailed", Level = LogLevel.Warning,
            Message = "Atlas {Method} {Path} failed after {ElapsedMs:F0} ms (attempt {Attempt}): {Failure}")]
        private static partial void LogFailure(ILogger logger, string method, string path, double elapsedMs, int attempt, string failure);
    }
}
