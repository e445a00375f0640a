using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using AtlasAccessGen.IntegrationTests;
using AtlasAccessGen.Runtime.Resilience;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>How the transport reads what a loopback server answers: content types, BOMs, JSON errors and messages.</summary>
public sealed class ResponseReadingTests : IDisposable
{
    private const string Path = "api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/cloudProviderAccess";
    private readonly LoopbackServer _server = new();
    private readonly AtlasTransport _transport;

    public ResponseReadingTests()
    {
        _transport = new AtlasTransport(new AtlasClientOptions { BaseAddress = _server.BaseAddress, Retry = new AtlasRetryOptions { MaxRetries = 0 } });
    }

    public void Dispose()
    {
        _transport.Dispose();
        _server.Dispose();
    }

    private static AtlasRequest Get(string path = Path) => new(HttpMethod.Get, path, "application/vnd.atlas.2023-01-01+json");

    [Theory]
    [InlineData("text/html; charset=utf-8", "<html><body>Down for maintenance</body></html>")]
    [InlineData("text/plain", "{\"roleId\":\"r1\"}")]
    [InlineData("application/xml", "<role/>")]
    public async Task A_success_that_is_not_JSON_by_its_Content_Type_is_a_format_exception_naming_what_came_back(string contentType, string body)
    {
        _server.RespondWith(200, body, contentType);

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _transport.SendAsync(Get(), AtlasTypeInfo.JsonElement, null, default));

        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
        Assert.Equal(body, e.RawBody);
        Assert.Equal(contentType, e.Header("Content-Type"));
        Assert.Contains("200", e.Message, StringComparison.Ordinal);
        Assert.Contains(contentType.Split(';')[0], e.Message, StringComparison.Ordinal);
        Assert.Contains(body.Substring(0, 6), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/vnd.atlas.2023-01-01+json")]
    [InlineData("application/vnd.atlas.2023-01-01+json;charset=utf-8")]
    [InlineData("application/json")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/problem+json")]
    public async Task A_success_with_a_JSON_Content_Type_is_read(string contentType)
    {
        _server.RespondWith(200, "{\"roleId\":\"r1\"}", contentType);

        JsonElement result = await _transport.SendAsync(Get(), AtlasTypeInfo.JsonElement, null, default);

        Assert.Equal("r1", result.GetProperty("roleId").GetString());
    }

    [Fact]
    public async Task A_UTF8_BOM_before_an_error_body_keeps_the_error_code()
    {
        _server.RespondWith(404, "\uFEFF{\"error\":404,\"errorCode\":\"RESOURCE_NOT_FOUND\",\"detail\":\"No role.\"}", "application/json");

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => _transport.SendAsync(Get(), null, default));

        Assert.Equal("RESOURCE_NOT_FOUND", e.ErrorCode);
        Assert.Equal("No role.", e.Detail);
    }

    [Fact]
    public async Task A_UTF8_BOM_before_a_success_body_is_read_past()
    {
        _server.RespondWith(200, "\uFEFF{\"roleId\":\"r1\"}", "application/json");

        JsonElement result = await _transport.SendAsync(Get(), AtlasTypeInfo.JsonElement, null, default);

        Assert.Equal("r1", result.GetProperty("roleId").GetString());
    }

    [Fact]
    public async Task An_error_message_shows_the_path_from_its_leading_slash_and_ends_in_one_period()
    {
        _server.RespondWith(404, "{\"error\":404,\"errorCode\":\"RESOURCE_NOT_FOUND\",\"detail\":\"No role found.\"}", "application/json");

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => _transport.SendAsync(Get(Path + "?pretty=true"), null, default));

        Assert.Equal("Atlas answered 404 (NotFound) to GET /" + Path + " with RESOURCE_NOT_FOUND: No role found.", e.Message);
    }

