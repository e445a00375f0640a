using System.Net.Http;
using System.Threading.Tasks;
using AotConsumer.Clusters;

namespace AotConsumer;

/// <summary>Calls the pinned, sliced client the way an AOT-published app would, so the analyzers see the call paths.</summary>
public static class ClusterCalls
{
    /// <summary>Reads one cluster at the pinned version, and the same cluster at an older version side by side.</summary>
    public static async Task<string?> NamesAsync(HttpClient http, string groupId, string clusterName)
    {
        var client = new AtlasClient(http);
        ClusterDescription20240805 current = await client.Clusters.GetClusterAsync(groupId, clusterName);

        // 2023-01-01 has a sunset date and a newer version, so calling it is a deliberate, visible choice.
#pragma warning disable CS0618
        LegacyAtlasCluster legacy = await client.Clusters.V2023_01_01.GetClusterAsync(groupId, clusterName);
#pragma warning restore CS0618
        return current.Name + " " + legacy.Name;
    }
}
