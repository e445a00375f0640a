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
        using HttpClient client = Client();

        Task<HttpResponseMessage> call = client.PostAsync("roles", new StringContent("{\"providerName\":\"AWS\"}", Encoding.UTF8, "application/json"));
        await _server.WaitForRequests(1);
        TimeSpan waited = await AdvanceUntilRequests(2, TimeSpan.FromMilliseconds(100));
        using HttpResponseMessage response = await call;

        Assert.True(waited >= TimeSpan.FromSeconds(2), "retried after " + waited);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
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
        using HttpClient client = Client(new AtlasRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) });

        Task<HttpResponseMessage> call = client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "roles/1"));
        await _server.WaitForRequests(1);
        await Task.Delay(50);
        Assert.Single(_server.Requests);
        TimeSpan waited = await AdvanceUntilRequests(3, TimeSpan.FromMilliseconds(100));
        using HttpResponseMessage response = await call;

        Assert.True(waited > TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _server.Requests.Count);
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
        if (date.Contains(" 4 Dec", StringComparison.Ordinal))
        {
            _time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        }

        _server.Enqueue(Status(429, ("Retry-After", date)), Status(200));
        using HttpClient client = Client();

        Task<HttpResponseMessage> call = client.GetAsync("roles");
        await _server.WaitForRequests(1);
        TimeSpan waited = await AdvanceUntilRequests(2, TimeSpan.FromMilliseconds(100));
        using HttpResponseMessage response = await call;

        Assert.True(waited >= TimeSpan.FromSeconds(5), "retried after " + waited);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
        using HttpClient client = Client();
        using var cancellation = new CancellationTokenSource();

        Task<HttpResponseMessage> call = client.GetAsync("roles", cancellation.Token);
        await _server.WaitForRequests(1);
        await Task.Delay(20);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task The_total_time_budget_ends_the_retries()
    {
        _server.Enqueue(Enumerable.Range(0, 2000).Select(_ => (object)Status(503)).ToArray());
        using HttpClient client = Client(new AtlasRetryOptions { MaxRetries = 1000, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(30) });

        Task<HttpResponseMessage> call = client.GetAsync("roles");
        await AdvanceUntilDone(call, TimeSpan.FromMilliseconds(250));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.InRange(_server.Requests.Count, 2, 1000);
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
