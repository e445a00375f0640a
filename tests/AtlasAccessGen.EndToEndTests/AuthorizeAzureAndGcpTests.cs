using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using EndToEnd.Atlas;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// Authorize (PATCH) with the AZURE and GCP variants of <c>CloudProviderAccessRoleRequestUpdate</c>, through the
/// generated client over real HTTP: the exact body the emulator received, and the role's state afterwards. The
/// emulator's clock is fake, so dates and GCP provisioning are exact and nothing waits.
/// </summary>
public sealed class AuthorizeAzureAndGcpTests : EmulatorTest
{
    private const string AzureAppId = "9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e";
    private const string FirstPrincipal = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    private const string FirstTenant = "91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b";
    private const string SecondPrincipal = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f";
    private const string SecondTenant = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ProvisioningDelay = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(Start);

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { TimeProvider = _clock, GcpProvisioningDelay = ProvisioningDelay };

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task Authorizing_an_Azure_service_principal_sends_its_ids_and_replaces_them(AuthMode mode)
    {
        using AtlasClient atlas = CreateClient(mode);
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        var created = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = new Guid(AzureAppId),
            ServicePrincipalId = new Guid(FirstPrincipal),
            TenantId = new Guid(FirstTenant),
        }));
        _clock.Advance(TimeSpan.FromMinutes(1));

        var authorized = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(await client.AuthorizeProviderAccessRoleAsync(groupId, created.Id!, new CloudProviderAccessAzureServicePrincipalRequestUpdate
        {
            AtlasAzureAppId = new Guid(AzureAppId),
            ServicePrincipalId = new Guid(SecondPrincipal),
            TenantId = new Guid(SecondTenant),
        }));

        AssertPatch(groupId, created.Id!, $$"""{"providerName":"AZURE","atlasAzureAppId":"{{AzureAppId}}","servicePrincipalId":"{{SecondPrincipal}}","tenantId":"{{SecondTenant}}"}""");
        Assert.Equal(created.Id, authorized.Id);
        Assert.Equal(CloudProvider.Azure, authorized.ProviderName);
        Assert.Equal(new Guid(AzureAppId), authorized.AtlasAzureAppId);
        Assert.Equal(new Guid(SecondPrincipal), authorized.ServicePrincipalId);
        Assert.Equal(new Guid(SecondTenant), authorized.TenantId);
        Assert.Equal(Start, authorized.CreatedDate);
        Assert.Equal(Start.AddMinutes(1), authorized.LastUpdatedDate);

        // The new state is what get and list answer from now on.
        var fetched = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(await client.GetCloudProviderAccessAsync(groupId, created.Id!));
        Assert.Equal(new Guid(SecondPrincipal), fetched.ServicePrincipalId);
        Assert.Equal(new Guid(SecondTenant), fetched.TenantId);
        Assert.Equal(Start.AddMinutes(1), fetched.LastUpdatedDate);
        CloudProviderAccessAzureServicePrincipal listed = Assert.Single((await client.ListCloudProviderAccessAsync(groupId)).AzureServicePrincipals!);
        Assert.Equal(new Guid(SecondTenant), listed.TenantId);
    }

    [Fact]
    public async Task An_Azure_authorization_without_the_optional_app_id_leaves_it_out_of_the_body_and_keeps_it()
    {
        using AtlasClient atlas = CreateClient();
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        var created = (CloudProviderAccessAzureServicePrincipal)await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = new Guid(AzureAppId),
            ServicePrincipalId = new Guid(FirstPrincipal),
            TenantId = new Guid(FirstTenant),
        });

        var authorized = (CloudProviderAccessAzureServicePrincipal)await client.AuthorizeProviderAccessRoleAsync(groupId, created.Id!, new CloudProviderAccessAzureServicePrincipalRequestUpdate
        {
            ServicePrincipalId = new Guid(SecondPrincipal),
            TenantId = new Guid(FirstTenant),
        });

        // Not "atlasAzureAppId":null: a property that is not set is not sent.
        AssertPatch(groupId, created.Id!, $$"""{"providerName":"AZURE","servicePrincipalId":"{{SecondPrincipal}}","tenantId":"{{FirstTenant}}"}""");
        Assert.Equal(new Guid(AzureAppId), authorized.AtlasAzureAppId);
        Assert.Equal(new Guid(SecondPrincipal), authorized.ServicePrincipalId);
        Assert.Equal(new Guid(FirstTenant), authorized.TenantId);
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task Authorizing_a_GCP_service_account_sends_the_provider_name_alone_and_answers_the_account_as_it_stands(AuthMode mode)
    {
        using AtlasClient atlas = CreateClient(mode);
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        var created = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest()));

        // While it is provisioned, authorize answers it IN_PROGRESS, with no account yet.
        var early = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.AuthorizeProviderAccessRoleAsync(groupId, created.RoleId!, new CloudProviderAccessGCPServiceAccountRequestUpdate()));
        AssertPatch(groupId, created.RoleId!, """{"providerName":"GCP"}""");
        Assert.Equal(created.RoleId, early.RoleId);
        Assert.Equal(CloudProvider.Gcp, early.ProviderName);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, early.Status);
        Assert.Null(early.GcpServiceAccountForAtlas);
        Assert.Equal(Start, early.CreatedDate);

        // Once provisioned, COMPLETE with Atlas's service account, which get answers too.
        _clock.Advance(ProvisioningDelay);
        var late = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.AuthorizeProviderAccessRoleAsync(groupId, created.RoleId!, new CloudProviderAccessGCPServiceAccountRequestUpdate()));
        Assert.Equal("""{"providerName":"GCP"}""", Emulator.RecentRequests.Last(r => r.Method == "PATCH").Body);
        Assert.Equal(created.RoleId, late.RoleId);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.Complete, late.Status);
        Assert.Matches("^mongodb-atlas-[a-f0-9]{16}@p-[a-f0-9]{24}\\.iam\\.gserviceaccount\\.com$", late.GcpServiceAccountForAtlas);
        var fetched = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.GetCloudProviderAccessAsync(groupId, created.RoleId!));
        Assert.Equal(late.GcpServiceAccountForAtlas, fetched.GcpServiceAccountForAtlas);
    }

    [Fact]
    public async Task A_GCP_body_for_an_Azure_principal_is_refused_and_changes_nothing()
    {
        using AtlasClient atlas = CreateClient();
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        var azure = (CloudProviderAccessAzureServicePrincipal)await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = new Guid(AzureAppId),
            ServicePrincipalId = new Guid(FirstPrincipal),
            TenantId = new Guid(FirstTenant),
        });
        _clock.Advance(TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<AtlasAccessGen.Runtime.AtlasApiException>(() => client.AuthorizeProviderAccessRoleAsync(groupId, azure.Id!, new CloudProviderAccessGCPServiceAccountRequestUpdate()));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("INVALID_PROVIDER", e.ErrorCode);
        var unchanged = (CloudProviderAccessAzureServicePrincipal)await client.GetCloudProviderAccessAsync(groupId, azure.Id!);
        Assert.Equal(new Guid(FirstPrincipal), unchanged.ServicePrincipalId);
        Assert.Equal(Start, unchanged.LastUpdatedDate);
    }

    /// <summary>The one PATCH the emulator received: the role's path, one versioned media type each way, and exactly <paramref name="body"/>.</summary>
    private void AssertPatch(string groupId, string roleId, string body)
    {
        EmulatorRequest patch = Assert.Single(Emulator.RecentRequests, r => r.Method == "PATCH");
        Assert.Equal("/" + RolesPath(groupId) + "/" + roleId, patch.PathAndQuery);
        Assert.Equal(VersionedJson, Assert.Single(patch.Accept));
        Assert.StartsWith(VersionedJson, patch.ContentType, StringComparison.Ordinal);
        Assert.Equal(body, patch.Body);
    }
}
