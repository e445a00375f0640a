using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Workflows;
using Contoso.Atlas;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>The generated Cloud Provider Access workflows against a loopback server, on fake time.</summary>
public sealed class WorkflowTests : IDisposable
{
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string RoleId = "5f3c2b1a0e9d8c7b6a594837";

    private readonly LoopbackServer _server = new();
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly WaitSignallingTime _time = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
    private readonly ConcurrentQueue<LoopbackResponse> _script = new();
    private readonly HttpClient _http;
    private readonly AtlasClient _client;

    public WorkflowTests()
    {
        _server.RespondWith((_, _) => Task.FromResult(_script.TryDequeue(out LoopbackResponse? next) ? next : Gcp("COMPLETE")));
        _http = _server.CreateHttpClient();
        _client = new AtlasClient(_http);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private AtlasPollOptions Options(int timeoutSeconds = 600) => new() { Interval = Interval, Timeout = TimeSpan.FromSeconds(timeoutSeconds), TimeProvider = _time };

    private static LoopbackResponse Gcp(string? status) => LoopbackResponse.Json(
        "{\"providerName\":\"GCP\",\"roleId\":\"" + RoleId + "\",\"createdDate\":\"2026-11-24T08:00:00Z\"" + (status is null ? string.Empty : ",\"status\":\"" + status + "\"") + "}");

    /// <summary>
    /// Moves the clock by exactly one interval each time the workflow starts a wait, and never while a call is on the
    /// wire: the requests then happen at exact times (0, 10, 20 s ...), however slow the machine.
    /// </summary>
    private async Task<T> Run<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            Task wait = _time.NextWaitAsync();
            if (await Task.WhenAny(task, wait).WaitAsync(TimeSpan.FromSeconds(30)) == wait)
            {
                _time.WaitHandled();
                _time.Fake.Advance(Interval);
            }
        }

