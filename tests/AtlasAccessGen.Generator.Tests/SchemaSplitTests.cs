using System.Linq;
using AtlasAccessGen.Generator.Parsing;
using Newtonsoft.Json.Linq;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The cut of a large spec into two texts two threads deserialize (#16): together they hold every schema once, in
/// order, and the rest of the spec whole; a text the cut does not understand plainly is left whole.
/// </summary>
public class SchemaSplitTests
{
    [Fact]
    public void The_whole_api_is_cut_into_two_halves_that_hold_every_schema_once_in_order()
    {
        string text = Specs.FullApi;

        SchemaSplit split = Assert.IsType<SchemaSplit>(SchemaSplit.TryCreate(text));

        JObject original = JObject.Parse(text);
        JObject head = JObject.Parse(split.Head);
        JObject tail = JObject.Parse(split.Tail);
        var headSchemas = (JObject)head["components"]!["schemas"]!;
        var tailSchemas = (JObject)tail["components"]!["schemas"]!;
        Assert.Equal(
            ((JObject)original["components"]!["schemas"]!).Properties().Select(p => p.Name),
            headSchemas.Properties().Concat(tailSchemas.Properties()).Select(p => p.Name));
        Assert.Equal(["components"], tail.Properties().Select(p => p.Name));
        Assert.Equal(["schemas"], ((JObject)tail["components"]!).Properties().Select(p => p.Name));

        // The head is the spec without the tail's schemas.
        foreach (JProperty moved in tailSchemas.Properties())
        {
            ((JObject)original["components"]!["schemas"]!).Remove(moved.Name);
        }

        Assert.True(JToken.DeepEquals(original, head));
        Assert.InRange(split.Tail.Length, text.Length * 2 / 5, text.Length * 3 / 5);
    }

    [Theory]
    [InlineData("a comment", """{ "components": { "schemas": { /* c */ "A": { "type": "string" }, "B": { "type": "string" } } } }""")]
    [InlineData("an escaped key on the way", """{ "compon\u0065nts": { "schemas": { "A": { "type": "string" }, "B": { "type": "string" } } } }""")]
    [InlineData("components given twice", """{ "components": { "schemas": { "A": { "type": "string" }, "B": { "type": "string" } } }, "components": { } }""")]
    [InlineData("schemas given twice", """{ "components": { "schemas": { "A": { "type": "string" }, "B": { "type": "string" } }, "schemas": { } } }""")]
    [InlineData("one schema", """{ "components": { "schemas": { "A": { "type": "string" } } } }""")]
    [InlineData("schemas that are not an object", """{ "components": { "schemas": [ { "type": "string" }, { "type": "string" } ] } }""")]
    [InlineData("no components", """{ "paths": { "A": { }, "B": { } } }""")]
    [InlineData("a missing comma", """{ "components": { "schemas": { "A": { "type": "string" } "B": { "type": "string" } } } }""")]
    [InlineData("text cut short", """{ "components": { "schemas": { "A": { "type": "string" }, "B": { "type": "str""")]
    public void A_text_the_cut_does_not_understand_plainly_is_left_whole(string shape, string text)
    {
        Assert.True(SchemaSplit.TryCreate(text, minimumLength: 0) is null, shape);
    }

    [Fact]
    public void A_small_text_is_left_whole()
    {
        const string Text = """{ "components": { "schemas": { "A": { "type": "string" }, "B": { "type": "string" } } } }""";

        Assert.NotNull(SchemaSplit.TryCreate(Text, minimumLength: 0));
        Assert.Null(SchemaSplit.TryCreate(Text));
    }
}
