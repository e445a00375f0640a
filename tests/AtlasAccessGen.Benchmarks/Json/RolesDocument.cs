using System;
using System.Buffers;
using System.Text.Json;

namespace AtlasAccessGen.Benchmarks.Json;

/// <summary>
/// A <c>CloudProviderAccessRoles</c> body as Atlas writes it (properties in alphabetical order, so each feature
/// usage's <c>featureType</c> discriminator comes after its <c>featureId</c>), with roles spread evenly over AWS,
/// Azure and GCP and every role carrying feature usages of all five types between them. Deterministic: no clock, no random.
/// </summary>
public static class RolesDocument
{
    /// <summary>What one document holds, to check every reader read all of it.</summary>
    public readonly record struct Shape(int Aws, int Azure, int Gcp, int FeatureUsages);

    public static Shape ShapeOf(int roles) => new((roles + 2) / 3, (roles + 1) / 3, roles / 3, ((roles + 2) / 3 * 2) + ((roles + 1) / 3) + (roles / 3));

    public static byte[] Create(int roles)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("awsIamRoles");
            for (int i = 0; i < roles; i += 3)
            {
                WriteAws(json, i);
            }

            json.WriteEndArray();
            json.WriteStartArray("azureServicePrincipals");
            for (int i = 1; i < roles; i += 3)
            {
                WriteAzure(json, i);
            }

            json.WriteEndArray();
            json.WriteStartArray("gcpServiceAccounts");
            for (int i = 2; i < roles; i += 3)
            {
                WriteGcp(json, i);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAws(Utf8JsonWriter json, int i)
    {
        json.WriteStartObject();
        json.WriteString("atlasAWSAccountArn", "arn:aws:iam::772401394250:role/atlas-role-" + i);
        json.WriteString("atlasAssumedRoleExternalId", Guid(i, 1));
        json.WriteString("authorizedDate", Date(i, 1));
        json.WriteString("createdDate", Date(i, 0));
        json.WriteStartArray("featureUsages");
        json.WriteStartObject();
        json.WriteStartObject("featureId");
        json.WriteString("groupId", ObjectId(i, 7));
        json.WriteString("name", "lake-" + i);
        json.WriteEndObject();
        json.WriteString("featureType", "ATLAS_DATA_LAKE");
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteNull("featureId");
        json.WriteString("featureType", "ENCRYPTION_AT_REST");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("iamAssumedRoleArn", "arn:aws:iam::123456789012:role/customer-role-" + i);
        json.WriteString("providerName", "AWS");
        json.WriteString("roleId", ObjectId(i, 0));
        json.WriteEndObject();
    }

    private static void WriteAzure(Utf8JsonWriter json, int i)
    {
        json.WriteStartObject();
        json.WriteString("_id", ObjectId(i, 0));
        json.WriteString("atlasAzureAppId", Guid(i, 2));
        json.WriteString("createdDate", Date(i, 0));
        json.WriteStartArray("featureUsages");
        json.WriteStartObject();
        json.WriteStartObject("featureId");
        json.WriteString("exportBucketId", ObjectId(i, 8));
        json.WriteString("groupId", ObjectId(i, 7));
        json.WriteEndObject();
        json.WriteString("featureType", "EXPORT_SNAPSHOT");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("lastUpdatedDate", Date(i, 2));
        json.WriteString("providerName", "AZURE");
        json.WriteString("servicePrincipalId", Guid(i, 3));
        json.WriteString("tenantId", Guid(i, 4));
        json.WriteEndObject();
    }

    private static void WriteGcp(Utf8JsonWriter json, int i)
    {
        json.WriteStartObject();
        json.WriteString("createdDate", Date(i, 0));
        json.WriteStartArray("featureUsages");
        json.WriteStartObject();
        json.WriteStartObject("featureId");
        if (i % 2 == 0)
        {
            json.WriteString("bucketName", "logs-" + i);
            json.WriteString("groupId", ObjectId(i, 7));
            json.WriteEndObject();
            json.WriteString("featureType", "PUSH_BASED_LOG_EXPORT");
        }
        else
        {
            json.WriteString("configId", ObjectId(i, 9));
            json.WriteString("groupId", ObjectId(i, 7));
            json.WriteString("sinkName", "sink-" + i);
            json.WriteEndObject();
            json.WriteString("featureType", "ATLAS_LOG_INTEGRATION");
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("gcpServiceAccountForAtlas", "mongodb-atlas-" + i.ToString("x8") + "@p-abcdefghijklmnopqrstuvwx.iam.gserviceaccount.com");
        json.WriteString("providerName", "GCP");
        json.WriteString("roleId", ObjectId(i, 0));
        json.WriteString("status", (i % 3) switch { 0 => "COMPLETE", 1 => "IN_PROGRESS", _ => "FAILED" });
        json.WriteEndObject();
    }

    private static string ObjectId(int i, int salt) => (0x32b6e34b3d91647aL + salt).ToString("x16") + i.ToString("x8");

    private static string Guid(int i, int salt) => new Guid(i, (short)salt, 0x4b55, 0x9f, 0x3e, 0x6d, 0x5c, 0x2f, 0x1e, 0x8a, 0x90).ToString();

    private static DateTimeOffset Date(int i, int days) => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i).AddDays(days);
}
