using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Contoso.Atlas;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>
/// Every <c>example</c> in the vendored spec goes through the generated converters: read, write,
/// and compare structurally. Property examples are wrapped in an object of their schema (with the
/// discriminator value that selects it); readOnly properties must be dropped by <see cref="AtlasJson.Default"/>.
/// </summary>
public class ExampleRoundTripTests
{
    private static readonly JsonObject Spec = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "cloud-provider-access.json")))!.AsObject();

    public static TheoryData<string> SchemasWithExamples()
    {
        var data = new TheoryData<string>();
        foreach (var schema in Schemas().Where(s => ExampleProperties(s.Value).Any()))
        {
            data.Add(schema.Key);
        }

        return data;
    }

    public static TheoryData<string> ErrorResponsesWithExamples()
    {
        var data = new TheoryData<string>();
        foreach (var response in Spec["components"]!["responses"]!.AsObject().Where(r => r.Value!["content"]?["application/json"]?["example"] is not null))
        {
            data.Add(response.Key);
        }

        return data;
    }

    [Fact]
    public void The_spec_has_examples_to_test()
    {
        Assert.True(SchemasWithExamples().Count >= 10);
        Assert.True(ErrorResponsesWithExamples().Count >= 7);
    }

    [Theory]
    [MemberData(nameof(SchemasWithExamples))]
    public void Property_examples_round_trip(string schemaName)
    {
        JsonObject schema = Schemas().Single(s => s.Key == schemaName).Value;
        var document = new JsonObject();
        var readOnly = new HashSet<string>();
        if (DiscriminatorFor(schemaName) is { } discriminator)
        {
            document[discriminator.Property] = discriminator.Value;
        }

        foreach ((string name, JsonObject property) in ExampleProperties(schema))
        {
            document[name] = property["example"]!.DeepClone();
            if (property["readOnly"]?.GetValue<bool>() == true)
            {
                readOnly.Add(name);
            }
        }

        JsonTypeInfo typeInfo = TypeInfo(schemaName, AtlasJson.Complete);
        object value = JsonSerializer.Deserialize(document.ToJsonString(), typeInfo)!;

        AssertJsonEqual(document, JsonSerializer.Serialize(value, typeInfo));
        var withoutReadOnly = document.DeepClone().AsObject();
        foreach (string name in readOnly)
        {
            withoutReadOnly.Remove(name);
        }

        AssertJsonEqual(withoutReadOnly, JsonSerializer.Serialize(value, TypeInfo(schemaName, AtlasJson.Default)));
    }

    [Theory]
    [MemberData(nameof(ErrorResponsesWithExamples))]
    public void Error_response_examples_round_trip(string responseName)
    {
        JsonNode example = Spec["components"]!["responses"]![responseName]!["content"]!["application/json"]!["example"]!;

        ApiError error = AtlasJson.Complete.Deserialize<ApiError>(example.ToJsonString())!;

        AssertJsonEqual(example, AtlasJson.Complete.Serialize(error));
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
    }

    private static void AssertJsonEqual(JsonNode expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), "expected " + expected.ToJsonString() + "\nbut got  " + actual);

    private static JsonTypeInfo TypeInfo(string schemaName, AtlasJson resolver) =>
        resolver.Options.GetTypeInfo(typeof(AtlasJson).Assembly.GetType("Contoso.Atlas." + schemaName, throwOnError: true)!);

    private static IEnumerable<KeyValuePair<string, JsonObject>> Schemas() =>
        Spec["components"]!["schemas"]!.AsObject().Select(kv => new KeyValuePair<string, JsonObject>(kv.Key, kv.Value!.AsObject()));

    /// <summary>Properties with an example, declared directly or in inline allOf parts.</summary>
    private static IEnumerable<(string Name, JsonObject Property)> ExampleProperties(JsonObject schema)
    {
        var parts = new List<JsonObject> { schema };
        parts.AddRange(schema["allOf"]?.AsArray().Select(p => p!.AsObject()).Where(p => p["$ref"] is null) ?? []);
        return parts
            .SelectMany(part => part["properties"]?.AsObject() ?? [])
            .Where(p => p.Value!["example"] is not null)
            .Select(p => (p.Key, p.Value!.AsObject()));
    }

    /// <summary>The discriminator property and value that select a schema, from the mapping of the base that lists it.</summary>
    private static (string Property, string Value)? DiscriminatorFor(string schemaName)
    {
        foreach (var schema in Schemas())
        {
            if (schema.Value["discriminator"] is JsonObject discriminator && discriminator["mapping"] is JsonObject mapping)
            {
                foreach (var entry in mapping)
                {
                    if (entry.Value!.GetValue<string>() == "#/components/schemas/" + schemaName)
                    {
                        return (discriminator["propertyName"]!.GetValue<string>(), entry.Key);
                    }
                }
            }
        }

        return null;
    }
}
