using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Contoso.Atlas;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

public class ModelSerializationTests
{
    private const string RolesJson = """
        {
          "awsIamRoles": [{
            "atlasAWSAccountArn": "arn:aws:iam::772401394250:role/my-test-aws-role",
            "atlasAssumedRoleExternalId": "24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90",
            "authorizedDate": null,
            "createdDate": "2025-05-04T09:42:00Z",
            "featureUsages": [
              { "featureType": "ENCRYPTION_AT_REST", "featureId": null },
              { "featureId": { "groupId": "32b6e34b3d91647abb20e7b8", "name": "lake" }, "featureType": "ATLAS_DATA_LAKE" }
            ],
            "iamAssumedRoleArn": null,
            "providerName": "AWS",
            "roleId": "32b6e34b3d91647abb20e7b8"
          }],
          "azureServicePrincipals": [{
            "_id": "32b6e34b3d91647abb20e7b9",
            "atlasAzureAppId": "6f1e3c1a-0a3b-4d5e-8f9a-1b2c3d4e5f60",
            "createdDate": "2025-05-04T09:42:00Z",
            "featureUsages": [],
            "lastUpdatedDate": "2025-05-04T09:42:00Z",
            "providerName": "AZURE",
            "servicePrincipalId": "7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d",
            "tenantId": "8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e"
          }],
          "gcpServiceAccounts": [{
            "createdDate": "2025-05-04T09:42:00Z",
            "featureUsages": [],
            "gcpServiceAccountForAtlas": "mongodb-atlas-abcdefgh12345678@p-abcdefghijklmnopqrstuvwx.iam.gserviceaccount.com",
            "providerName": "GCP",
            "roleId": "32b6e34b3d91647abb20e7ba",
            "status": "IN_PROGRESS"
          }]
        }
        """;

