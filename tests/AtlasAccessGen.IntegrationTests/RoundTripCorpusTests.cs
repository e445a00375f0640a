using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Tests.Shared;
using Contoso.Atlas;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>
/// Lose no data: every body of a corpus built from the spec's own examples and from what a newer server could send
/// (unknown properties at every level, unknown enum values, unknown discriminators in arrays and in polymorphic
/// positions, date-times with 9 fractional digits or texts <see cref="DateTimeOffset"/> does not write back) is read
/// with <see cref="AtlasJson.Complete"/>, written back with it, and must be JSON-equal to the input. JSON equality
/// ignores the order of an object's properties only: the converters write the declared ones in spec order.
/// </summary>
public class RoundTripCorpusTests
{
    private readonly ITestOutputHelper _output;

    public RoundTripCorpusTests(ITestOutputHelper output) => _output = output;

    private const string Marker = "future";
    private static readonly JsonObject Fragment = LoadSpec("cloud-provider-access.json");
    private static readonly Regex NineDigits = new(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$");

    [Flags]
    public enum Traits
    {
        None = 0,
        SpecExample = 1,
        UnknownProperties = 2,
        UnknownEnumValues = 4,
        UnknownDiscriminatorInTypedArray = 8,
        UnknownVariant = 16,
        PreciseDateTimes = 32,
    }

    public sealed record Body(string Name, Type Type, string Json, Traits Traits)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Body> Corpus { get; } = BuildCorpus();

    public static TheoryData<string> BodyNames()
    {
        var data = new TheoryData<string>();
        foreach (Body body in Corpus)
        {
            data.Add(body.Name);
        }

        return data;
    }

    [Fact]
    public void The_corpus_is_large_and_covers_every_trait()
    {
        _output.WriteLine(Corpus.Count + " bodies: " + string.Join(", ", Enum.GetValues<Traits>().Where(t => t != Traits.None).Select(t => Corpus.Count(b => b.Traits.HasFlag(t)) + " " + t)));
        Assert.True(Corpus.Count >= 125, "only " + Corpus.Count + " bodies");
        Assert.Equal(Corpus.Count, Corpus.Select(b => b.Name).Distinct().Count());
        Assert.True(Corpus.Count(b => b.Traits.HasFlag(Traits.SpecExample)) >= 30);
        foreach (Traits trait in Enum.GetValues<Traits>().Where(t => t != Traits.None))
        {
            Assert.True(Corpus.Count(b => b.Traits.HasFlag(trait)) >= 8, trait + " is exercised by fewer than 8 bodies");
        }

        // Every generated model class is the declared type of a body or reached inside one.
        var reached = new HashSet<Type>();
        foreach (Body body in Corpus)
        {
            foreach (object node in Walk(JsonSerializer.Deserialize(body.Json, AtlasJson.Complete.Options.GetTypeInfo(body.Type))))
            {
                reached.Add(node.GetType());
            }
        }

        var models = typeof(AtlasJson).Assembly.GetTypes()
            .Where(t => t.Namespace == "Contoso.Atlas" && t.IsClass && !t.IsAbstract && t.GetProperty("AdditionalProperties") is not null)
            .ToList();
        Assert.True(models.Count >= 25);
        Assert.Empty(models.Where(m => !reached.Contains(m)).Select(m => m.Name));
    }

    [Theory]
    [MemberData(nameof(BodyNames))]
    public void Reading_then_writing_with_Complete_gives_the_body_back(string name)
    {
        Body body = Corpus.Single(b => b.Name == name);
        var typeInfo = AtlasJson.Complete.Options.GetTypeInfo(body.Type);

        object value = JsonSerializer.Deserialize(body.Json, typeInfo)!;
        string written = JsonSerializer.Serialize(value, typeInfo);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body.Json), JsonNode.Parse(written)), "read\n" + body.Json + "\nwrote\n" + written);
        AssertExercises(body, value);
    }

    [Fact]
    public void The_comparison_sees_a_lost_property_a_changed_value_and_a_cut_fraction()
    {
        JsonNode original = JsonNode.Parse("""{"a":{"b":[1,"2026-03-01T12:00:00.123456789Z"]},"c":"x"}""")!;
        Assert.False(JsonNode.DeepEquals(original, JsonNode.Parse("""{"a":{"b":[1,"2026-03-01T12:00:00.1234567Z"]},"c":"x"}""")));
        Assert.False(JsonNode.DeepEquals(original, JsonNode.Parse("""{"a":{"b":[1,"2026-03-01T12:00:00.123456789Z"]}}""")));
        Assert.False(JsonNode.DeepEquals(original, JsonNode.Parse("""{"a":{"b":[2,"2026-03-01T12:00:00.123456789Z"]},"c":"x"}""")));
        Assert.True(JsonNode.DeepEquals(original, JsonNode.Parse("""{"c":"x","a":{"b":[1,"2026-03-01T12:00:00.123456789Z"]}}""")));
    }

    /// <summary>The typed read must hold what the body claims to exercise, so no body passes by being trivial.</summary>
    private static void AssertExercises(Body body, object value)
    {
        var nodes = Walk(value).ToList();
        JsonNode input = JsonNode.Parse(body.Json)!;
        if (body.Traits.HasFlag(Traits.UnknownProperties))
        {
            int markers = JsonNodeTree.Descendants(input).OfType<JsonObject>().Sum(o => o.Count(p => p.Key.StartsWith(Marker, StringComparison.Ordinal)));
            Assert.True(markers >= 1);

            // Each unknown property is held by the model it belongs to, or inside raw JSON: the whole object of an unknown
            // variant, or a value the spec leaves untyped.
            int captured = nodes.Sum(n => n.GetType().GetProperty("RawJson") is { } raw
                ? CountMarkers(JsonNode.Parse(((JsonElement)raw.GetValue(n)!).GetRawText()))
                : n is JsonElement element ? CountMarkers(JsonNode.Parse(element.GetRawText()))
                : AdditionalProperties(n)?.Count(p => p.Key.StartsWith(Marker, StringComparison.Ordinal)) ?? 0);
            Assert.Equal(markers, captured);
            Assert.Contains(nodes, n => n.GetType().GetProperty("RawJson") is null && AdditionalProperties(n)?.Count > 0);
        }

        if (body.Traits.HasFlag(Traits.UnknownEnumValues))
        {
            Assert.Contains(nodes, n => n.GetType().GetProperty("IsKnown") is { } isKnown && !(bool)isKnown.GetValue(n)!);
        }

        if (body.Traits.HasFlag(Traits.UnknownDiscriminatorInTypedArray))
        {
            Assert.Contains(nodes, n => n is CloudProviderAccessAWSIAMRole { ProviderName.IsKnown: false } or CloudProviderAccessGCPServiceAccount { ProviderName.IsKnown: false } or CloudProviderAccessAzureServicePrincipal { ProviderName.IsKnown: false });
        }

        if (body.Traits.HasFlag(Traits.UnknownVariant))
        {
            Assert.Contains(nodes, n => n.GetType().Name.StartsWith("Unknown", StringComparison.Ordinal));
        }

        if (body.Traits.HasFlag(Traits.PreciseDateTimes))
        {
            Assert.Contains(JsonNodeTree.Descendants(input), n => n is JsonValue v && v.TryGetValue(out string? s) && NineDigits.IsMatch(s));

            // Typed, the value is the instant cut to 100 ns ticks; the text kept beside it writes the 9 digits back.
            Assert.Contains(nodes, n => n is DateTimeOffset d && d.Ticks % TimeSpan.TicksPerSecond == 1234567);
        }
    }

    private static int CountMarkers(JsonNode? node) =>
        JsonNodeTree.Descendants(node).OfType<JsonObject>().Sum(o => o.Count(p => p.Key.StartsWith(Marker, StringComparison.Ordinal)));

    private static AtlasAdditionalProperties? AdditionalProperties(object node) =>
        node.GetType().GetProperty("AdditionalProperties")?.GetValue(node) as AtlasAdditionalProperties;

    /// <summary>The generated models, enum values and date-times reachable from a value (test-side reflection only).</summary>
    private static IEnumerable<object> Walk(object? value)
    {
        if (value is null)
        {
            yield break;
        }

        yield return value;
        Type type = value.GetType();
        if (type.Namespace != "Contoso.Atlas" || type.IsValueType)
        {
            yield break;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name is "AdditionalProperties" or "RawJson")
            {
                continue;
            }

            object? child = property.GetValue(value);
            if (child is IEnumerable items and not string)
            {
                foreach (object? item in items)
                {
                    foreach (object node in Walk(item))
                    {
                        yield return node;
                    }
                }
            }
            else
            {
                foreach (object node in Walk(child))
                {
                    yield return node;
                }
            }
        }
    }

    private static List<Body> BuildCorpus()
    {
        var seeds = new List<Body>();
        seeds.AddRange(SpecExamples());
        seeds.AddRange(RichBodies());
        var corpus = new List<Body>();
        foreach (Body seed in seeds)
        {
            corpus.Add(seed);
            JsonNode node = JsonNode.Parse(seed.Json)!;
            corpus.Add(Variant(seed, "unknown properties", Traits.UnknownProperties, InjectUnknownProperties(node.DeepClone())));
            if (ReplaceDates(node.DeepClone()) is { } precise)
            {
                corpus.Add(Variant(seed, "9-digit dates", Traits.PreciseDateTimes, precise));
            }

            if (ReplaceEnums(node.DeepClone(), seed.Type, topLevel: true) is { } unknown)
            {
                corpus.Add(Variant(seed, "unknown values", unknown.Traits, unknown.Node));
            }

            // Everything at once, but the body's own type stays known: an unknown variant at the top would keep it all raw.
            if (ReplaceEnums(node.DeepClone(), seed.Type, topLevel: false) is { } inner)
            {
                JsonNode all = InjectUnknownProperties(ReplaceDates(inner.Node.DeepClone()) ?? inner.Node.DeepClone());
                corpus.Add(Variant(seed, "everything unknown", inner.Traits | Traits.UnknownProperties | (ReplaceDates(node.DeepClone()) is null ? 0 : Traits.PreciseDateTimes), all));
            }
        }

        return corpus;
    }

    private static Body Variant(Body seed, string what, Traits traits, JsonNode node) =>
        new(seed.Name + " + " + what, seed.Type, node.ToJsonString(), (seed.Traits & Traits.SpecExample) | traits);

    /// <summary>Adds unknown properties (a scalar, a nested object with an array of objects) to every object of the body.</summary>
    private static JsonNode InjectUnknownProperties(JsonNode root)
    {
        int n = 0;
        foreach (JsonObject o in JsonNodeTree.Descendants(root).OfType<JsonObject>().ToList())
        {
            o[Marker + "Flag" + n] = true;
            o[Marker + "Shape" + n] = new JsonObject
            {
                ["list"] = new JsonArray(1, 2.5, "three", new JsonObject { ["deep"] = null, ["when"] = "2030-01-01T00:00:00.000000001Z" }),
                ["n"] = 9007199254740993,
            };
            n++;
        }

        return root;
    }

    /// <summary>Rewrites each date-time: 9 fractional digits, or a text the default formatting would not write back.</summary>
    private static JsonNode? ReplaceDates(JsonNode root)
    {
        string[] forms = { "2026-03-01T12:00:00.123456789Z", "2026-03-01T12:00:00.000Z", "2026-03-01T14:00:00.1234567+02:00", "2026-03-01T12:00:00+00:00", "2026-03-01T12:00:00.123456789Z" };
        int n = 0;
        foreach (JsonObject o in JsonNodeTree.Descendants(root).OfType<JsonObject>().ToList())
        {
            foreach (string key in o.Select(p => p.Key).ToList())
            {
                if (key.EndsWith("Date", StringComparison.Ordinal) && o[key] is JsonValue)
                {
                    o[key] = forms[n++ % forms.Length];
                }
            }
        }

        return n == 0 ? null : root;
    }

    /// <summary>Values the spec does not list: enum values, discriminators in typed arrays and in polymorphic positions.</summary>
    private static (JsonNode Node, Traits Traits)? ReplaceEnums(JsonNode root, Type type, bool topLevel)
    {
        Traits traits = Traits.None;
        foreach (JsonObject o in JsonNodeTree.Descendants(root).OfType<JsonObject>().ToList())
        {
            if (o["status"] is JsonValue)
            {
                o["status"] = "FUTURE_STATUS";
                traits |= Traits.UnknownEnumValues;
            }

            if (o["featureType"] is JsonValue)
            {
                o["featureType"] = "FUTURE_FEATURE";
                traits |= Traits.UnknownVariant | Traits.UnknownEnumValues;
            }
        }

        foreach (string array in new[] { "awsIamRoles", "azureServicePrincipals", "gcpServiceAccounts" })
        {
            if (root[array] is JsonArray { Count: > 0 } items && items[0] is JsonObject first)
            {
                first["providerName"] = "ORACLE";
                traits |= Traits.UnknownDiscriminatorInTypedArray | Traits.UnknownEnumValues;
            }
        }

        if (topLevel && root is JsonObject top && top["providerName"] is JsonValue && (type.IsAbstract || type == typeof(CloudProviderAccessAWSIAMRole)))
        {
            // Through the base: an unknown variant; through a variant: the variant keeps the value read.
            top["providerName"] = "ORACLE";
            traits |= (type.IsAbstract ? Traits.UnknownVariant : 0) | Traits.UnknownEnumValues;
        }

        return traits == Traits.None ? null : (root, traits);
    }

    // ---- Seeds ----

    private static JsonObject LoadSpec(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", name)))!.AsObject();

    /// <summary>
    /// The spec's examples: per schema, an object of every property example (with the discriminator that selects it), and
    /// every error response example of the fragment and of the whole API (whose shared schemas are the same).
    /// </summary>
    private static IEnumerable<Body> SpecExamples()
    {
        var schemas = Fragment["components"]!["schemas"]!.AsObject();
        foreach ((string schemaName, JsonNode? schemaNode) in schemas)
        {
            var parts = new List<JsonObject> { schemaNode!.AsObject() };
            parts.AddRange(schemaNode["allOf"]?.AsArray().Select(p => p!.AsObject()).Where(p => p["$ref"] is null) ?? []);
            var document = new JsonObject();
            foreach ((string property, JsonNode? definition) in parts.SelectMany(p => p["properties"]?.AsObject() ?? []))
            {
                if (definition!["example"] is { } example)
                {
                    document[property] = example.DeepClone();
                }
            }

            if (document.Count == 0)
            {
                continue;
            }

            Type type = typeof(AtlasJson).Assembly.GetType("Contoso.Atlas." + schemaName, throwOnError: true)!;
            if (DiscriminatorFor(schemas, schemaName) is { } discriminator)
            {
                document[discriminator.Property] = discriminator.Value;
            }

            yield return new Body("example " + schemaName, type, document.ToJsonString(), Traits.SpecExample);
        }

        JsonObject whole = LoadSpec("atlas-api-v2.json");
        foreach ((string source, JsonObject spec) in new[] { ("fragment", Fragment), ("whole API", whole) })
        {
            foreach ((string response, JsonNode? definition) in spec["components"]!["responses"]!.AsObject())
            {
                if (definition!["content"]?["application/json"] is { } content && content["example"] is { } example
                    && content["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/ApiError")
                {
                    yield return new Body("example " + source + " response " + response, typeof(ApiError), example.ToJsonString(), Traits.SpecExample);
                }
            }
        }
    }

    private static (string Property, string Value)? DiscriminatorFor(JsonObject schemas, string schemaName)
    {
        foreach ((_, JsonNode? schema) in schemas)
        {
            if (schema!["discriminator"]?["mapping"] is JsonObject mapping)
            {
                foreach ((string value, JsonNode? target) in mapping)
                {
                    if (target!.GetValue<string>() == "#/components/schemas/" + schemaName)
                    {
                        return (schema["discriminator"]!["propertyName"]!.GetValue<string>(), value);
                    }
                }
            }
        }

        return null;
    }

    private const string DataLake = """{"featureType":"ATLAS_DATA_LAKE","featureId":{"groupId":"5f4e3d2c1b0a998877665544","name":"lake-1"}}""";
    private const string EncryptionAtRest = """{"featureType":"ENCRYPTION_AT_REST","featureId":{}}""";
    private const string ExportSnapshot = """{"featureType":"EXPORT_SNAPSHOT","featureId":{"exportBucketId":"6a5b4c3d2e1f0a9b8c7d6e5f","groupId":"5f4e3d2c1b0a998877665544"}}""";
    private const string PushBasedLogExport = """{"featureType":"PUSH_BASED_LOG_EXPORT","featureId":{"bucketName":"atlas-logs","groupId":"5f4e3d2c1b0a998877665544"}}""";
    private const string LogIntegration = """{"featureType":"ATLAS_LOG_INTEGRATION","featureId":{"configId":"7b6c5d4e3f2a1b0c9d8e7f6a","groupId":"5f4e3d2c1b0a998877665544","sinkName":"datadog"}}""";
    private const string FeatureUsages = "[" + DataLake + "," + EncryptionAtRest + "," + ExportSnapshot + "," + PushBasedLogExport + "," + LogIntegration + "]";
    private const string AwsRole = """{"providerName":"AWS","atlasAWSAccountArn":"arn:aws:iam::772401394250:role/my-test-aws-role","atlasAssumedRoleExternalId":"24b8a5a2-6f0c-4d1e-9b3a-2c4d6e8f0a1b","authorizedDate":"2026-03-01T12:05:00Z","createdDate":"2026-03-01T12:00:00Z","featureUsages":""" + FeatureUsages + ""","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/atlas","roleId":"32b6e34b3d91647abb20e7b8"}""";
    private const string AzureRole = """{"providerName":"AZURE","_id":"32b6e34b3d91647abb20e7b9","atlasAzureAppId":"9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e","createdDate":"2026-03-01T12:00:00Z","featureUsages":[""" + DataLake + "," + LogIntegration + """],"lastUpdatedDate":"2026-03-01T12:05:00Z","servicePrincipalId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","tenantId":"91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b"}""";
    private const string GcpRole = """{"providerName":"GCP","createdDate":"2026-03-01T12:00:00Z","featureUsages":[""" + ExportSnapshot + """],"gcpServiceAccountForAtlas":"mongodb-atlas-0123456789abcdef@p-32b6e34b3d91647abb20e7ba.iam.gserviceaccount.com","roleId":"32b6e34b3d91647abb20e7ba","status":"COMPLETE"}""";

    /// <summary>Hand-written bodies with every property set, of each response and request type of the fragment.</summary>
    private static IEnumerable<Body> RichBodies()
    {
        yield return new Body("roles", typeof(CloudProviderAccessRoles), "{\"awsIamRoles\":[" + AwsRole + "," + AwsRole + "],\"azureServicePrincipals\":[" + AzureRole + "],\"gcpServiceAccounts\":[" + GcpRole + "]}", Traits.None);
        yield return new Body("AWS roles", typeof(CloudProviderAccessRoles), "{\"awsIamRoles\":[" + AwsRole + "]}", Traits.None);
        yield return new Body("Azure roles", typeof(CloudProviderAccessRoles), "{\"awsIamRoles\":[],\"azureServicePrincipals\":[" + AzureRole + "," + AzureRole + "]}", Traits.None);
        yield return new Body("GCP roles", typeof(CloudProviderAccessRoles), "{\"gcpServiceAccounts\":[" + GcpRole + "]}", Traits.None);
        yield return new Body("AWS role", typeof(CloudProviderAccessRole), AwsRole, Traits.None);
        yield return new Body("Azure role", typeof(CloudProviderAccessRole), AzureRole, Traits.None);
        yield return new Body("GCP role", typeof(CloudProviderAccessRole), GcpRole, Traits.None);
        yield return new Body("AWS role as its variant", typeof(CloudProviderAccessAWSIAMRole), AwsRole, Traits.None);
        yield return new Body("feature usages", typeof(CloudProviderAccessAWSIAMRole), """{"providerName":"AWS","featureUsages":""" + FeatureUsages + "}", Traits.None);
        yield return new Body("error", typeof(ApiError), """{"badRequestDetail":{"fields":[{"description":"must be a UUID","field":"tenantId"}]},"detail":"The tenant id is not a UUID.","error":400,"errorCode":"VALIDATION_ERROR","parameters":["tenantId",{"kind":"uuid","n":2}],"reason":"Bad Request"}""", Traits.None);
        yield return new Body("AWS request", typeof(CloudProviderAccessRoleRequest), """{"providerName":"AWS"}""", Traits.None);
        yield return new Body("Azure request", typeof(CloudProviderAccessRoleRequest), """{"providerName":"AZURE","atlasAzureAppId":"9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e","servicePrincipalId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","tenantId":"91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b","createdDate":"2026-03-01T12:00:00Z"}""", Traits.None);
        yield return new Body("GCP request", typeof(CloudProviderAccessRoleRequest), """{"providerName":"GCP","createdDate":"2026-03-01T12:00:00Z"}""", Traits.None);
        yield return new Body("AWS update", typeof(CloudProviderAccessRoleRequestUpdate), """{"providerName":"AWS","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/atlas","authorizedDate":"2026-03-01T12:05:00Z"}""", Traits.None);
        yield return new Body("Azure update", typeof(CloudProviderAccessRoleRequestUpdate), """{"providerName":"AZURE","atlasAzureAppId":"9f2deb0d-411e-4d5f-a1d5-0b0e2f3c4d5e","servicePrincipalId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","tenantId":"91402a9b-6e0d-4f1f-b8a7-2c3d4e5f6a7b","lastUpdatedDate":"2026-03-01T12:05:00Z"}""", Traits.None);
        yield return new Body("GCP update", typeof(CloudProviderAccessRoleRequestUpdate), """{"providerName":"GCP"}""", Traits.None);
    }
}
