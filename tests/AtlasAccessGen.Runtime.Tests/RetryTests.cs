using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>The retry matrix, on fake time: nothing here sleeps, the clock is moved by hand.</summary>
public sealed class RetryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly ScriptedHandler _server = new();

    private HttpClient Client(AtlasRetryOptions? options = null) =>
        new(new AtlasRetryHandler(options ?? new AtlasRetryOptions(), _time) { InnerHandler = _server }) { BaseAddress = new Uri("https://atlas.test/") };

    private static HttpResponseMessage Status(int status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{\"error\":" + status + "}") };
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>
    /// Moves the clock in small steps until the server has seen <paramref name="requests"/> requests, and says
    /// how far it moved. Robust to when the handler starts waiting: a late wait only makes the total larger.
    /// </summary>
    private async Task<TimeSpan> AdvanceUntilRequests(int requests, TimeSpan step)
    {
        TimeSpan moved = TimeSpan.Zero;
        for (int i = 0; i < 5000 && _server.Count < requests; i++)
        {
            _time.Advance(step);
            moved += step;
            await Task.Delay(1);
        }

        Assert.True(_server.Count >= requests, "expected " + requests + " requests, saw " + _server.Count);
        return moved;
    }

    /// <summary>Moves the clock in small steps until the call has finished.</summary>
    private async Task AdvanceUntilDone(Task call, TimeSpan step)
    {
        for (int i = 0; i < 5000 && !call.IsCompleted; i++)
        {
            _time.Advance(step);
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task A_429_POST_is_retried_after_Retry_After_with_the_same_body()
    {
        _server.Enqueue(Status(429, ("Retry-After", "2")), Status(201));
        var options = new AtlasRetryOptions();
        HttpResponseMessage? response = null;

        List<TimeSpan> delays = await WaitRecordingTime.RunWaitByWait(
            async clock =>
            {
                using var client = new HttpClient(new AtlasRetryHandler(options, clock) { InnerHandler = _server }) { BaseAddress = new Uri("https://atlas.test/") };
                response = await client.PostAsync("roles", new StringContent("{\"providerName\":\"AWS\"}", Encoding.UTF8, "application/json"));
            },
            options.TotalTimeout);

        // One wait, exactly the two seconds asked for: not a backoff, not more.
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, delays);
        Assert.Equal(HttpStatusCode.Created, response!.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("{\"providerName\":\"AWS\"}", r.Body));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task A_POST_is_never_retried_after_a_server_error_it_may_have_acted_on(int status)
    {
        _server.Enqueue(Status(status), Status(201));
        using HttpClient client = Client();

        using HttpResponseMessage response = await client.PostAsync("roles", new StringContent("{}"));

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_POST_is_never_retried_after_a_dropped_connection()
    {
        _server.Enqueue(new HttpRequestException("connection reset"), Status(201));
        using HttpClient client = Client();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("roles", new StringContent("{}")));

        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_503_on_an_idempotent_method_is_retried_with_backoff(string method)
    {
        _server.Enqueue(Status(503), Status(503), Status(200));
        var options = new AtlasRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) };
        HttpResponseMessage? response = null;

        List<TimeSpan> delays = await WaitRecordingTime.RunWaitByWait(
            async clock =>
            {
                using var client = new HttpClient(new AtlasRetryHandler(options, clock) { InnerHandler = _server }) { BaseAddress = new Uri("https://atlas.test/") };
                response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "roles/1"));
            },
            options.TotalTimeout);

        // One wait before each retry, each a real backoff: more than nothing, no more than MaxDelay. A range, because the
        // backoff is jittered (UseJitter in AtlasRetryHandler); the count of waits and requests is exact.
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(2, delays.Count);
        Assert.All(delays, delay => Assert.True(delay > TimeSpan.Zero && delay <= options.MaxDelay, delay.ToString()));
    }

    [Fact]
    public async Task A_dropped_connection_on_GET_is_retried()
    {
        _server.Enqueue(new HttpRequestException("connection reset"), Status(200));
        using HttpClient client = Client();

        Task<HttpResponseMessage> call = client.GetAsync("roles");
        await AdvanceUntilRequests(2, TimeSpan.FromMilliseconds(500));
        using HttpResponseMessage response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 08:00:05 GMT")]
    [InlineData("Fri, 4 Dec 2026 08:00:05 GMT")]
    public async Task Retry_After_as_an_HTTP_date_is_honoured_including_a_one_digit_day(string date)
    {
        DateTimeOffset now = date.Contains(" 4 Dec", StringComparison.Ordinal)
            ? new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        _server.Enqueue(Status(429, ("Retry-After", date)), Status(200));
        var options = new AtlasRetryOptions();
        HttpResponseMessage? response = null;

        List<TimeSpan> delays = await WaitRecordingTime.RunWaitByWait(
            async clock =>
            {
                using var client = new HttpClient(new AtlasRetryHandler(options, clock) { InnerHandler = _server }) { BaseAddress = new Uri("https://atlas.test/") };
                response = await client.GetAsync("roles");
            },
            options.TotalTimeout,
            now);

        // The date is 08:00:05 and the clock says 08:00:00: one wait of exactly five seconds.
        Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, delays);
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_returns_the_429_at_once()
    {
        _server.Enqueue(Status(429, ("Retry-After", "3600")), Status(200));
        using HttpClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("roles");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("9223372036854775808")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task An_absurdly_long_Retry_After_counts_as_longer_than_allowed_so_the_429_returns_at_once(string retryAfter)
    {
        _server.Enqueue(Status(429, ("Retry-After", retryAfter)), Status(200));

        // No backoff delay: were the header read as absent, the retry would be sent at once.
        using HttpClient client = Client(new AtlasRetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        using HttpResponseMessage response = await client.GetAsync("roles");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_unreadably_long_Retry_After_is_not_waited_for_even_when_any_wait_is_allowed()
    {
        _server.Enqueue(Status(429, ("Retry-After", "99999999999")), Status(200));
        using HttpClient client = Client(new AtlasRetryOptions { MaxRetryAfter = TimeSpan.MaxValue, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        using HttpResponseMessage response = await client.GetAsync("roles");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_server_error_asking_for_a_longer_wait_than_allowed_is_returned_at_once()
    {
        _server.Enqueue(Status(503, ("Retry-After", "600")), Status(200));
        using HttpClient client = Client();

        using HttpResponseMessage response = await client.GetAsync("roles");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Attempts_are_bounded()
    {
        _server.Enqueue(Enumerable.Range(0, 10).Select(_ => (object)Status(503)).ToArray());
        using HttpClient client = Client(new AtlasRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) });

        Task<HttpResponseMessage> call = client.GetAsync("roles");
        await AdvanceUntilDone(call, TimeSpan.FromMilliseconds(500));
        using HttpResponseMessage response = await call;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_during_a_wait_stops_at_once_and_sends_nothing_more()
    {
        _server.Enqueue(Status(503), Status(200));
        var options = new AtlasRetryOptions();
        var clock = new WaitRecordingTime(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
        using var client = new HttpClient(new AtlasRetryHandler(options, clock) { InnerHandler = _server }) { BaseAddress = new Uri("https://atlas.test/") };
        using var cancellation = new CancellationTokenSource();

        // Cancel once the handler has started its backoff timer (the budget's timer is left out), not after a sleep
        // that hopes it has: the clock never moves, so the only way out of the wait is the cancellation.
        Task<HttpResponseMessage> call = client.GetAsync("roles", cancellation.Token);
        TimeSpan wait;
        do
        {
            wait = await clock.NextWaitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        while (wait == options.TotalTimeout);

        Assert.Single(_server.Requests);
        cancellation.Cancel();

        // Bounded, so that a handler that ignores the token fails here (TimeoutException) instead of hanging the run.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        clock.Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task The_total_time_budget_ends_the_retries()
    {
        _server.Enqueue(Enumerable.Range(0, 2000).Select(_ => (object)Status(503)).ToArray());
        var options = new AtlasRetryOptions { MaxRetries = 1000, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(30) };
        Exception? error = null;

        List<TimeSpan> delays = await WaitRecordingTime.RunWaitByWait(
            async clock =>
            {
                using var client = new HttpClient(new AtlasRetryHandler(options, clock) { InnerHandler = _server }) { BaseAddress = new Uri("https://atlas.test/") };
                error = await Record.ExceptionAsync(() => client.GetAsync("roles"));
            },
            options.TotalTimeout);

        // Every request but the first came after one wait; the budget ran out during the last wait, not MaxRetries.
        Assert.IsType<TimeoutException>(Assert.IsType<TaskCanceledException>(error).InnerException);
        Assert.Equal(delays.Count, _server.Requests.Count);
        Assert.True(delays.Take(delays.Count - 1).Aggregate(TimeSpan.Zero, (sum, d) => sum + d) < options.TotalTimeout, "the last request was sent within the budget");
        Assert.True(delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d) >= options.TotalTimeout, "the last wait reached past the budget");
        Assert.All(delays, delay => Assert.True(delay <= options.MaxDelay, delay.ToString()));
        Assert.True(_server.Requests.Count < options.MaxRetries + 1);
    }

    /// <summary>Answers from a queue of responses or exceptions and records what it was sent.</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly ConcurrentQueue<object> _script = new();

        public List<(string Method, string Body)> Requests { get; } = new();

        public void Enqueue(params object[] outcomes)
        {
            foreach (object outcome in outcomes)
            {
                _script.Enqueue(outcome);
            }
        }

        public int Count => Volatile.Read(ref _count);

        public async Task WaitForRequests(int count)
        {
            for (int i = 0; i < 500 && Volatile.Read(ref _count) < count; i++)
            {
                await Task.Delay(10);
            }

            Assert.True(Volatile.Read(ref _count) >= count, "expected " + count + " requests, saw " + _count);
        }

        private int _count;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request.Method.Method, body));
            }

            Interlocked.Increment(ref _count);
            return _script.TryDequeue(out object? next)
                ? next is Exception e ? throw e : (HttpResponseMessage)next
                : new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
