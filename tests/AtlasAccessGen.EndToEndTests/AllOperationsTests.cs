using System;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Emulator;
using EndToEnd.Atlas;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>Every Cloud Provider Access operation, in both authentication modes, through the generated client and real HTTP.</summary>
public sealed class AllOperationsTests : EmulatorTest
{
    private static readonly Guid AzureAppId = new("9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e");
    private static readonly Guid ServicePrincipalId = new("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    private static readonly Guid TenantId = new("91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b");
    private static readonly Regex Id = new("^[a-f0-9]{24}$");

    // The emulator dates roles by its TimeProvider: on this clock the dates it returns are known to the second, not
    // merely "between the test's start and now". Whole seconds, since Atlas's dates have no fraction.
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _serverClock = new(Start);

    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { TimeProvider = _serverClock };

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task Create_list_get_authorize_deauthorize_and_list_again(AuthMode mode)
    {
        using AtlasClient atlas = CreateClient(mode);
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();

        // Create one role of each provider.
        var aws = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest()));
        Assert.Matches(Id, aws.RoleId);
        Assert.Equal(CloudProvider.Aws, aws.ProviderName);
        Assert.StartsWith("arn:aws:iam::", aws.AtlasAWSAccountArn);
        Assert.NotNull(aws.AtlasAssumedRoleExternalId);
        Assert.NotEqual(Guid.Empty, aws.AtlasAssumedRoleExternalId!.Value);
        Assert.Null(aws.AuthorizedDate);
        Assert.Null(aws.IamAssumedRoleArn);
        Assert.Equal(Start, aws.CreatedDate);
        Assert.Empty(aws.FeatureUsages!);

        var azure = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = AzureAppId,
            ServicePrincipalId = ServicePrincipalId,
            TenantId = TenantId,
        }));
        Assert.Matches(Id, azure.Id);
        Assert.Equal(CloudProvider.Azure, azure.ProviderName);
        Assert.Equal(AzureAppId, azure.AtlasAzureAppId);
        Assert.Equal(ServicePrincipalId, azure.ServicePrincipalId);
        Assert.Equal(TenantId, azure.TenantId);
        Assert.Equal(Start, azure.LastUpdatedDate);

        var gcp = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest()));
        Assert.Matches(Id, gcp.RoleId);
        Assert.Equal(CloudProvider.Gcp, gcp.ProviderName);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, gcp.Status);
        Assert.Null(gcp.GcpServiceAccountForAtlas);

        // List: three typed arrays, one role each.
        CloudProviderAccessRoles roles = await client.ListCloudProviderAccessAsync(groupId);
        Assert.Equal(aws.RoleId, Assert.Single(roles.AwsIamRoles!).RoleId);
        Assert.Equal(azure.Id, Assert.Single(roles.AzureServicePrincipals!).Id);
        Assert.Equal(gcp.RoleId, Assert.Single(roles.GcpServiceAccounts!).RoleId);

        // Get each, by its id; the polymorphic result is the right type.
        var fetchedAws = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.GetCloudProviderAccessAsync(groupId, aws.RoleId!));
        Assert.Equal(aws.AtlasAssumedRoleExternalId, fetchedAws.AtlasAssumedRoleExternalId);
        var fetchedAzure = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(await client.GetCloudProviderAccessAsync(groupId, azure.Id!));
        Assert.Equal(TenantId, fetchedAzure.TenantId);
        var fetchedGcp = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.GetCloudProviderAccessAsync(groupId, gcp.RoleId!));
        Assert.Equal(gcp.RoleId, fetchedGcp.RoleId);

        // Authorize the AWS role with an IAM role ARN, a minute and a half later: the date is the moment of authorizing.
        _serverClock.Advance(TimeSpan.FromSeconds(90));
        var authorized = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.AuthorizeProviderAccessRoleAsync(groupId, aws.RoleId!, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = IamRoleArn }));
        Assert.Equal(aws.RoleId, authorized.RoleId);
        Assert.Equal(IamRoleArn, authorized.IamAssumedRoleArn);
        Assert.Equal(Start.AddSeconds(90), authorized.AuthorizedDate);
        Assert.Equal(Start, authorized.CreatedDate);
        var afterAuthorize = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.GetCloudProviderAccessAsync(groupId, aws.RoleId!));
        Assert.Equal(IamRoleArn, afterAuthorize.IamAssumedRoleArn);
        Assert.Equal(authorized.AuthorizedDate, afterAuthorize.AuthorizedDate);

        // Deauthorize each; each is gone afterwards.
        foreach ((CloudProvider provider, string roleId) in new[] { (CloudProvider.Aws, aws.RoleId!), (CloudProvider.Azure, azure.Id!), (CloudProvider.Gcp, gcp.RoleId!) })
        {
            await client.DeauthorizeProviderAccessRoleAsync(groupId, provider, roleId);
            AtlasApiException gone = await Assert.ThrowsAsync<AtlasApiException>(() => client.GetCloudProviderAccessAsync(groupId, roleId));
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal("RESOURCE_NOT_FOUND", gone.ErrorCode);
        }

        CloudProviderAccessRoles empty = await client.ListCloudProviderAccessAsync(groupId);
        Assert.Empty(empty.AwsIamRoles!);
        Assert.Empty(empty.AzureServicePrincipals!);
        Assert.Empty(empty.GcpServiceAccounts!);
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task After_the_first_call_each_call_is_one_request(AuthMode mode)
    {
        using AtlasClient atlas = CreateClient(mode);
        string groupId = NewId();

        // The first call pays for authentication: a Digest challenge, or a token request.
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        Assert.Equal(2, Emulator.RequestCount);

        // Then the nonce (nonce count incremented) or the cached token is reused.
        int before = Emulator.RequestCount;
        for (int i = 0; i < 5; i++)
        {
            await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        }

        Assert.Equal(5, Emulator.RequestCount - before);
    }

    [Fact]
    public async Task Projects_are_separate()
    {
        using AtlasClient atlas = CreateClient();
        string first = NewId();
        string second = NewId();
        var aws = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(first, new CloudProviderAccessAWSIAMRoleRequest());

        Assert.Equal(0, Count(await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(second)));
        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.GetCloudProviderAccessAsync(second, aws.RoleId!));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }
}
