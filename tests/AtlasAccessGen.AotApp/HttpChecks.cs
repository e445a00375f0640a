using System;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AotApp.Atlas;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;

namespace AotApp;

/// <summary>
/// The five operations through the generated client and the runtime's Digest pipeline, against the emulator over
/// HTTP: create one role of each provider, list, get, authorize, deauthorize, and read a 404's ApiError. Every line
/// printed is the same on every run (no ids, dates or timings).
/// </summary>
internal static class HttpChecks
{
    private const string IamRoleArn = "arn:aws:iam::123456789012:role/atlas-aot";
    private static readonly Guid AzureAppId = new("9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e");
    private static readonly Guid FirstPrincipal = new("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    private static readonly Guid SecondPrincipal = new("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f");
    private static readonly Guid TenantId = new("91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b");

    public static async Task RunAsync(Uri baseAddress, string publicKey, string privateKey, Action<string> print, Action<string> fail)
    {
        using var atlas = new AtlasClient(new AtlasClientOptions
        {
            BaseAddress = baseAddress,
            ApiKey = new AtlasApiKey(publicKey, privateKey),
            UserAgentProduct = "AtlasAccessGen.AotApp/1.0",
        });
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

        var aws = await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest()).ConfigureAwait(false) as CloudProviderAccessAWSIAMRole;
        var azure = await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest { AtlasAzureAppId = AzureAppId, ServicePrincipalId = FirstPrincipal, TenantId = TenantId }).ConfigureAwait(false) as CloudProviderAccessAzureServicePrincipal;
        var gcp = await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest()).ConfigureAwait(false) as CloudProviderAccessGCPServiceAccount;
        if (aws?.RoleId is null || azure?.Id is null || gcp?.RoleId is null)
        {
            fail("http create: expected an AWS role, an Azure service principal and a GCP service account with ids");
            return;
        }

        print("http create: AWS role with external id " + (aws.AtlasAssumedRoleExternalId is null ? "missing" : "set") + ", AZURE principal " + azure.ServicePrincipalId + ", GCP account " + gcp.Status);

        CloudProviderAccessRoles listed = await client.ListCloudProviderAccessAsync(groupId).ConfigureAwait(false);
        print("http list: " + listed.AwsIamRoles?.Count + " AWS, " + listed.AzureServicePrincipals?.Count + " AZURE, " + listed.GcpServiceAccounts?.Count + " GCP");

        CloudProviderAccessRole gotAws = await client.GetCloudProviderAccessAsync(groupId, aws.RoleId).ConfigureAwait(false);
        CloudProviderAccessRole gotAzure = await client.GetCloudProviderAccessAsync(groupId, azure.Id).ConfigureAwait(false);
        CloudProviderAccessRole gotGcp = await client.GetCloudProviderAccessAsync(groupId, gcp.RoleId).ConfigureAwait(false);
        print("http get: " + Describe(gotAws) + "; " + Describe(gotAzure) + "; " + Describe(gotGcp));

        CloudProviderAccessRole authorizedAws = await client.AuthorizeProviderAccessRoleAsync(groupId, aws.RoleId, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = IamRoleArn }).ConfigureAwait(false);
        CloudProviderAccessRole authorizedAzure = await client.AuthorizeProviderAccessRoleAsync(groupId, azure.Id, new CloudProviderAccessAzureServicePrincipalRequestUpdate { ServicePrincipalId = SecondPrincipal, TenantId = TenantId }).ConfigureAwait(false);
        CloudProviderAccessRole authorizedGcp = await client.AuthorizeProviderAccessRoleAsync(groupId, gcp.RoleId, new CloudProviderAccessGCPServiceAccountRequestUpdate()).ConfigureAwait(false);
        print("http authorize: " + Describe(authorizedAws) + "; " + Describe(authorizedAzure) + "; " + (authorizedGcp is CloudProviderAccessGCPServiceAccount g && g.RoleId == gcp.RoleId ? "GCP account answered as it stands" : "GCP answer wrong"));

        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Aws, aws.RoleId).ConfigureAwait(false);
        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Azure, azure.Id).ConfigureAwait(false);
        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Gcp, gcp.RoleId).ConfigureAwait(false);
        CloudProviderAccessRoles left = await client.ListCloudProviderAccessAsync(groupId).ConfigureAwait(false);
        print("http deauthorize: " + ((left.AwsIamRoles?.Count ?? 0) + (left.AzureServicePrincipals?.Count ?? 0) + (left.GcpServiceAccounts?.Count ?? 0)) + " roles left");

        try
        {
            await client.GetCloudProviderAccessAsync(groupId, aws.RoleId).ConfigureAwait(false);
            fail("http error: a deauthorized role was still found");
        }
        catch (AtlasApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            print("http error: " + (int)e.StatusCode + " " + e.ErrorCode);
        }
    }

    private static string Describe(CloudProviderAccessRole role) => role switch
    {
        CloudProviderAccessAWSIAMRole aws => "AWS " + (aws.AuthorizedDate is null ? "not authorized" : "assumes " + aws.IamAssumedRoleArn),
        CloudProviderAccessAzureServicePrincipal azure => "AZURE principal " + azure.ServicePrincipalId + " in tenant " + azure.TenantId,
        CloudProviderAccessGCPServiceAccount => "GCP account",
        _ => "unexpected " + role.ProviderName,
    };
}