    [Fact]
    public async Task A_format_error_message_shows_the_path_from_its_leading_slash_and_ends_in_one_period()
    {
        _server.RespondWith(200, "{\"roleId\":", "application/json");

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _transport.SendAsync(Get(), AtlasTypeInfo.JsonElement, null, default));

        Assert.Contains(" GET /" + Path + " ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
        Assert.False(e.Message.EndsWith("..", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public async Task A_wrongly_typed_property_is_named_with_its_JSON_path()
    {
        _server.RespondWith(200, "{\"roleId\":\"r1\",\"featureUsages\":[{\"featureType\":\"A\"},{\"featureType\":5}]}", "application/json");

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _transport.SendAsync(Get(), Role.TypeInfo, null, default));

        Assert.Contains("'featureType'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.featureUsages[1].featureType", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.featureUsages[1].featureType", e.JsonPath);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
    }

    [Fact]
    public async Task A_wrongly_typed_property_in_a_list_item_is_named_with_its_JSON_path()
    {
        _server.RespondWith(200, "[\n  {\"roleId\": \"r1\"},\n  {\"roleId\": \"r2\", \"featureUsages\": {}}\n]", "application/json");

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _transport.SendAsync(Get(), AtlasTypeInfo.ListOf(Role.TypeInfo), null, default));

        Assert.Contains("'featureUsages'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$[1].featureUsages", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"roleId\":\"r1\",\"featureUsages\":[{\"featureType\":\"A\"", "$.featureUsages[0].featureType")]
    [InlineData("{\"roleId\":\"r1\",\"featureUsages\":[{\"featureType\":\"A\"},{\"featureType\":tru", "$.featureUsages[1].featureType")]
    public async Task JSON_that_breaks_off_is_placed_where_it_breaks(string body, string path)
    {
        _server.RespondWith(200, body, "application/json");

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _transport.SendAsync(Get(), Role.TypeInfo, null, default));

        Assert.Equal(path, e.JsonPath);
        Assert.Contains("at path " + path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Equal(body, e.RawBody);
    }

    [Fact]
    public async Task A_missing_required_property_names_the_property_and_the_path_of_its_object()
    {
        _server.RespondWith(200, "{\"featureUsages\":[]}", "application/json");

        AtlasResponseFormatException e = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _transport.SendAsync(Get(), Role.TypeInfo, null, default));

        Assert.Contains("'roleId'", e.Message, StringComparison.Ordinal);
        Assert.Contains("path $", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A model read the way generated converters read: by hand, without the serializer's property metadata.</summary>
    private sealed class Role
    {
        public static readonly JsonTypeInfo<Role> TypeInfo = JsonMetadataServices.CreateValueInfo<Role>(
            new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() },
            new Converter());

        public string? RoleId { get; set; }

        public List<string?> FeatureTypes { get; } = new();

        private sealed class Converter : JsonConverter<Role>
        {
            public override Role Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                Expect(ref reader, JsonTokenType.StartObject);
                var role = new Role();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.ValueTextEquals("roleId"u8))
                    {
                        reader.Read();
                        role.RoleId = reader.GetString();
                        continue;
                    }

                    if (reader.ValueTextEquals("featureUsages"u8))
                    {
                        reader.Read();
                        Expect(ref reader, JsonTokenType.StartArray);
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            Expect(ref reader, JsonTokenType.StartObject);
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                            {
                                reader.Read();
                                role.FeatureTypes.Add(reader.GetString());
                            }
                        }

                        continue;
                    }

                    reader.Read();
                    reader.Skip();
                }

                return role.RoleId is null
                    ? throw new JsonException("The JSON object for Role has no 'roleId', which the spec requires.")
                    : role;
            }

            public override void Write(Utf8JsonWriter writer, Role value, JsonSerializerOptions options) => throw new NotSupportedException();

            private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
            {
                if (reader.TokenType != expected)
                {
                    throw new JsonException("Expected " + expected + " but found " + reader.TokenType + ".");
                }
            }
        }
    }
}
