using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Contoso.Atlas;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>What the models keep beyond their typed properties, and what each resolver writes of it.</summary>
public class DataFidelityTests
{
    private const string NewerServerRole = """{"providerName":"AWS","roleId":"32b6e34b3d91647abb20e7b8","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/a","sessionPolicy":{"maxSeconds":3600},"tags":["x"]}""";

    [Fact]
    public void Unknown_properties_are_kept_in_order_and_written_back_by_Complete()
    {
        var role = AtlasJson.Complete.Deserialize<CloudProviderAccessAWSIAMRole>(NewerServerRole)!;

        Assert.NotNull(role.AdditionalProperties);
        Assert.Equal(new[] { "sessionPolicy", "tags" }, role.AdditionalProperties!.Keys);
        Assert.Equal(3600, role.AdditionalProperties["sessionPolicy"].GetProperty("maxSeconds").GetInt32());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(NewerServerRole), JsonNode.Parse(AtlasJson.Complete.Serialize(role))));
    }

    [Fact]
    public void Default_sends_the_unknown_properties_set_in_code_but_none_that_were_read()
    {
        var role = AtlasJson.Default.Deserialize<CloudProviderAccessAWSIAMRole>(NewerServerRole)!;
        role.AdditionalProperties!["dryRun"] = JsonSerializer.SerializeToElement(true, AtlasAccessGen.Runtime.AtlasTypeInfo.Boolean);

        // readOnly roleId and the read sessionPolicy/tags stay out of a request body; what the caller added goes in.
        Assert.Equal("""{"providerName":"AWS","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/a","dryRun":true}""", AtlasJson.Default.Serialize(role));
        Assert.Contains("\"tags\":[\"x\"]", AtlasJson.Complete.Serialize(role), StringComparison.Ordinal);

        var update = new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/b" };
        update.AdditionalProperties = new AtlasAccessGen.Runtime.AtlasAdditionalProperties { { "note", JsonSerializer.SerializeToElement("n", AtlasAccessGen.Runtime.AtlasTypeInfo.String) } };
        Assert.Equal("""{"providerName":"AWS","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/b","note":"n"}""", AtlasJson.Default.Serialize(update));
    }

    [Fact]
    public void A_variant_read_from_a_typed_array_keeps_the_discriminator_it_was_read_with()
    {
        const string json = """{"awsIamRoles":[{"providerName":"ORACLE","roleId":"a"},{"providerName":"AWS","roleId":"b"}]}""";

        var roles = AtlasJson.Complete.Deserialize<CloudProviderAccessRoles>(json)!;

        Assert.Equal("ORACLE", roles.AwsIamRoles![0].ProviderName.Value);
        Assert.False(roles.AwsIamRoles[0].ProviderName.IsKnown);
        Assert.Equal(CloudProvider.Aws, roles.AwsIamRoles[1].ProviderName);
        Assert.Equal(json, AtlasJson.Complete.Serialize(roles));
        Assert.Equal(CloudProvider.Aws, new CloudProviderAccessAWSIAMRole().ProviderName);
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00.123456789Z", 1234567)]
    [InlineData("2026-03-01T12:00:00.000Z", 0)]
    [InlineData("2026-03-01T12:00:00+00:00", 0)]
    public void A_date_time_keeps_its_text_while_its_value_is_unchanged(string text, long fractionTicks)
    {
        string json = "{\"providerName\":\"GCP\",\"createdDate\":\"" + text + "\"}";

        var role = AtlasJson.Complete.Deserialize<CloudProviderAccessGCPServiceAccount>(json)!;

        Assert.Equal(fractionTicks, role.CreatedDate!.Value.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(json, AtlasJson.Complete.Serialize(role));
        role.CreatedDate = role.CreatedDate.Value.AddSeconds(1);
        Assert.DoesNotContain(text, AtlasJson.Complete.Serialize(role), StringComparison.Ordinal);
        Assert.Contains("\"createdDate\":\"2026-03-01T12:00:01", AtlasJson.Complete.Serialize(role), StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_time_written_as_it_was_read_keeps_nothing()
    {
        var role = AtlasJson.Complete.Deserialize<CloudProviderAccessGCPServiceAccount>("""{"providerName":"GCP","createdDate":"2026-03-01T12:00:00.5Z"}""")!;

        Assert.Null(role.AdditionalProperties);
    }
}
