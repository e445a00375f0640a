using System;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using EndToEnd.Atlas;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>Digest nonces that expire while the client holds one (<c>stale=true</c>).</summary>
public sealed class DigestNonceExpiryTests : EmulatorTest
{
    // The emulator dates its nonces by its TimeProvider, so a nonce expires when this clock says so: no real wait, and
    // nothing a loaded machine can make early or late. The client's Digest handler keeps no clock of its own.
    private static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _serverClock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { NonceLifetime = NonceLifetime, TimeProvider = _serverClock };

    [Fact]
    public async Task Two_calls_further_apart_than_the_nonce_lifetime_both_succeed()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        var aws = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());

        _serverClock.Advance(NonceLifetime);
        int before = Emulator.RequestCount;
        var fetched = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, aws.RoleId!);

        Assert.Equal(aws.RoleId, fetched.RoleId);

        // The stale nonce is refused with stale=true and a fresh challenge, which is answered at once.
        Assert.Equal(2, Emulator.RequestCount - before);

        // The fresh nonce is reused again: one request per call.
        before = Emulator.RequestCount;
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        Assert.Equal(1, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_stale_nonce_with_envelope_on_is_answered_like_any_other()
    {
        // The stale=true challenge must stay a 401 with WWW-Authenticate even when the call asks for envelope=true.
        using AtlasClient atlas = CreateClient(AuthMode.ApiKey, o => o.Envelope = true);
        string groupId = NewId();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId, new AtlasRequestOptions { Envelope = false });

        _serverClock.Advance(NonceLifetime);
        int before = Emulator.RequestCount;
        CloudProviderAccessRoles roles = await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);

        Assert.Equal(0, Count(roles));
        Assert.Equal(2, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_POST_with_a_stale_nonce_is_sent_again_with_its_body_and_creates_one_role()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);

        _serverClock.Advance(NonceLifetime);
        int before = Emulator.RequestCount;
        var azure = (CloudProviderAccessAzureServicePrincipal)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = Guid.NewGuid(),
            ServicePrincipalId = Guid.NewGuid(),
            TenantId = Guid.NewGuid(),
        });

        // The refused POST and the POST again with the fresh nonce.
        Assert.Equal(2, Emulator.RequestCount - before);
        Assert.Equal(azure.Id, Assert.Single((await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId)).AzureServicePrincipals!).Id);
    }
}

/// <summary>Service Account tokens that expire, on the client's clock or only on the server's.</summary>
public sealed class ServiceAccountTokenTests : EmulatorTest
{
    private readonly FakeTimeProvider _serverClock = new(DateTimeOffset.UtcNow);

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { TimeProvider = _serverClock };

    [Fact]
    public async Task A_token_the_server_no_longer_accepts_is_replaced_once_and_the_call_succeeds()
    {
        // The client's clock stands still (real time), the server's jumps past the token's hour.
        using AtlasClient atlas = CreateClient(AuthMode.ServiceAccount);
        string groupId = NewId();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        _serverClock.Advance(TimeSpan.FromHours(2));
        int before = Emulator.RequestCount;

        await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());

        // The refused call, a new token, the call again; and the POST took effect once.
        Assert.Equal(3, Emulator.RequestCount - before);
        Assert.Single((await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId)).AwsIamRoles!);
    }

    [Fact]
    public async Task A_token_the_server_no_longer_accepts_is_replaced_also_with_envelope_on()
    {
        // The bearer refusal must stay a 401 when the call asks for envelope=true, or the handler cannot see it.
        using AtlasClient atlas = CreateClient(AuthMode.ServiceAccount, o => o.Envelope = true);
        string groupId = NewId();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        _serverClock.Advance(TimeSpan.FromHours(2));

        CloudProviderAccessRoles roles = await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);

        Assert.Equal(0, Count(roles));
    }

    [Fact]
    public async Task A_token_near_its_expiry_on_the_client_clock_is_refreshed_before_the_call()
    {
        // One clock for both: the client refreshes ahead (10 minutes before the hour is up), before the server refuses.
        using AtlasClient atlas = CreateClient(AuthMode.ServiceAccount, o => o.TimeProvider = _serverClock);
        string groupId = NewId();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        int before = Emulator.RequestCount;
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        Assert.Equal(1, Emulator.RequestCount - before);

        _serverClock.Advance(TimeSpan.FromMinutes(55));
        before = Emulator.RequestCount;
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);

        // A token request and the call: no refused call first.
        Assert.Equal(2, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_Digest_client_and_a_Service_Account_client_see_the_same_project()
    {
        using AtlasClient digest = CreateClient(AuthMode.ApiKey);
        using AtlasClient bearer = CreateClient(AuthMode.ServiceAccount);
        string groupId = NewId();

        var aws = (CloudProviderAccessAWSIAMRole)await digest.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());
        var fetched = (CloudProviderAccessAWSIAMRole)await bearer.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, aws.RoleId!);
        await bearer.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Aws, aws.RoleId!);

        Assert.Equal(aws.AtlasAssumedRoleExternalId, fetched.AtlasAssumedRoleExternalId);
        Assert.Equal(0, Count(await digest.CloudProviderAccess.ListCloudProviderAccessAsync(groupId)));
    }
}
