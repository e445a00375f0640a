using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Workflows;
using CloudProviderAccess.Demo.Atlas;

namespace CloudProviderAccess.Demo;

/// <summary>
/// Walks the Cloud Provider Access workflow through the generated client: against the embedded Atlas emulator
/// by default, or against real Atlas when credentials are in the environment (read-only unless --write).
/// </summary>
public static class Program
{
    private const string Help = """
        Cloud Provider Access demo: the whole workflow through the client AtlasAccessGen generates.

        Usage: dotnet run --project samples/CloudProviderAccess.Demo [-- --write] [-- --help]

        With no configuration it starts an embedded Atlas emulator on 127.0.0.1 and runs every step:
          create an AWS IAM role, list, authorize it with an IAM role ARN, get it, create a GCP service account
          and wait until it is provisioned, create an Azure service principal, deauthorize everything, list.

        Against real Atlas, set:
          ATLAS_GROUP_ID                               the project (24 hex digits)
          ATLAS_CLIENT_ID and ATLAS_CLIENT_SECRET      a Service Account, or
          ATLAS_PUBLIC_KEY and ATLAS_PRIVATE_KEY       an API key pair (HTTP Digest)
          ATLAS_BASE_URL                               optional, default https://cloud.mongodb.com/
        It then only lists the project's roles, unless --write is given, which runs every step for real
        (it creates roles in your project and removes them again).
        """;

    private const string DemoGroupId = AtlasEmulator.ExampleProjectId;
    private const string DemoIamRoleArn = "arn:aws:iam::123456789012:role/atlas-demo";

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        string? groupId = Environment.GetEnvironmentVariable("ATLAS_GROUP_ID");
        AtlasClientOptions? real = RealAtlasOptions();
        if (real is not null && groupId is null)
        {
            Console.Error.WriteLine("ATLAS_GROUP_ID is not set: it names the project to use. See --help.");
            return 2;
        }

        AtlasEmulator? emulator = null;
        try
        {
            AtlasClientOptions options;
            bool write = args.Contains("--write");
            if (real is null)
            {
                emulator = await AtlasEmulator.StartAsync(new AtlasEmulatorOptions { GcpProvisioningDelay = TimeSpan.FromSeconds(1.5) });
                options = new AtlasClientOptions
                {
                    BaseAddress = emulator.BaseAddress,
                    ApiKey = new AtlasApiKey(emulator.Options.PublicKey, emulator.Options.PrivateKey),
                    UserAgentProduct = "CloudProviderAccessDemo/1.0",
                };
                groupId = DemoGroupId;
                write = true;
                Console.WriteLine($"Atlas emulator on {emulator.BaseAddress} (HTTP Digest with an API key), project {groupId}");
            }
            else
            {
                options = real;
                Console.WriteLine($"Atlas at {options.BaseAddress} ({(options.ServiceAccount is null ? "API key" : "Service Account")}), project {groupId}" + (write ? string.Empty : ", read-only (pass --write to run every step)"));
            }

            using var atlas = new AtlasClient(options);
            var watch = Stopwatch.StartNew();
            int steps = write ? await RunWorkflow(atlas.CloudProviderAccess, groupId!, emulator) : await ListOnly(atlas.CloudProviderAccess, groupId!);

            // The status polls are counted apart: their number depends on timing (a poll every 0.5 s until the 1.5 s
            // provisioning delay has passed), while the other requests are always the same.
            Console.WriteLine($"Summary: {steps} steps done in {watch.Elapsed.TotalSeconds:F1} s"
                + (emulator is null ? "." : $", {emulator.RequestCount} HTTP requests to the emulator ({s_statusPolls} of them polling the GCP status)."));
            return 0;
        }
        catch (AtlasApiException e)
        {
            Console.Error.WriteLine($"Atlas error {(int)e.StatusCode} {e.ErrorCode ?? "(no error code)"}: {e.Detail ?? e.Message}");
            return 1;
        }
        catch (Exception e) when (e is AtlasWorkflowException or TimeoutException or System.Net.Http.HttpRequestException or ArgumentException)
        {
            Console.Error.WriteLine("Failed: " + e.Message);
            return 1;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    private static int s_statusPolls;

    private static async Task<int> RunWorkflow(ICloudProviderAccessClient client, string groupId, AtlasEmulator? emulator)
    {
        var aws = (CloudProviderAccessAWSIAMRole)await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());
        Step(1, $"Created AWS IAM role {aws.RoleId}: Atlas account {aws.AtlasAWSAccountArn}, external id {aws.AtlasAssumedRoleExternalId}");

        Step(2, "Listed the project's roles:");
        PrintTable(await client.ListCloudProviderAccessAsync(groupId));

        var authorized = (CloudProviderAccessAWSIAMRole)await client.AuthorizeProviderAccessRoleAsync(groupId, aws.RoleId!, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = DemoIamRoleArn });
        Step(3, $"Authorized {authorized.RoleId} to assume {authorized.IamAssumedRoleArn} at {authorized.AuthorizedDate:u}");

