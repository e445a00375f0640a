using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtlasAccessGen.Benchmarks.Json.HandWritten;

// The peer a careful developer would write by hand for System.Text.Json's source generator: the same shapes and
// .NET types as the generated models (Guid, DateTimeOffset, nullable everything, polymorphic feature usages).
// Differences that favour this side: closed C# enums (ours are open, keeping values Atlas adds later) and no
// validation or unknown-subtype fallback.

public sealed class CloudProviderAccessRoles
{
    [JsonPropertyName("awsIamRoles")]
    public List<AwsIamRole>? AwsIamRoles { get; set; }

    [JsonPropertyName("azureServicePrincipals")]
    public List<AzureServicePrincipal>? AzureServicePrincipals { get; set; }

    [JsonPropertyName("gcpServiceAccounts")]
    public List<GcpServiceAccount>? GcpServiceAccounts { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ProviderName>))]
public enum ProviderName
{
    [JsonStringEnumMemberName("AWS")]
    Aws,

    [JsonStringEnumMemberName("AZURE")]
    Azure,

    [JsonStringEnumMemberName("GCP")]
    Gcp,
}

[JsonConverter(typeof(JsonStringEnumConverter<GcpStatus>))]
public enum GcpStatus
{
    [JsonStringEnumMemberName("IN_PROGRESS")]
    InProgress,

    [JsonStringEnumMemberName("COMPLETE")]
    Complete,

    [JsonStringEnumMemberName("FAILED")]
    Failed,

    [JsonStringEnumMemberName("NOT_INITIATED")]
    NotInitiated,
}

public sealed class AwsIamRole
{
    [JsonPropertyName("atlasAWSAccountArn")]
    public string? AtlasAwsAccountArn { get; set; }

    [JsonPropertyName("atlasAssumedRoleExternalId")]
    public Guid? AtlasAssumedRoleExternalId { get; set; }

    [JsonPropertyName("authorizedDate")]
    public DateTimeOffset? AuthorizedDate { get; set; }

    [JsonPropertyName("createdDate")]
    public DateTimeOffset? CreatedDate { get; set; }

    [JsonPropertyName("featureUsages")]
    public List<FeatureUsage>? FeatureUsages { get; set; }

    [JsonPropertyName("iamAssumedRoleArn")]
    public string? IamAssumedRoleArn { get; set; }

    [JsonPropertyName("providerName")]
    public ProviderName ProviderName { get; set; }

    [JsonPropertyName("roleId")]
    public string? RoleId { get; set; }
}

public sealed class AzureServicePrincipal
{
    [JsonPropertyName("_id")]
    public string? Id { get; set; }

    [JsonPropertyName("atlasAzureAppId")]
    public Guid? AtlasAzureAppId { get; set; }

    [JsonPropertyName("createdDate")]
    public DateTimeOffset? CreatedDate { get; set; }

    [JsonPropertyName("featureUsages")]
    public List<FeatureUsage>? FeatureUsages { get; set; }

    [JsonPropertyName("lastUpdatedDate")]
    public DateTimeOffset? LastUpdatedDate { get; set; }

    [JsonPropertyName("providerName")]
    public ProviderName ProviderName { get; set; }

    [JsonPropertyName("servicePrincipalId")]
    public Guid? ServicePrincipalId { get; set; }

    [JsonPropertyName("tenantId")]
    public Guid? TenantId { get; set; }
}

public sealed class GcpServiceAccount
{
    [JsonPropertyName("createdDate")]
    public DateTimeOffset? CreatedDate { get; set; }

    [JsonPropertyName("featureUsages")]
    public List<FeatureUsage>? FeatureUsages { get; set; }

    [JsonPropertyName("gcpServiceAccountForAtlas")]
    public string? GcpServiceAccountForAtlas { get; set; }

    [JsonPropertyName("providerName")]
    public ProviderName ProviderName { get; set; }

    [JsonPropertyName("roleId")]
    public string? RoleId { get; set; }

    [JsonPropertyName("status")]
    public GcpStatus? Status { get; set; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "featureType")]
[JsonDerivedType(typeof(DataLakeFeatureUsage), "ATLAS_DATA_LAKE")]
[JsonDerivedType(typeof(EncryptionAtRestFeatureUsage), "ENCRYPTION_AT_REST")]
[JsonDerivedType(typeof(ExportSnapshotFeatureUsage), "EXPORT_SNAPSHOT")]
[JsonDerivedType(typeof(PushBasedLogExportFeatureUsage), "PUSH_BASED_LOG_EXPORT")]
[JsonDerivedType(typeof(AtlasLogIntegrationFeatureUsage), "ATLAS_LOG_INTEGRATION")]
public abstract class FeatureUsage;

public sealed class DataLakeFeatureUsage : FeatureUsage
{
    [JsonPropertyName("featureId")]
    public DataLakeFeatureId? FeatureId { get; set; }
}

public sealed class EncryptionAtRestFeatureUsage : FeatureUsage
{
    [JsonPropertyName("featureId")]
    public JsonElement? FeatureId { get; set; }
}

public sealed class ExportSnapshotFeatureUsage : FeatureUsage
{
    [JsonPropertyName("featureId")]
    public ExportSnapshotFeatureId? FeatureId { get; set; }
}

public sealed class PushBasedLogExportFeatureUsage : FeatureUsage
{
    [JsonPropertyName("featureId")]
    public PushBasedLogExportFeatureId? FeatureId { get; set; }
}

public sealed class AtlasLogIntegrationFeatureUsage : FeatureUsage
{
    [JsonPropertyName("featureId")]
    public AtlasLogIntegrationFeatureId? FeatureId { get; set; }
}

public sealed class DataLakeFeatureId
{
    [JsonPropertyName("groupId")]
    public string? GroupId { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

public sealed class ExportSnapshotFeatureId
{
    [JsonPropertyName("exportBucketId")]
    public string? ExportBucketId { get; set; }

    [JsonPropertyName("groupId")]
    public string? GroupId { get; set; }
}

public sealed class PushBasedLogExportFeatureId
{
    [JsonPropertyName("bucketName")]
    public string? BucketName { get; set; }

    [JsonPropertyName("groupId")]
    public string? GroupId { get; set; }
}

public sealed class AtlasLogIntegrationFeatureId
{
    [JsonPropertyName("configId")]
    public string? ConfigId { get; set; }

    [JsonPropertyName("groupId")]
    public string? GroupId { get; set; }

    [JsonPropertyName("sinkName")]
    public string? SinkName { get; set; }
}

/// <summary>
/// Atlas writes <c>featureType</c> after <c>featureId</c>, so the discriminator may come last: System.Text.Json
/// then has to buffer each feature usage (AllowOutOfOrderMetadataProperties), as the generated converters read ahead.
/// </summary>
[JsonSourceGenerationOptions(AllowOutOfOrderMetadataProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudProviderAccessRoles))]
public sealed partial class HandWrittenJsonContext : JsonSerializerContext;
