using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AtlasAccessGen.IntegrationTests;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>The whole pipeline built from options: authentication, retries and logging, with no secret in any log.</summary>
public sealed class PipelineTests : IClassFixture<ApacheDigestServer>
{
    private readonly ApacheDigestServer _apache;

    public PipelineTests(ApacheDigestServer apache) => _apache = apache;

    [Fact]
    public async Task Api_key_pipeline_logs_every_call_without_any_secret()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = new AtlasClientOptions
        {
            BaseAddress = _apache.BaseAddress,
            ApiKey = new AtlasApiKey(ApacheDigestServer.PublicKey, ApacheDigestServer.PrivateKey),
            LoggerFactory = factory,
            UserAgentProduct = "PipelineTests/1.0",
        };
        using var transport = new AtlasTransport(options);

        await transport.SendAsync(new AtlasRequest(HttpMethod.Get, "api/atlas/v2/groups/abc/cloudProviderAccess", "application/vnd.atlas.2023-01-01+json"), null, default);
        await transport.SendAsync(new AtlasRequest(HttpMethod.Post, "api/atlas/v2/groups/abc/cloudProviderAccess", "application/vnd.atlas.2023-01-01+json").JsonBody("x", AtlasTypeInfo.String, "application/vnd.atlas.2023-01-01+json"), null, default);
        var wrong = new AtlasClientOptions { BaseAddress = _apache.BaseAddress, ApiKey = new AtlasApiKey(ApacheDigestServer.PublicKey, "the-wrong-private-key"), LoggerFactory = factory };
        using var wrongTransport = new AtlasTransport(wrong);
        AtlasApiException error = await Assert.ThrowsAsync<AtlasApiException>(() => wrongTransport.SendAsync(new AtlasRequest(HttpMethod.Get, "api/x", "application/json"), null, default));

        Assert.Contains(logs.Lines, l => l.Contains("Atlas GET /api/atlas/v2/groups/abc/cloudProviderAccess answered 200", StringComparison.Ordinal) && l.Contains("attempt 1", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Atlas POST /api/atlas/v2/groups/abc/cloudProviderAccess answered 200", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("answered 401", StringComparison.Ordinal));
        foreach (string secret in new[] { ApacheDigestServer.PrivateKey, "the-wrong-private-key", "Digest ", "response=", "Authorization" })
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }

        string userAgent = Assert.Single(_apache.Backend.Requests.Select(r => r.Header("User-Agent")).Distinct())!;
        Assert.Matches(@"^AtlasAccessGen/\d+\.\d+\.\d+ \(\.NET \d+\.\d+\.\d+; [^()]+\) PipelineTests/1\.0$", userAgent);
    }

    [Fact]
    public async Task Service_account_pipeline_traces_and_logs_without_the_secret_or_the_token()
    {
        const string secret = "mdb_sa_sk_pipeline-secret";
        const string token = "eyJhbGciOiJSUzI1NiJ9.pipeline-token.sig";
        using var server = new LoopbackServer();
        server.RespondWith((request, _) => Task.FromResult(request.Path == "/api/oauth/token"
            ? LoopbackResponse.Json("{\"access_token\":\"" + token + "\",\"expires_in\":3600}", contentType: "application/json")
            : LoopbackResponse.Json("{\"ok\":true}")));
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AtlasLoggingHandler.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var options = new AtlasClientOptions { BaseAddress = server.BaseAddress, ServiceAccount = new AtlasServiceAccount("mdb_sa_id_1", secret), LoggerFactory = factory };
        using var transport = new AtlasTransport(options);

        await transport.SendAsync(new AtlasRequest(HttpMethod.Delete, "api/atlas/v2/groups/abc/cloudProviderAccess/AWS/r1", "application/vnd.atlas.2023-01-01+json").Query("token", "query-secret"), null, default);

        Assert.Equal("Bearer " + token, server.Requests.Last().Header("Authorization"));
        Assert.Contains(logs.Lines, l => l.Contains("Atlas DELETE /api/atlas/v2/groups/abc/cloudProviderAccess/AWS/r1 answered 200", StringComparison.Ordinal));
        foreach (string hidden in new[] { secret, token, "query-secret", "Bearer", "Basic" })
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(hidden, StringComparison.Ordinal));
        }

        Activity activity = Assert.Single(activities, a => (string?)a.GetTagItem("http.request.method") == "DELETE");
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("/api/atlas/v2/groups/abc/cloudProviderAccess/AWS/r1", activity.GetTagItem("url.path"));
    }

    [Fact]
    public async Task A_refused_token_request_is_an_answer_not_a_dropped_connection_so_it_is_not_retried()
    {
        using var server = new LoopbackServer();
        server.RespondWith((request, _) => Task.FromResult(new LoopbackResponse(400, "{\"error\":\"invalid_client\"}", "application/json")));
        var options = new AtlasClientOptions { BaseAddress = server.BaseAddress, ServiceAccount = new AtlasServiceAccount("mdb_sa_id_1", "wrong") };
        using var transport = new AtlasTransport(options);

        var error = await Assert.ThrowsAsync<AtlasTokenException>(() => transport.SendAsync(new AtlasRequest(HttpMethod.Get, "api/atlas/v2/groups", "application/vnd.atlas.2023-01-01+json"), null, default));

        Assert.Equal("invalid_client", error.OAuthError);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("http://cloud.mongodb.com/", false, false)]
    [InlineData("http://10.0.0.5:8080/", false, false)]
    [InlineData("http://10.0.0.5:8080/", true, true)]
    [InlineData("http://127.0.0.1:8080/", false, true)]
    [InlineData("http://localhost:8080/", false, true)]
    [InlineData("https://cloud.mongodb.com/", false, true)]
    [InlineData("ftp://cloud.mongodb.com/", true, false)]
    public void Plain_http_is_refused_unless_loopback_or_opted_in(string address, bool allowInsecure, bool valid)
    {
        var options = new AtlasClientOptions { BaseAddress = new Uri(address), AllowInsecureHttp = allowInsecure, ApiKey = new AtlasApiKey("p", "s") };

        if (valid)
        {
            options.Validate();
            using HttpClient client = AtlasHttp.CreateHttpClient(options);
            Assert.Equal(new Uri(address), client.BaseAddress);
        }
        else
        {
            ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);
            Assert.Equal("BaseAddress", error.ParamName);
            Assert.Throws<ArgumentException>(() => new AtlasTransport(options));
        }
    }

    [Fact]
    public void Both_kinds_of_credentials_at_once_are_refused_and_ToString_shows_no_secret()
    {
        var options = new AtlasClientOptions { ApiKey = new AtlasApiKey("pub", "private-1"), ServiceAccount = new AtlasServiceAccount("id", "secret-2") };

        Assert.Throws<ArgumentException>(options.Validate);
        Assert.DoesNotContain("private-1", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-2", new AtlasClientOptions { ServiceAccount = new AtlasServiceAccount("id", "secret-2") }.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Keeps every formatted log line and every structured value.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (KeyValuePair<string, object?> value in values)
                    {
                        line.Append(" | ").Append(value.Key).Append('=').Append(value.Value);
                    }
                }

                lines.Enqueue(line.Append(exception).ToString());
            }
        }
    }
}