        var fetched = (CloudProviderAccessAWSIAMRole)await client.GetCloudProviderAccessAsync(groupId, aws.RoleId!);
        Step(4, $"Got {fetched.RoleId}: {fetched.ProviderName}, authorized {(fetched.AuthorizedDate is null ? "no" : "yes")}");

        var gcp = (CloudProviderAccessGCPServiceAccount)await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest());
        int beforePolling = emulator?.RequestCount ?? 0;
        CloudProviderAccessGCPServiceAccount ready = await client.WaitUntilGcpServiceAccountReadyAsync(groupId, gcp.RoleId!, new AtlasPollOptions { Interval = TimeSpan.FromSeconds(0.5), Timeout = TimeSpan.FromMinutes(5) });
        s_statusPolls = (emulator?.RequestCount ?? 0) - beforePolling;
        Step(5, $"Created GCP service account {gcp.RoleId}: {gcp.Status} -> {ready.Status}, {ready.GcpServiceAccountForAtlas}");

        var azure = (CloudProviderAccessAzureServicePrincipal)await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = new Guid("9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e"),
            ServicePrincipalId = new Guid("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"),
            TenantId = new Guid("91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b"),
        });
        Step(6, $"Created Azure service principal {azure.Id} for app {azure.AtlasAzureAppId}");

        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Aws, aws.RoleId!);
        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Gcp, gcp.RoleId!);
        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Azure, azure.Id!);
        Step(7, $"Deauthorized {aws.RoleId} (AWS), {gcp.RoleId} (GCP) and {azure.Id} (AZURE)");

        CloudProviderAccessRoles remaining = await client.ListCloudProviderAccessAsync(groupId);
        int count = (remaining.AwsIamRoles?.Count ?? 0) + (remaining.AzureServicePrincipals?.Count ?? 0) + (remaining.GcpServiceAccounts?.Count ?? 0);
        Step(8, $"Listed again: {count} roles left");
        return 8;
    }

    private static async Task<int> ListOnly(ICloudProviderAccessClient client, string groupId)
    {
        Step(1, "Listed the project's roles:");
        PrintTable(await client.ListCloudProviderAccessAsync(groupId));
        return 1;
    }

    private static void Step(int number, string text) => Console.WriteLine($"{number}. {text}");

    private static void PrintTable(CloudProviderAccessRoles roles)
    {
        var rows = (roles.AwsIamRoles ?? []).Select(r => ("AWS", r.RoleId, r.AuthorizedDate is null ? "not authorized" : "authorized " + r.IamAssumedRoleArn))
            .Concat((roles.AzureServicePrincipals ?? []).Select(r => ("AZURE", r.Id, "app " + r.AtlasAzureAppId)))
            .Concat((roles.GcpServiceAccounts ?? []).Select(r => ("GCP", r.RoleId, r.Status?.ToString() ?? "-")))
            .ToList();
        Console.WriteLine($"   {"PROVIDER",-9}{"ROLE ID",-26}STATE");
        foreach ((string provider, string? id, string state) in rows)
        {
            Console.WriteLine($"   {provider,-9}{id,-26}{state}");
        }

        if (rows.Count == 0)
        {
            Console.WriteLine("   (none)");
        }
    }

    private static AtlasClientOptions? RealAtlasOptions()
    {
        string? clientId = Environment.GetEnvironmentVariable("ATLAS_CLIENT_ID");
        string? clientSecret = Environment.GetEnvironmentVariable("ATLAS_CLIENT_SECRET");
        string? publicKey = Environment.GetEnvironmentVariable("ATLAS_PUBLIC_KEY");
        string? privateKey = Environment.GetEnvironmentVariable("ATLAS_PRIVATE_KEY");
        if (string.IsNullOrEmpty(clientId) && string.IsNullOrEmpty(publicKey))
        {
            return null;
        }

        var options = new AtlasClientOptions { UserAgentProduct = "CloudProviderAccessDemo/1.0" };
        if (Environment.GetEnvironmentVariable("ATLAS_BASE_URL") is { Length: > 0 } baseUrl)
        {
            options.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        }

        if (!string.IsNullOrEmpty(clientId))
        {
            options.ServiceAccount = new AtlasServiceAccount(clientId, clientSecret ?? string.Empty);
        }
        else
        {
            options.ApiKey = new AtlasApiKey(publicKey!, privateKey ?? string.Empty);
        }

        return options;
    }
}
