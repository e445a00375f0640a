using System.Collections.Generic;
using System.Text.Json;
using AtlasAccessGen.Generator.Diagnostics;
using AtlasAccessGen.Generator.Parsing;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The streaming locator replaced a JToken tree of the whole spec for locating diagnostics; the tree is still there
/// (<see cref="SpecTextMap"/>'s JSON map) and is the reference here. Both must give the same position for
/// every pointer: every object member and array element of the spec, and pointers whose tail does not exist.
/// </summary>
public sealed class JsonPointerLocatorTests
{
    private readonly ITestOutputHelper _output;

    public JsonPointerLocatorTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("cloud-provider-access.json")]
    [InlineData("atlas-api-v2.json")]
    public void The_streaming_locator_agrees_with_the_tree_on_every_node(string fileName)
    {
        string text = fileName == "atlas-api-v2.json" ? Specs.FullApi : Specs.Fragment;
        var pointers = new List<string> { "#" };
        using (JsonDocument document = JsonDocument.Parse(text))
        {
            AddPointers(document.RootElement, "#", pointers);
        }

        // Missing tails: the deepest node that exists is the answer.
        pointers.Add("#/paths/~1no-such-path/get");
        pointers.Add("#/components/schemas/NoSuchSchema/properties/x");
        pointers.Add("#/tags/100000");

        Dictionary<string, LocationInfo> streamed = JsonPointerLocator.Locate("/specs/" + fileName, text, pointers);
        SpecTextMap tree = SpecTextMap.TryCreate("/specs/" + fileName, text, isYaml: false)!;
        Assert.NotNull(tree);

        int compared = 0;
        foreach (string pointer in pointers)
        {
            LocationInfo expected = tree.Locate(pointer);
            Assert.True(expected == streamed[pointer], pointer + ": the tree says " + expected + ", the streaming pass " + streamed[pointer]);
            compared++;
        }

        _output.WriteLine(fileName + ": " + compared.ToString(System.Globalization.CultureInfo.InvariantCulture) + " pointers located alike");
    }

    private static void AddPointers(JsonElement element, string pointer, List<string> pointers)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                string child = pointer + "/" + System.Uri.EscapeDataString(SpecTextMap.Escape(property.Name));
                pointers.Add(child);
                AddPointers(property.Value, child, pointers);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                string child = pointer + "/" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                pointers.Add(child);
                AddPointers(item, child, pointers);
            }
        }
    }
}
