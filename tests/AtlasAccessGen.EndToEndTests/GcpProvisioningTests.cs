using System;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Workflows;
using EndToEnd.Atlas;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>The generated WaitUntilGcpServiceAccountReadyAsync workflow against the emulator's provisioning delay.</summary>
public sealed class GcpProvisioningTests : EmulatorTest
{
    private static readonly TimeSpan ProvisioningDelay = TimeSpan.FromMilliseconds(300);

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { GcpProvisioningDelay = ProvisioningDelay };

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task Waiting_returns_the_COMPLETE_service_account(AuthMode mode)
    {
        using AtlasClient atlas = CreateClient(mode);
        string groupId = NewId();
        var created = (CloudProviderAccessGCPServiceAccount)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest());

        CloudProviderAccessGCPServiceAccount ready = await atlas.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(
            groupId, created.RoleId!, new AtlasPollOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(10) });

        Assert.Equal(created.RoleId, ready.RoleId);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.Complete, ready.Status);
        Assert.Matches("^mongodb-atlas-[a-f0-9]{16}@p-[a-f0-9]{24}\\.iam\\.gserviceaccount\\.com$", ready.GcpServiceAccountForAtlas);

        // The provisioned account is what get and list answer from now on.
        var fetched = (CloudProviderAccessGCPServiceAccount)await atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, created.RoleId!);
        Assert.Equal(ready.GcpServiceAccountForAtlas, fetched.GcpServiceAccountForAtlas);
        CloudProviderAccessGCPServiceAccount listed = Assert.Single((await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId)).GcpServiceAccounts!);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.Complete, listed.Status);
        Assert.Equal(ready.GcpServiceAccountForAtlas, listed.GcpServiceAccountForAtlas);
    }

    [Fact]
    public async Task Waiting_on_a_role_that_is_not_GCP_is_an_AtlasWorkflowException()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        var aws = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());

        AtlasWorkflowException e = await Assert.ThrowsAsync<AtlasWorkflowException>(() => atlas.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(
            groupId, aws.RoleId!, new AtlasPollOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(5) }));

        Assert.Contains(aws.RoleId!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_on_an_unknown_role_is_a_404()
    {
        using AtlasClient atlas = CreateClient();

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(
            NewId(), NewId(), new AtlasPollOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(5) }));

        Assert.Equal("RESOURCE_NOT_FOUND", e.ErrorCode);
    }
}

/// <summary>A provisioning that outlasts the caller's patience.</summary>
public sealed class GcpProvisioningTimeoutTests : EmulatorTest
{
    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { GcpProvisioningDelay = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task Waiting_past_the_timeout_is_a_TimeoutException_naming_the_last_status()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        var created = (CloudProviderAccessGCPServiceAccount)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest());

        TimeoutException e = await Assert.ThrowsAsync<TimeoutException>(() => atlas.CloudProviderAccess.WaitUntilGcpServiceAccountReadyAsync(
            groupId, created.RoleId!, new AtlasPollOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMilliseconds(350) }));

        Assert.Contains("IN_PROGRESS", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>Provisioning on the emulator's clock, stepped by hand, so the delay is measured exactly.</summary>
public sealed class GcpProvisioningClockTests : EmulatorTest
{
    // Late in a second: a delay measured from the second-precision createdDate would look 900 ms longer than it is.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 900, TimeSpan.Zero));

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { GcpProvisioningDelay = TimeSpan.FromMilliseconds(300), TimeProvider = _clock };

    [Fact]
    public async Task A_GCP_service_account_is_IN_PROGRESS_until_its_provisioning_delay_has_passed()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();

        var created = (CloudProviderAccessGCPServiceAccount)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest());
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, created.Status);
        Assert.Null(created.GcpServiceAccountForAtlas);

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var early = (CloudProviderAccessGCPServiceAccount)await atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, created.RoleId!);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, early.Status);
        Assert.Null(early.GcpServiceAccountForAtlas);

        _clock.Advance(TimeSpan.FromMilliseconds(150));
        var done = (CloudProviderAccessGCPServiceAccount)await atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, created.RoleId!);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.Complete, done.Status);
        Assert.NotNull(done.GcpServiceAccountForAtlas);
    }
}
