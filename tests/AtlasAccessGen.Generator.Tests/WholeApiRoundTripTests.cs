using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AtlasAccessGen.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The data-fidelity rules on the whole API's models, compiled and loaded: each schema's own property examples, as an
/// object of that schema, and a "future server" version of it with unknown properties in every object, read and
/// written back with <c>AtlasJson.Complete</c> are JSON-equal to what was read.
/// </summary>
[Collection(WholeApi.Collection)]
public class WholeApiRoundTripTests
{
    private const string Ns = WholeApi.Ns;
    private readonly WholeApi _api;
    private readonly ITestOutputHelper _output;

    public WholeApiRoundTripTests(WholeApi api, ITestOutputHelper output)
    {
        _api = api;
        _output = output;
    }

    [Fact]
    public void Whole_api_examples_and_future_versions_of_them_round_trip()
    {
        CompiledAssembly assembly = _api.Assembly;
        Type resolver = assembly.Assembly.GetType(Ns + ".AtlasJson", throwOnError: true)!;
        object complete = resolver.GetProperty("Complete")!.GetValue(null)!;
        var options = (JsonSerializerOptions)resolver.GetProperty("Options")!.GetValue(complete)!;
        JsonObject schemas = JsonNode.Parse(Specs.FullApi)!["components"]!["schemas"]!.AsObject();

        int read = 0, unreadable = 0, injected = 0;
        var failures = new List<string>();
        foreach ((string name, JsonObject body) in ExampleBodies(schemas))
        {
            Type? type = assembly.Assembly.GetType(Ns + "." + name);
            if (type is null || !type.IsClass)
            {
                continue;
            }

            var typeInfo = options.GetTypeInfo(type);
            object value;
            try
            {
                value = JsonSerializer.Deserialize(body.ToJsonString(), typeInfo)!;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                // An example that does not fit its own schema (a required property without an example, a wrong type).
                unreadable++;
                continue;
            }

            read++;
            Check(name, body, value, typeInfo, failures);
            // An unknown property in every object that is a model: an object that cannot take one is a map of scalars.
            JsonNode future = body.DeepClone();
            int objects = JsonNodeTree.Descendants(future).OfType<JsonObject>().Count();
            for (int i = 0; i < objects; i++)
            {
                JsonNode candidate = future.DeepClone();
                JsonNodeTree.Descendants(candidate).OfType<JsonObject>().ElementAt(i)["futureField" + injected] = new JsonObject { ["list"] = new JsonArray(1, "two", new JsonObject { ["deep"] = true }) };
                if (Reads(candidate, typeInfo))
                {
                    future = candidate;
                    injected++;
                }
            }

            Assert.True(future.AsObject().Any(p => p.Key.StartsWith("futureField", StringComparison.Ordinal)), name + " takes no unknown property at the top");
            Check(name + " + unknown properties", future, JsonSerializer.Deserialize(future.ToJsonString(), typeInfo)!, typeInfo, failures);
        }

        _output.WriteLine($"{read} schemas' examples read and round-tripped with {injected} unknown properties added; {unreadable} examples do not fit their schema");
        Assert.True(failures.Count == 0, failures.Count + " failed:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(read >= 150, "only " + read + " schemas' examples could be read");
        Assert.True(injected >= read);
    }

    private static bool Reads(JsonNode body, System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo)
    {
        try
        {
            JsonSerializer.Deserialize(body.ToJsonString(), typeInfo);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static void Check(string name, JsonNode input, object value, System.Text.Json.Serialization.Metadata.JsonTypeInfo typeInfo, List<string> failures)
    {
        string written = JsonSerializer.Serialize(value, typeInfo);
        if (!JsonNode.DeepEquals(input, JsonNode.Parse(written)))
        {
            failures.Add(name + ": read " + input.ToJsonString() + "\n  wrote " + written);
        }
    }

    /// <summary>Per object schema: its property examples (direct and in inline allOf parts), with the discriminator value that selects it.</summary>
    private static IEnumerable<(string Name, JsonObject Body)> ExampleBodies(JsonObject schemas)
    {
        var discriminators = new Dictionary<string, (string Property, string Value)>();
        foreach ((_, JsonNode? schema) in schemas)
        {
            if (schema!["discriminator"]?["mapping"] is JsonObject mapping)
            {
                foreach ((string value, JsonNode? target) in mapping)
                {
                    discriminators.TryAdd(target!.GetValue<string>().Split('/').Last(), (schema["discriminator"]!["propertyName"]!.GetValue<string>(), value));
                }
            }
        }

        foreach ((string name, JsonNode? schema) in schemas)
        {
            var parts = new List<JsonObject> { schema!.AsObject() };
            parts.AddRange(schema["allOf"]?.AsArray().OfType<JsonObject>().Where(p => p["$ref"] is null) ?? []);
            var body = new JsonObject();
            foreach ((string property, JsonNode? definition) in parts.SelectMany(p => p["properties"]?.AsObject() ?? []))
            {
                if (definition?["example"] is { } example && !body.ContainsKey(property))
                {
                    body[property] = example.DeepClone();
                }
            }

            if (body.Count == 0)
            {
                continue;
            }

            if (discriminators.TryGetValue(name, out var discriminator))
            {
                body[discriminator.Property] = discriminator.Value;
            }

            yield return (name, body);
        }
    }
}