        return await task;
    }

    /// <summary>A fake clock that says when a timer is created (the workflow begins a wait).</summary>
    private sealed class WaitSignallingTime : TimeProvider
    {
        private readonly SemaphoreSlim _waits = new(0);

        public WaitSignallingTime(FakeTimeProvider fake) => Fake = fake;

        public FakeTimeProvider Fake { get; }

        private Task? _next;

        /// <summary>
        /// The next wait the code starts. It stays the same task until <see cref="WaitHandled"/>: a run that ended first
        /// leaves it to the next run, and a wait that began before anyone looked is not lost.
        /// </summary>
        public Task NextWaitAsync() => _next ??= _waits.WaitAsync();

        /// <summary>The clock has been moved for the wait <see cref="NextWaitAsync"/> returned.</summary>
        public void WaitHandled() => _next = null;

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = Fake.CreateTimer(callback, state, dueTime, period);
            _waits.Release();
            return timer;
        }
    }

    [Fact]
    public async Task Gcp_waiter_reads_until_COMPLETE_and_waits_between_reads()
    {
        _script.Enqueue(Gcp("NOT_INITIATED"));
        _script.Enqueue(Gcp("IN_PROGRESS"));
        _script.Enqueue(Gcp(null));
        _script.Enqueue(Gcp("SOMETHING_NEW"));
        _script.Enqueue(Gcp("COMPLETE"));
        DateTimeOffset started = _time.GetUtcNow();

        CloudProviderAccessGCPServiceAccount account = await Run(_client.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(GroupId, RoleId, Options()));

        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.Complete, account.Status);
        Assert.Equal(5, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("/api/atlas/v2/groups/" + GroupId + "/cloudProviderAccess/" + RoleId, r.Path));
        Assert.Equal(TimeSpan.FromSeconds(40), _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task Gcp_waiter_stops_with_a_workflow_exception_on_FAILED()
    {
        _script.Enqueue(Gcp("IN_PROGRESS"));
        _script.Enqueue(Gcp("FAILED"));

        var error = await Assert.ThrowsAsync<AtlasWorkflowException>(() => Run(_client.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(GroupId, RoleId, Options())));

        Assert.Contains("FAILED", error.Message, StringComparison.Ordinal);
        Assert.IsType<CloudProviderAccessGCPServiceAccount>(error.LastValue);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Gcp_waiter_times_out_with_the_last_state()
    {
        for (int i = 0; i < 20; i++)
        {
            _script.Enqueue(Gcp("IN_PROGRESS"));
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Run(_client.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(GroupId, RoleId, Options(timeoutSeconds: 35))));

        Assert.Contains("IN_PROGRESS", error.Message, StringComparison.Ordinal);

        // Reads at 0, 10, 20 and 30 s; another wait would end at 40 s, past the 35 s timeout.
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task Gcp_waiter_honours_cancellation_during_a_wait()
    {
        _script.Enqueue(Gcp("IN_PROGRESS"));
        using var cancellation = new CancellationTokenSource();

        Task<CloudProviderAccessGCPServiceAccount> wait = _client.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(GroupId, RoleId, Options(), cancellation.Token);

        // Cancel once the waiter has read IN_PROGRESS and started its wait (the clock's only timer), not after a
        // sleep that hopes so. The clock never moves: only the cancellation can end that wait.
        await _time.NextWaitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _time.WaitHandled();
        Assert.Single(_server.Requests);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        _time.Fake.Advance(Interval);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Gcp_waiter_refuses_a_role_of_another_provider()
    {
        _script.Enqueue(LoopbackResponse.Json("{\"providerName\":\"AWS\",\"roleId\":\"" + RoleId + "\"}"));

        var error = await Assert.ThrowsAsync<AtlasWorkflowException>(() => Run(_client.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(GroupId, RoleId, Options())));

        Assert.Contains("not a GCP service account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aws_authorize_retries_while_IAM_cannot_assume_the_role_yet()
    {
        var cannotAssume = new LoopbackResponse(400, "{\"error\":400,\"errorCode\":\"CANNOT_ASSUME_ROLE\",\"detail\":\"Atlas cannot assume the role.\"}", "application/json");
        _script.Enqueue(cannotAssume);
        _script.Enqueue(cannotAssume);
        _script.Enqueue(LoopbackResponse.Json("{\"providerName\":\"AWS\",\"roleId\":\"" + RoleId + "\",\"iamAssumedRoleArn\":\"arn:aws:iam::123456789012:role/atlas\"}"));
        var body = new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/atlas" };

        CloudProviderAccessRole role = await Run(_client.CloudProviderAccess.AuthorizeProviderAccessRoleWhenAssumableAsync(GroupId, RoleId, body, Options()));

        Assert.IsType<CloudProviderAccessAWSIAMRole>(role);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("PATCH", r.Method));
    }

    [Fact]
    public async Task Aws_authorize_does_not_retry_other_errors_or_past_the_timeout()
    {
        _script.Enqueue(new LoopbackResponse(403, "{\"error\":403,\"errorCode\":\"FORBIDDEN\"}", "application/json"));
        var body = new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/atlas" };

        var forbidden = await Assert.ThrowsAsync<AtlasApiException>(() => Run(_client.CloudProviderAccess.AuthorizeProviderAccessRoleWhenAssumableAsync(GroupId, RoleId, body, Options())));
        Assert.True(forbidden.IsErrorCode("FORBIDDEN"));
        Assert.Single(_server.Requests);

        for (int i = 0; i < 10; i++)
        {
            _script.Enqueue(new LoopbackResponse(400, "{\"error\":400,\"errorCode\":\"CANNOT_ASSUME_ROLE\"}", "application/json"));
        }

        var stillCannot = await Assert.ThrowsAsync<AtlasApiException>(() => Run(_client.CloudProviderAccess.AuthorizeProviderAccessRoleWhenAssumableAsync(GroupId, RoleId, body, Options(timeoutSeconds: 25))));
        Assert.True(stillCannot.IsErrorCode("CANNOT_ASSUME_ROLE"));
        // Calls at 0, 10 and 20 s; a wait to 30 s would pass the 25 s timeout.
        Assert.Equal(1 + 3, _server.Requests.Count);
    }
}
