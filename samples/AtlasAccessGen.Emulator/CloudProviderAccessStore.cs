using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AtlasAccessGen.Emulator;

/// <summary>
/// The Cloud Provider Access roles of each project, shaped as Atlas answers them: AWS roles with Atlas's account
/// ARN and a fresh external id, Azure service principals keyed by <c>_id</c>, GCP service accounts that are
/// <c>IN_PROGRESS</c> until provisioned; explicit nulls for what is not set yet.
/// </summary>
internal sealed partial class CloudProviderAccessStore
{
    private const string AtlasAwsAccountArn = "arn:aws:iam::772401394250:role/my-test-aws-role";
    private readonly AtlasEmulatorOptions _options;
    private readonly ConcurrentDictionary<string, List<JsonObject>> _projects = new(StringComparer.Ordinal);

    // createdDate has whole seconds; provisioning delays are measured from the exact instant.
    private readonly ConcurrentDictionary<JsonObject, DateTimeOffset> _created = new(ReferenceEqualityComparer.Instance);

    public CloudProviderAccessStore(AtlasEmulatorOptions options) => _options = options;

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    public EmulatorResult List(string groupId)
    {
        var roles = Roles(groupId);
        lock (roles)
        {
            JsonArray Of(string provider) => new(roles.Where(r => Provider(r) == provider).Select(r => (JsonNode)View(r)).ToArray());
            return new EmulatorResult(200, new JsonObject
            {
                ["awsIamRoles"] = Of("AWS"),
                ["azureServicePrincipals"] = Of("AZURE"),
                ["gcpServiceAccounts"] = Of("GCP"),
            });
        }
    }

    public EmulatorResult Create(string groupId, JsonNode? body)
    {
        string? provider = body?["providerName"]?.GetValue<string>();
        string now = Now();
        JsonObject role;
        switch (provider)
        {
            case "AWS":
                role = new JsonObject
                {
                    ["providerName"] = "AWS",
                    ["atlasAWSAccountArn"] = AtlasAwsAccountArn,
                    ["atlasAssumedRoleExternalId"] = Guid.NewGuid().ToString(),
                    ["authorizedDate"] = null,
                    ["createdDate"] = now,
                    ["featureUsages"] = new JsonArray(),
                    ["iamAssumedRoleArn"] = null,
                    ["roleId"] = NewId(),
                };
                break;
            case "AZURE":
                string? appId = body!["atlasAzureAppId"]?.GetValue<string>();
                string? principal = body["servicePrincipalId"]?.GetValue<string>();
                string? tenant = body["tenantId"]?.GetValue<string>();
                if (appId is null || principal is null || tenant is null)
                {
                    return EmulatorResult.Error(400, "MISSING_ATTRIBUTE", "An Azure service principal needs atlasAzureAppId, servicePrincipalId and tenantId.");
                }

                role = new JsonObject
                {
                    ["providerName"] = "AZURE",
                    ["_id"] = NewId(),
                    ["atlasAzureAppId"] = appId,
                    ["createdDate"] = now,
                    ["featureUsages"] = new JsonArray(),
                    ["lastUpdatedDate"] = now,
                    ["servicePrincipalId"] = principal,
                    ["tenantId"] = tenant,
                };
                break;
            case "GCP":
                role = new JsonObject
                {
                    ["providerName"] = "GCP",
                    ["createdDate"] = now,
                    ["featureUsages"] = new JsonArray(),
                    ["gcpServiceAccountForAtlas"] = null,
                    ["roleId"] = NewId(),
                    ["status"] = "IN_PROGRESS",
                };
                break;
            default:
                return EmulatorResult.Error(400, "INVALID_PROVIDER", "The providerName '" + provider + "' is not AWS, AZURE or GCP.");
        }

        _created[role] = _options.TimeProvider.GetUtcNow();
        var roles = Roles(groupId);
        lock (roles)
        {
            roles.Add(role);
            return new EmulatorResult(200, View(role));
        }
    }

    public EmulatorResult Get(string groupId, string roleId)
    {
        var roles = Roles(groupId);
        lock (roles)
        {
            return Find(roles, roleId) is { } role ? new EmulatorResult(200, View(role)) : NotFound(roleId);
        }
    }

