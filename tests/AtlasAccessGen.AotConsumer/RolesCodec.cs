using AotConsumer.Atlas;

namespace AotConsumer;

/// <summary>Uses the generated serialization the way an AOT-published app would.</summary>
public static class RolesCodec
{
    /// <summary>Reads a list response.</summary>
    public static CloudProviderAccessRoles? Read(string json) => AtlasJson.Default.Deserialize<CloudProviderAccessRoles>(json);

    /// <summary>Writes a request body.</summary>
    public static byte[] Write(CloudProviderAccessRoleRequest request) => AtlasJson.Default.SerializeToUtf8Bytes(request);

    /// <summary>Uses the resolver through the System.Text.Json API directly.</summary>
    public static string WriteRole(CloudProviderAccessRole role) =>
        System.Text.Json.JsonSerializer.Serialize(role, AtlasJson.Complete.GetTypeInfo<CloudProviderAccessRole>());
}
