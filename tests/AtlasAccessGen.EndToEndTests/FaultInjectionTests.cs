using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using EndToEnd.Atlas;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// The runtime's retry rules against injected faults: a 429 is retried for any method (Atlas did not act), a 5xx or a
/// lost connection only for idempotent methods (a POST may have created a role, so it is never sent twice).
/// Every test first makes one call, so the Digest challenge or the token request is done before the fault is armed.
/// </summary>
public sealed class FaultInjectionTests : EmulatorTest
{
    private readonly string _groupId = NewId();

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task A_429_on_POST_is_retried_and_exactly_one_role_is_created(AuthMode mode)
    {
        ICloudProviderAccessClient client = await WarmClient(mode);
        Emulator.InjectFault(new EmulatorFault.TooManyRequests(0) { Method = "POST" });
        int before = Emulator.RequestCount;

        var created = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest()));

        Assert.Equal(2, Emulator.RequestCount - before);
        Assert.Equal(created.RoleId, Assert.Single((await client.ListCloudProviderAccessAsync(_groupId)).AwsIamRoles!).RoleId);
    }

    [Fact]
    public async Task A_429_waits_for_its_Retry_After()
    {
        ICloudProviderAccessClient client = await WarmClient();
        Emulator.InjectFault(new EmulatorFault.TooManyRequests(1) { Method = "POST" });
        var watch = Stopwatch.StartNew();

        await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessGCPServiceAccountRequest());

        // A lower bound only, so a loaded machine cannot fail it (the emulator runs on real time). The exact wait is
        // asserted on fake time in RetryTests; this checks the same rule end to end.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), "Retry-After: 1 was not waited for; the call took " + watch.Elapsed);
        Assert.Single((await client.ListCloudProviderAccessAsync(_groupId)).GcpServiceAccounts!);
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_MaxRetryAfter_goes_back_to_the_caller()
    {
        ICloudProviderAccessClient client = await WarmClient(AuthMode.ApiKey, o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(1));
        Emulator.InjectFault(new EmulatorFault.TooManyRequests(120) { Method = "POST" });
        int before = Emulator.RequestCount;

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest()));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal("RATE_LIMITED", e.ErrorCode);
        Assert.Equal("120", e.Headers["Retry-After"].Single());
        Assert.Equal(1, Emulator.RequestCount - before);
        Assert.Equal(0, Count(await client.ListCloudProviderAccessAsync(_groupId)));
    }

    [Fact]
    public async Task Repeated_429s_give_up_after_MaxRetries()
    {
        ICloudProviderAccessClient client = await WarmClient();
        for (int i = 0; i < 4; i++)
        {
            Emulator.InjectFault(new EmulatorFault.TooManyRequests(0) { Method = "GET" });
        }

        int before = Emulator.RequestCount;

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => client.ListCloudProviderAccessAsync(_groupId));

        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal(1 + FastRetry().MaxRetries, Emulator.RequestCount - before);
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task A_503_on_GET_is_retried_and_succeeds(AuthMode mode)
    {
        ICloudProviderAccessClient client = await WarmClient(mode);
        var aws = (CloudProviderAccessAWSIAMRole)await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest());
        Emulator.InjectFault(new EmulatorFault.ServerError(503) { Method = "GET" });
        int before = Emulator.RequestCount;

        var fetched = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.GetCloudProviderAccessAsync(_groupId, aws.RoleId!));

        Assert.Equal(aws.RoleId, fetched.RoleId);
        Assert.Equal(2, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_500_on_DELETE_is_retried_and_the_role_is_removed()
    {
        ICloudProviderAccessClient client = await WarmClient();
        var aws = (CloudProviderAccessAWSIAMRole)await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest());
        Emulator.InjectFault(new EmulatorFault.ServerError(500) { Method = "DELETE" });
        int before = Emulator.RequestCount;

        await client.DeauthorizeProviderAccessRoleAsync(_groupId, CloudProvider.Aws, aws.RoleId!);

        Assert.Equal(2, Emulator.RequestCount - before);
        Assert.Equal(0, Count(await client.ListCloudProviderAccessAsync(_groupId)));
    }

    [Fact]
    public async Task A_503_on_GET_with_retries_off_goes_back_to_the_caller()
    {
        ICloudProviderAccessClient client = await WarmClient(AuthMode.ApiKey, o => o.Retry.MaxRetries = 0);
        Emulator.InjectFault(new EmulatorFault.ServerError(503) { Method = "GET" });

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => client.ListCloudProviderAccessAsync(_groupId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal("SERVICE_UNAVAILABLE", e.ErrorCode);
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task A_503_on_POST_is_not_retried_and_no_role_is_created(AuthMode mode)
    {
        ICloudProviderAccessClient client = await WarmClient(mode);
        Emulator.InjectFault(new EmulatorFault.ServerError(503) { Method = "POST" });
        int before = Emulator.RequestCount;

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal("SERVICE_UNAVAILABLE", e.ErrorCode);
        Assert.Equal("POST", e.Method);
        Assert.Equal(1, Emulator.RequestCount - before);
        Assert.Equal(0, Count(await client.ListCloudProviderAccessAsync(_groupId)));
    }

    [Fact]
    public async Task A_503_on_PATCH_is_not_retried_and_the_role_stays_unauthorized()
    {
        ICloudProviderAccessClient client = await WarmClient();
        var aws = (CloudProviderAccessAWSIAMRole)await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest());
        Emulator.InjectFault(new EmulatorFault.ServerError(503) { Method = "PATCH" });
        int before = Emulator.RequestCount;

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => client.AuthorizeProviderAccessRoleAsync(_groupId, aws.RoleId!, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = IamRoleArn }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(1, Emulator.RequestCount - before);
        Assert.Null(((CloudProviderAccessAWSIAMRole)await client.GetCloudProviderAccessAsync(_groupId, aws.RoleId!)).AuthorizedDate);
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task A_dropped_connection_on_POST_surfaces_and_is_not_retried_so_there_is_no_duplicate(AuthMode mode)
    {
        ICloudProviderAccessClient client = await WarmClient(mode);
        Emulator.InjectFault(new EmulatorFault.DroppedConnection { Method = "POST" });
        int before = Emulator.RequestCount;

        HttpRequestException e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest()));

        Assert.IsNotAssignableFrom<AtlasApiException>(e);
        Assert.Equal(1, Emulator.RequestCount - before);

        // The emulator did create the role before dropping the connection: exactly one exists, not two.
        Assert.Single((await client.ListCloudProviderAccessAsync(_groupId)).AwsIamRoles!);
    }

    [Fact]
    public async Task A_dropped_connection_on_GET_is_retried_and_succeeds()
    {
        ICloudProviderAccessClient client = await WarmClient();
        await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest());
        Emulator.InjectFault(new EmulatorFault.DroppedConnection { Method = "GET" });
        int before = Emulator.RequestCount;

        CloudProviderAccessRoles roles = await client.ListCloudProviderAccessAsync(_groupId);

        Assert.Single(roles.AwsIamRoles!);
        Assert.Equal(2, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_truncated_body_on_GET_is_an_AtlasResponseFormatException_not_a_JsonException()
    {
        ICloudProviderAccessClient client = await WarmClient();
        var aws = (CloudProviderAccessAWSIAMRole)await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest());
        Emulator.InjectFault(new EmulatorFault.TruncatedBody { Method = "GET" });
        int before = Emulator.RequestCount;

        // The response is complete at the HTTP level (chunked, properly ended) but holds half the JSON: a 200 whose
        // body cannot be read. The runtime reports it as such, with the raw body, and does not send the GET again.
        Exception thrown = await Record.ExceptionAsync(() => client.GetCloudProviderAccessAsync(_groupId, aws.RoleId!));

        AtlasResponseFormatException e = Assert.IsType<AtlasResponseFormatException>(thrown);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
        Assert.StartsWith("{", e.RawBody, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(e.RawBody).Dispose());
        Assert.Equal(1, Emulator.RequestCount - before);

        // The next read is whole again.
        Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.GetCloudProviderAccessAsync(_groupId, aws.RoleId!));
    }

    [Fact]
    public async Task A_truncated_body_on_POST_is_an_AtlasResponseFormatException_and_the_role_exists_once()
    {
        ICloudProviderAccessClient client = await WarmClient();
        Emulator.InjectFault(new EmulatorFault.TruncatedBody { Method = "POST" });

        await Assert.ThrowsAsync<AtlasResponseFormatException>(() => client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest()));

        Assert.Single((await client.ListCloudProviderAccessAsync(_groupId)).AwsIamRoles!);
    }

    [Fact]
    public async Task Latency_delays_the_answer_but_the_call_succeeds()
    {
        ICloudProviderAccessClient client = await WarmClient();
        Emulator.InjectFault(new EmulatorFault.Latency(TimeSpan.FromMilliseconds(300)));
        int before = Emulator.RequestCount;
        var watch = Stopwatch.StartNew();

        var created = await client.CreateCloudProviderAccessAsync(_groupId, new CloudProviderAccessAWSIAMRoleRequest());

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), "The injected latency was not felt; the call took " + watch.Elapsed);
        Assert.IsType<CloudProviderAccessAWSIAMRole>(created);
        Assert.Equal(1, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task Latency_beyond_the_client_timeout_is_a_TaskCanceledException_with_a_TimeoutException_inside()
    {
        ICloudProviderAccessClient client = await WarmClient(AuthMode.ApiKey, o => o.Timeout = TimeSpan.FromSeconds(1));
        Emulator.InjectFault(new EmulatorFault.Latency(TimeSpan.FromSeconds(5)) { Method = "GET" });
        int before = Emulator.RequestCount;

        // No stopwatch: an upper bound on the elapsed time flakes on a loaded machine. Had the timeout not cut the call
        // short, the delayed answer would arrive after 5 s as a success, and ThrowsAsync would fail; and only the
        // client's own timeout puts a TimeoutException inside the cancellation.
        TaskCanceledException e = await Assert.ThrowsAsync<TaskCanceledException>(() => client.ListCloudProviderAccessAsync(_groupId));

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Equal(1, Emulator.RequestCount - before);
    }

    /// <summary>A client that has already authenticated once, so the next request is exactly one request.</summary>
    private async Task<ICloudProviderAccessClient> WarmClient(AuthMode mode = AuthMode.ApiKey, Action<AtlasClientOptions>? configure = null)
    {
        AtlasClient atlas = CreateClient(mode, configure);
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(_groupId);
        return atlas.CloudProviderAccess;
    }
}
