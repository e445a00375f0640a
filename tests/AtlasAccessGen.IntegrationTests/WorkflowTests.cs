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
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
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

    private AtlasPollOptions Options(int timeoutSeconds = 600) => new() { Interval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(timeoutSeconds), TimeProvider = _time };

    private static LoopbackResponse Gcp(string? status) => LoopbackResponse.Json(
        "{\"providerName\":\"GCP\",\"roleId\":\"" + RoleId + "\",\"createdDate\":\"2026-11-24T08:00:00Z\"" + (status is null ? string.Empty : ",\"status\":\"" + status + "\"") + "}");

    /// <summary>Moves the clock one interval at a time until the task ends (each wait needs its own step).</summary>
    private async Task<T> Run<T>(Task<T> task)
    {
        for (int i = 0; i < 10000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        return await task;
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
        Assert.True(_time.GetUtcNow() - started >= TimeSpan.FromSeconds(40), "four waits of 10 s");
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

        // Reads at 0, 10, 20 and 30 s at most (the fake clock also moves while a read is on the wire, so maybe fewer).
        Assert.InRange(_server.Requests.Count, 1, 4);
    }

    [Fact]
    public async Task Gcp_waiter_honours_cancellation_during_a_wait()
    {
        _script.Enqueue(Gcp("IN_PROGRESS"));
        using var cancellation = new CancellationTokenSource();

        Task<CloudProviderAccessGCPServiceAccount> wait = _client.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(GroupId, RoleId, Options(), cancellation.Token);
        for (int i = 0; i < 500 && _server.Requests.Count == 0; i++)
        {
            await Task.Delay(5);
        }

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
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
        Assert.InRange(_server.Requests.Count, 1 + 1, 1 + 3);
    }
}
