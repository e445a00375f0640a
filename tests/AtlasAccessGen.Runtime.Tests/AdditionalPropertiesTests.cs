using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>The helpers generated converters call to keep what a model does not declare, driven as a converter does.</summary>
public class AdditionalPropertiesTests
{
    private static readonly JsonEncodedText Created = JsonEncodedText.Encode("createdDate");

    [Fact]
    public void Reads_unknown_properties_in_order_and_Complete_writes_them_all_Default_only_those_set_in_code()
    {
        AtlasAdditionalProperties? properties = ReadAll("""{"b":{"x":[1,2]},"a":null,"c":"s"}""");

        Assert.NotNull(properties);
        Assert.Equal(new[] { "b", "a", "c" }, properties!.Keys);
        properties["d"] = JsonDocument.Parse("4").RootElement;
        properties["c"] = JsonDocument.Parse("\"t\"").RootElement;

        Assert.Equal("""{"b":{"x":[1,2]},"a":null,"c":"t","d":4}""", Write(w => AtlasAdditionalProperties.Write(w, properties, writeReadOnly: true)));
        Assert.Equal("""{"c":"t","d":4}""", Write(w => AtlasAdditionalProperties.Write(w, properties, writeReadOnly: false)));
        Assert.Equal("{}", Write(w => AtlasAdditionalProperties.Write(w, null, writeReadOnly: true)));
    }

    [Fact]
    public void Behaves_as_a_dictionary()
    {
        var properties = new AtlasAdditionalProperties { { "a", JsonDocument.Parse("1").RootElement } };

        Assert.Throws<ArgumentException>(() => properties.Add("a", default));
        Assert.Throws<KeyNotFoundException>(() => properties["missing"]);
        Assert.True(properties.ContainsKey("a"));
        Assert.True(properties.TryGetValue("a", out JsonElement a) && a.GetInt32() == 1);
        Assert.True(((ICollection<KeyValuePair<string, JsonElement>>)properties).Contains(new KeyValuePair<string, JsonElement>("a", JsonDocument.Parse("1").RootElement)));
        Assert.False(((ICollection<KeyValuePair<string, JsonElement>>)properties).Contains(new KeyValuePair<string, JsonElement>("a", JsonDocument.Parse("2").RootElement)));
        Assert.True(properties.Remove("a"));
        Assert.False(properties.Remove("a"));
        Assert.Empty(properties);
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00.123456789Z", true)]
    [InlineData("2026-03-01T12:00:00.000Z", true)]
    [InlineData("2026-03-01T12:00:00+00:00", true)]
    [InlineData("2026-03-01T14:00:00.5+02:00", false)]
    [InlineData("2026-03-01T12:00:00.1234567Z", false)]
    [InlineData("2026-03-01T12:00:00Z", false)]
    [InlineData("2026-03-01T12:00:00.5Z", false)]
    [InlineData("2026-03-01T12:00:00.50Z", true)]
    [InlineData("2026-03-01T12:00:00.12345670Z", true)]
    [InlineData("2026-03-01T12:00Z", true)]
    [InlineData("2026-03-01T12:00:00.0000000Z", true)]
    [InlineData("2026-03-01T12:00:00\\u002B00:00", true)]
    public void A_date_time_keeps_its_text_only_when_writing_the_value_would_change_it(string text, bool kept)
    {
        string json = "{\"createdDate\":\"" + text + "\"}";
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        reader.Read();
        AtlasAdditionalProperties? properties = null;

        DateTimeOffset value = AtlasAdditionalProperties.ReadDateTime(ref reader, ref properties, Created);

        Assert.Equal(kept, properties is not null);
        Assert.Equal(0, properties?.Count ?? 0);
        string written = Write(w => AtlasAdditionalProperties.WriteDateTime(w, Created, value, properties));
        Assert.Equal(value, JsonDocument.Parse(written).RootElement.GetProperty("createdDate").GetDateTimeOffset());
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            Assert.Equal(json, written);
        }

        // Another value, or the same instant at another offset, is written in the usual format.
        Assert.Equal("""{"createdDate":"2026-03-01T12:00:01Z"}""", Write(w => AtlasAdditionalProperties.WriteDateTime(w, Created, new DateTimeOffset(2026, 3, 1, 12, 0, 1, TimeSpan.Zero), properties)));
        Assert.Equal("""{"createdDate":"2026-03-01T13:00:00+01:00"}""", Write(w => AtlasAdditionalProperties.WriteDateTime(w, Created, new DateTimeOffset(2026, 3, 1, 13, 0, 0, TimeSpan.FromHours(1)), properties)));
    }

    [Fact]
    public void A_kept_date_time_text_belongs_to_its_own_property()
    {
        var reader = new Utf8JsonReader("""{"createdDate":"2026-03-01T12:00:00.123456789Z"}"""u8);
        reader.Read();
        reader.Read();
        reader.Read();
        AtlasAdditionalProperties? properties = null;
        DateTimeOffset value = AtlasAdditionalProperties.ReadDateTime(ref reader, ref properties, Created);

        Assert.Equal("""{"lastUpdatedDate":"2026-03-01T12:00:00.1234567Z"}""", Write(w => AtlasAdditionalProperties.WriteDateTime(w, JsonEncodedText.Encode("lastUpdatedDate"), value, properties)));
    }

    private static AtlasAdditionalProperties? ReadAll(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        AtlasAdditionalProperties? properties = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            AtlasAdditionalProperties.Read(ref reader, ref properties);
        }

        return properties;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