    public EmulatorResult Authorize(string groupId, string roleId, JsonNode? body)
    {
        var roles = Roles(groupId);
        lock (roles)
        {
            if (Find(roles, roleId) is not { } role)
            {
                return NotFound(roleId);
            }

            string? provider = body?["providerName"]?.GetValue<string>();
            if (provider != Provider(role))
            {
                return EmulatorResult.Error(400, "INVALID_PROVIDER", "The providerName '" + provider + "' does not match the role's " + Provider(role) + ".");
            }

            if (provider == "AWS")
            {
                string? arn = body!["iamAssumedRoleArn"]?.GetValue<string>();
                if (arn is null || !ArnPattern().IsMatch(arn))
                {
                    return EmulatorResult.Error(400, "INVALID_IAM_ROLE_ARN", "The IAM role ARN '" + arn + "' is not of the form arn:aws:iam::<12 digits>:role/<name>.");
                }

                role["iamAssumedRoleArn"] = arn;
                role["authorizedDate"] = Now();
            }
            else if (provider == "AZURE")
            {
                // The PATCH body of a service principal carries the three ids (atlasAzureAppId may be left out: Atlas
                // derives it from the subscription); the ones sent replace the stored ones.
                string[] names = { "atlasAzureAppId", "servicePrincipalId", "tenantId" };
                foreach (string name in names)
                {
                    if (body![name] is { } value && (value.GetValueKind() != JsonValueKind.String || !Guid.TryParse(value.GetValue<string>(), out _)))
                    {
                        return EmulatorResult.Error(400, "INVALID_ATTRIBUTE", "The Azure attribute " + name + " is not a UUID.");
                    }
                }

                foreach (string name in names)
                {
                    if (body![name] is { } value)
                    {
                        role[name] = value.GetValue<string>();
                    }
                }

                role["lastUpdatedDate"] = Now();
            }

            // A GCP service account needs no authorization ("This is not required for GCP service account access"):
            // its body is the provider name alone, and the answer is the account as it stands.
            return new EmulatorResult(200, View(role));
        }
    }

    public EmulatorResult Deauthorize(string groupId, string cloudProvider, string roleId)
    {
        var roles = Roles(groupId);
        lock (roles)
        {
            if (Find(roles, roleId) is not { } role || Provider(role) != cloudProvider)
            {
                return NotFound(roleId);
            }

            roles.Remove(role);
            _created.TryRemove(role, out _);
            return new EmulatorResult(204, null);
        }
    }

    /// <summary>A copy as Atlas would answer now: a GCP service account is provisioned once its delay has passed.</summary>
    private JsonObject View(JsonObject role)
    {
        if (Provider(role) == "GCP" && role["status"]?.GetValue<string>() == "IN_PROGRESS"
            && _created.TryGetValue(role, out DateTimeOffset created)
            && _options.TimeProvider.GetUtcNow() - created >= _options.GcpProvisioningDelay)
        {
            role["status"] = "COMPLETE";
            role["gcpServiceAccountForAtlas"] = "mongodb-atlas-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant() + "@p-" + NewId() + ".iam.gserviceaccount.com";
        }

        return (JsonObject)role.DeepClone();
    }

    private List<JsonObject> Roles(string groupId) => _projects.GetOrAdd(groupId, _ => new List<JsonObject>());

    private static JsonObject? Find(List<JsonObject> roles, string roleId) =>
        roles.FirstOrDefault(r => (r["roleId"] ?? r["_id"])?.GetValue<string>() == roleId);

    private static string Provider(JsonObject role) => role["providerName"]!.GetValue<string>();

    private static EmulatorResult NotFound(string roleId) => EmulatorResult.Error(404, "RESOURCE_NOT_FOUND", "Cannot find resource " + roleId + ".");

    private string Now() => _options.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    [GeneratedRegex("^([a-f0-9]{24})$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^arn:aws:iam::\d{12}:role/[\w+=,.@/-]+$")]
    private static partial Regex ArnPattern();
}
