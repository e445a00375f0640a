using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AtlasAccessGen.Benchmarks.Json.HandWritten;
using Generated = Bench.Generated;
using NSwagModels = AtlasAccessGen.Benchmarks.Json.NSwag;

namespace AtlasAccessGen.Benchmarks.Json;

/// <summary>
/// Run in every setup (the CI smoke job too): the contenders must do the same work, or the ratios mean nothing.
/// Every reader finds every role and feature usage with the right subtype, and every writer writes back the same
/// JSON (compared as trees, order aside, since Newtonsoft writes the discriminator first).
/// </summary>
internal static class JsonChecks
{
    public static void AllReadTheSame(RolesDocument.Shape expected, Generated.CloudProviderAccessRoles generated, CloudProviderAccessRoles handWritten, NSwagModels.CloudProviderAccessRoles nswag)
    {
        Check("generated", expected, new RolesDocument.Shape(
            generated.AwsIamRoles!.Count,
            generated.AzureServicePrincipals!.Count,
            generated.GcpServiceAccounts!.Count,
            generated.AwsIamRoles.Sum(r => r.FeatureUsages!.Count(u => u is not Generated.UnknownCloudProviderAccessFeatureUsage))
                + generated.AzureServicePrincipals.Sum(r => r.FeatureUsages!.Count(u => u is not Generated.UnknownCloudProviderAccessFeatureUsage))
                + generated.GcpServiceAccounts.Sum(r => r.FeatureUsages!.Count(u => u is not Generated.UnknownCloudProviderAccessFeatureUsage))));
        Check("System.Text.Json", expected, new RolesDocument.Shape(
            handWritten.AwsIamRoles!.Count,
            handWritten.AzureServicePrincipals!.Count,
            handWritten.GcpServiceAccounts!.Count,
            handWritten.AwsIamRoles.Sum(r => r.FeatureUsages!.Count) + handWritten.AzureServicePrincipals.Sum(r => r.FeatureUsages!.Count) + handWritten.GcpServiceAccounts.Sum(r => r.FeatureUsages!.Count)));
        Check("NSwag", expected, new RolesDocument.Shape(
            nswag.AwsIamRoles.Count,
            nswag.AzureServicePrincipals.Count,
            nswag.GcpServiceAccounts.Count,
            nswag.AwsIamRoles.Sum(r => r.FeatureUsages.Count(u => u.GetType() != typeof(NSwagModels.CloudProviderAccessFeatureUsage)))
                + nswag.AzureServicePrincipals.Sum(r => r.FeatureUsages.Count(u => u.GetType() != typeof(NSwagModels.CloudProviderAccessFeatureUsage)))
                + nswag.GcpServiceAccounts.Sum(r => r.FeatureUsages.Count(u => u.GetType() != typeof(NSwagModels.CloudProviderAccessFeatureUsage)))));
    }

    public static void AllWriteTheSame(byte[] original, params byte[][] written)
    {
        JsonNode? expected = Normalize(JsonNode.Parse(original));
        for (int i = 0; i < written.Length; i++)
        {
            JsonNode? actual = Normalize(JsonNode.Parse(written[i]));
            if (!JsonNode.DeepEquals(expected, actual))
            {
                throw new InvalidOperationException($"Writer {i} does not write back the JSON it read, first at {FirstDifference(expected, actual, "$")}; the benchmark would compare unequal work.");
            }
        }
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (string key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(e[key], a[key]))
                {
                    return FirstDifference(e[key], a[key], path + "." + key);
                }
            }
        }

        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            for (int i = 0; i < ea.Count; i++)
            {
                if (!JsonNode.DeepEquals(ea[i], aa[i]))
                {
                    return FirstDifference(ea[i], aa[i], path + "[" + i + "]");
                }
            }
        }

        return $"{path}: expected {expected?.ToJsonString() ?? "null"}, written {actual?.ToJsonString() ?? "null"}";
    }

    /// <summary>
    /// The same tree without null properties (every writer here leaves them out) and with dates in one format
    /// (writers differ in how they spell UTC: Z or +00:00).
    /// </summary>
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(pair => pair.Value is not null).Select(pair => KeyValuePair.Create(pair.Key, Normalize(pair.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalize).ToArray()),
        JsonValue value when value.TryGetValue(out string? text) && text.Length >= 20 && char.IsDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset date) => JsonValue.Create(date.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    private static void Check(string contender, RolesDocument.Shape expected, RolesDocument.Shape actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{contender} read {actual}, expected {expected}; the benchmark would compare unequal work.");
        }
    }
}