    [Fact]
    public void List_response_reads_every_provider_with_typed_values()
    {
        CloudProviderAccessRoles roles = AtlasJson.Default.Deserialize<CloudProviderAccessRoles>(RolesJson)!;

        CloudProviderAccessAWSIAMRole aws = Assert.Single(roles.AwsIamRoles!);
        Assert.Equal(CloudProvider.Aws, aws.ProviderName);
        Assert.Equal(Guid.Parse("24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90"), aws.AtlasAssumedRoleExternalId);
        Assert.Equal(new DateTimeOffset(2025, 5, 4, 9, 42, 0, TimeSpan.Zero), aws.CreatedDate);
        Assert.Null(aws.AuthorizedDate);
        Assert.Null(aws.IamAssumedRoleArn);
        Assert.Collection(
            aws.FeatureUsages!,
            usage => Assert.IsType<CloudProviderAccessEncryptionAtRestFeatureUsage>(usage),
            usage => Assert.Equal("lake", Assert.IsType<CloudProviderAccessDataLakeFeatureUsage>(usage).FeatureId!.Name));

        CloudProviderAccessAzureServicePrincipal azure = Assert.Single(roles.AzureServicePrincipals!);
        Assert.Equal("32b6e34b3d91647abb20e7b9", azure.Id);
        Assert.Equal(Guid.Parse("8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e"), azure.TenantId);

        CloudProviderAccessGCPServiceAccount gcp = Assert.Single(roles.GcpServiceAccounts!);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, gcp.Status);
    }

    [Fact]
    public void Base_type_dispatches_on_the_discriminator_wherever_it_stands()
    {
        var first = AtlasJson.Default.Deserialize<CloudProviderAccessRole>("""{"providerName":"GCP","roleId":"32b6e34b3d91647abb20e7ba"}""");
        var last = AtlasJson.Default.Deserialize<CloudProviderAccessRole>("""{"roleId":"32b6e34b3d91647abb20e7ba","status":"COMPLETE","featureUsages":[{"x":[1,{"providerName":"AWS"}]}],"providerName":"GCP"}""");

        Assert.Equal("32b6e34b3d91647abb20e7ba", Assert.IsType<CloudProviderAccessGCPServiceAccount>(first).RoleId);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.Complete, Assert.IsType<CloudProviderAccessGCPServiceAccount>(last).Status);
    }

    [Fact]
    public void Unknown_discriminator_value_keeps_the_raw_json_and_writes_it_back()
    {
        const string json = """{"providerName":"OCI","ociTenancy":"ocid1.tenancy","roleId":"32b6e34b3d91647abb20e7bb"}""";

        var role = AtlasJson.Default.Deserialize<CloudProviderAccessRole>(json);

        var unknown = Assert.IsType<UnknownCloudProviderAccessRole>(role);
        Assert.Equal("OCI", unknown.ProviderName.Value);
        Assert.False(unknown.ProviderName.IsKnown);
        Assert.Equal("ocid1.tenancy", unknown.RawJson.GetProperty("ociTenancy").GetString());
        Assert.Equal(json, AtlasJson.Default.Serialize<CloudProviderAccessRole>(unknown));
    }

    [Fact]
    public void Unknown_feature_type_reads_as_the_unknown_variant()
    {
        var usage = AtlasJson.Default.Deserialize<CloudProviderAccessFeatureUsage>("""{"featureType":"SOMETHING_NEW","featureId":{"a":1}}""");

        var unknown = Assert.IsType<UnknownCloudProviderAccessFeatureUsage>(usage);
        Assert.Equal(new CloudProviderAccessFeatureUsageFeatureType("SOMETHING_NEW"), unknown.FeatureType);
    }

    [Fact]
    public void Discriminator_is_written_exactly_once_and_first()
    {
        var role = new CloudProviderAccessAWSIAMRole { IamAssumedRoleArn = "arn:aws:iam::123456789012:root", RoleId = "32b6e34b3d91647abb20e7b8" };

        string json = AtlasJson.Complete.Serialize<CloudProviderAccessRole>(role);

        Assert.StartsWith("""{"providerName":"AWS",""", json, StringComparison.Ordinal);
        Assert.Equal(1, json.Split("providerName").Length - 1);
    }

    [Fact]
    public void Request_bodies_never_carry_read_only_properties()
    {
        var request = new CloudProviderAccessAWSIAMRoleRequest
        {
            RoleId = "32b6e34b3d91647abb20e7b8",
            CreatedDate = DateTimeOffset.UnixEpoch,
            FeatureUsages = [new CloudProviderAccessEncryptionAtRestFeatureUsage()],
        };

        Assert.Equal("""{"providerName":"AWS"}""", AtlasJson.Default.Serialize<CloudProviderAccessRoleRequest>(request));
        Assert.Contains("\"roleId\"", AtlasJson.Complete.Serialize<CloudProviderAccessRoleRequest>(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_optional_properties_are_omitted()
    {
        var update = new CloudProviderAccessAzureServicePrincipalRequestUpdate { TenantId = Guid.Parse("8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e") };

        Assert.Equal("""{"providerName":"AZURE","tenantId":"8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e"}""", AtlasJson.Default.Serialize<CloudProviderAccessRoleRequestUpdate>(update));
    }

    [Fact]
    public void Extensible_enum_round_trips_values_it_does_not_know()
    {
        var gcp = AtlasJson.Default.Deserialize<CloudProviderAccessGCPServiceAccount>("""{"providerName":"GCP","status":"PAUSED"}""")!;

        Assert.Equal("PAUSED", gcp.Status!.Value.Value);
        Assert.False(gcp.Status.Value.IsKnown);
        Assert.Contains("\"status\":\"PAUSED\"", AtlasJson.Complete.Serialize(gcp), StringComparison.Ordinal);
        Assert.True(CloudProviderAccessGCPServiceAccountStatus.Complete == new CloudProviderAccessGCPServiceAccountStatus("COMPLETE"));
        Assert.Equal(4, CloudProviderAccessGCPServiceAccountStatus.KnownValues.Count);
    }

    [Theory]
    [InlineData("alphabetical", """{"atlasAWSAccountArn":"arn","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90","createdDate":"2025-05-04T09:42:00Z","iamAssumedRoleArn":"iam","providerName":"AWS","roleId":"id"}""")]
    [InlineData("reversed", """{"roleId":"id","providerName":"AWS","iamAssumedRoleArn":"iam","createdDate":"2025-05-04T09:42:00Z","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90","atlasAWSAccountArn":"arn"}""")]
    [InlineData("shuffled, with unknown ones between", """{"iamAssumedRoleArn":"iam","x":1,"atlasAWSAccountArn":"arn","roleId":"id","providerName":"AWS","y":[],"createdDate":"2025-05-04T09:42:00Z","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90"}""")]
    [InlineData("a repeated one, the last kept", """{"roleId":"first","atlasAWSAccountArn":"arn","roleId":"id","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90","createdDate":"2025-05-04T09:42:00Z","iamAssumedRoleArn":"iam","providerName":"AWS"}""")]
    public void Properties_are_read_in_any_order(string order, string json)
    {
        // The converters look for each name first where the last one left off (objects mostly keep one order).
        var role = Assert.IsType<CloudProviderAccessAWSIAMRole>(AtlasJson.Default.Deserialize<CloudProviderAccessRole>(json));

        Assert.True(role is { AtlasAWSAccountArn: "arn", IamAssumedRoleArn: "iam", RoleId: "id" }, order);
        Assert.Equal(Guid.Parse("24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90"), role.AtlasAssumedRoleExternalId);
        Assert.Equal(new DateTimeOffset(2025, 5, 4, 9, 42, 0, TimeSpan.Zero), role.CreatedDate);
    }

    [Fact]
    public void Unknown_properties_of_any_shape_are_skipped()
    {
        var error = AtlasJson.Default.Deserialize<ApiError>("""{"error":404,"extra":{"deep":[1,[2,{"x":null}]]},"errorCode":"RESOURCE_NOT_FOUND","more":[],"n":1.5}""")!;

        Assert.Equal(404, error.Error);
        Assert.Equal("RESOURCE_NOT_FOUND", error.ErrorCode);
    }

    [Fact]
    public void Missing_required_property_is_a_json_exception_naming_it()
    {
        var exception = Assert.Throws<JsonException>(() => AtlasJson.Default.Deserialize<ApiError>("""{"error":404}"""));

        Assert.Contains("errorCode", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Untyped_parameters_keep_whatever_the_server_sent()
    {
        var error = AtlasJson.Default.Deserialize<ApiError>("""{"error":400,"errorCode":"VALIDATION_ERROR","parameters":["a",1,{"k":"v"},null],"badRequestDetail":null}""")!;

        Assert.Equal(["\"a\"", "1", """{"k":"v"}""", "null"], error.Parameters!.Select(p => p.GetRawText()));
        Assert.Null(error.BadRequestDetail);
    }

    [Fact]
    public void Wrong_token_types_fail_as_json_exceptions()
    {
        Assert.Throws<JsonException>(() => AtlasJson.Default.Deserialize<ApiError>("""{"error":"not a number","errorCode":"X"}"""));
        Assert.Throws<JsonException>(() => AtlasJson.Default.Deserialize<CloudProviderAccessRoles>("""{"awsIamRoles":{}}"""));
    }

    [Fact]
    public void Yaml_spec_generates_the_same_models_in_its_own_namespace()
    {
        var fromJson = AtlasJson.Default.Deserialize<CloudProviderAccessRoles>(RolesJson)!;
        var fromYaml = Contoso.AtlasFromYaml.AtlasJson.Default.Deserialize<Contoso.AtlasFromYaml.CloudProviderAccessRoles>(RolesJson)!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(AtlasJson.Complete.Serialize(fromJson)),
            JsonNode.Parse(Contoso.AtlasFromYaml.AtlasJson.Complete.Serialize(fromYaml))));
    }
}
