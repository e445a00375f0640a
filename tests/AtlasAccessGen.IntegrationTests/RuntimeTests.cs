using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using AtlasAccessGen.Runtime;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>Unit tests of the hand-written runtime pieces the generated clients call.</summary>
public class RuntimeTests
{
    private const string IdPattern = "^([a-f0-9]{24})$";

    // ---------------------------------------------------------------- AtlasArguments.PathSegment

    [Theory]
    [InlineData("a/b c?", "a%2Fb%20c%3F")]
    [InlineData("32b6e34b3d91647abb20e7b8", "32b6e34b3d91647abb20e7b8")]
    [InlineData("AWS", "AWS")]
    [InlineData("a#b%c&d", "a%23b%25c%26d")]
    [InlineData("é", "%C3%A9")]
    [InlineData("...", "...")]
    public void PathSegment_escapes_everything_that_would_change_the_path(string value, string expected)
    {
        Assert.Equal(expected, AtlasArguments.PathSegment(value, "roleId"));
    }

    [Theory]
    [InlineData("192.0.2.0%2F24", "192.0.2.0%2F24")]
    [InlineData("192.0.2.0%2f24", "192.0.2.0%2f24")]
    [InlineData("%2Fsubscriptions%2Fabc def", "%2Fsubscriptions%2Fabc%20def")]
    [InlineData("50%", "50%25")]
    [InlineData("a/b%zz", "a%2Fb%25zz")]
    public void Pre_encoded_PathSegment_keeps_valid_escapes_and_escapes_the_rest(string value, string expected)
    {
        Assert.Equal(expected, AtlasArguments.PathSegment(value, "entryValue", preEncoded: true));
    }

    [Theory]
    [InlineData("%2E%2E")]
    [InlineData("%2e")]
    [InlineData("")]
    public void Pre_encoded_PathSegment_rejects_escaped_dot_segments(string value)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AtlasArguments.PathSegment(value, "entryValue", preEncoded: true));
        Assert.Equal("entryValue", ex.ParamName);
    }

    [Fact]
    public void Pattern_mismatch_message_names_the_parameter_but_never_the_value()
    {
        const string secretLike = "tok_live_5f3c2b1a0e9d8c7b6a594837";
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AtlasArguments.Matches(secretLike, IdPattern, "token"));

        Assert.Equal("token", ex.ParamName);
        Assert.DoesNotContain(secretLike, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretLike, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0661\u0662")]
    [InlineData("12\n")]
    public void Patterns_follow_ecma_262_digits_and_end_anchors(string escaped)
    {
        string value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Throws<ArgumentException>(() => AtlasArguments.Matches(value, "^\\d+$", "n"));
        AtlasArguments.Matches("12", "^\\d+$", "n");
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void PathSegment_rejects_values_that_would_change_the_path(string value)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AtlasArguments.PathSegment(value, "roleId"));
        Assert.Equal("roleId", ex.ParamName);
    }

    [Fact]
    public void PathSegment_rejects_null_with_the_parameter_name()
    {
        ArgumentNullException ex = Assert.Throws<ArgumentNullException>(() => AtlasArguments.PathSegment(null!, "groupId"));
        Assert.Equal("groupId", ex.ParamName);
    }

    // ---------------------------------------------------------------- AtlasArguments.Matches

    [Theory]
    [InlineData("32b6e34b3d91647abb20e7b8")]
    [InlineData(null)]
    public void Matches_accepts_a_matching_value_and_null(string? value)
    {
        AtlasArguments.Matches(value, IdPattern, "groupId");
    }

    [Theory]
    [InlineData("32B6E34B3D91647ABB20E7B8")]
    [InlineData("32b6e34b3d91647abb20e7b")]
    [InlineData("32b6e34b3d91647abb20e7b89")]
    [InlineData("")]
    [InlineData(" 32b6e34b3d91647abb20e7b8")]
    [InlineData("32b6e34b3d91647abb20e7b8 ")]
    [InlineData("32b6e34b3d91647abb20e7b8\n")]
    [InlineData("32b6e34b3d91647abb20e7b8\r\n")]
    public void Matches_rejects_a_value_outside_the_pattern(string value)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AtlasArguments.Matches(value, IdPattern, "groupId"));
        Assert.Equal("groupId", ex.ParamName);
        Assert.Contains(IdPattern, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_an_unanchored_pattern_anywhere()
    {
        AtlasArguments.Matches("xx-abc-yy", "abc", "name");
        Assert.Throws<ArgumentException>(() => AtlasArguments.Matches("xx-abd-yy", "abc", "name"));
    }

    // ---------------------------------------------------------------- AtlasArguments.InRange / Known

    [Theory]
    [InlineData(1.0, 1.0, 10.0)]
    [InlineData(10.0, 1.0, 10.0)]
    [InlineData(5.5, 1.0, 10.0)]
    [InlineData(-100.0, null, 10.0)]
    [InlineData(1e9, 1.0, null)]
    [InlineData(null, 1.0, 10.0)]
    [InlineData(3.0, null, null)]
    public void InRange_accepts_values_within_the_bounds(double? value, double? minimum, double? maximum)
    {
        AtlasArguments.InRange(value, minimum, maximum, "itemsPerPage");
    }

    [Theory]
    [InlineData(0.0, 1.0, 10.0, "at least 1 and at most 10")]
    [InlineData(10.5, 1.0, 10.0, "at least 1 and at most 10")]
    [InlineData(0.5, 1.0, null, "at least 1")]
    [InlineData(500.0, null, 10.0, "at most 10")]
    public void InRange_rejects_values_outside_the_bounds(double value, double? minimum, double? maximum, string expectedRange)
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => AtlasArguments.InRange(value, minimum, maximum, "itemsPerPage"));
        Assert.Equal("itemsPerPage", ex.ParamName);
        Assert.Equal(value, ex.ActualValue);
        Assert.Contains(expectedRange, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_throws_only_for_unknown_values()
    {
        AtlasArguments.Known(true, "AWS", "AWS, AZURE, GCP", "cloudProvider");
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AtlasArguments.Known(false, "ORACLE", "AWS, AZURE, GCP", "cloudProvider"));
        Assert.Equal("cloudProvider", ex.ParamName);
        Assert.Contains("ORACLE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AWS, AZURE, GCP", ex.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- AtlasApiError

    [Fact]
    public void TryParse_reads_a_full_ApiError()
    {
        const string json = """
            {
              "detail": "(This is just an example) No provider AWS exists.",
              "error": 400,
              "errorCode": "VALIDATION_ERROR",
              "parameters": ["AWS", 3, {"k": "v"}],
              "reason": "Bad Request",
              "badRequestDetail": {
                "fields": [
                  {"field": "providerName", "description": "must be one of AWS, AZURE, GCP"},
                  {"field": "iamAssumedRoleArn", "description": "too short"}
                ]
              }
            }
            """;

        AtlasApiError error = Assert.IsType<AtlasApiError>(AtlasApiError.TryParse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(400, error.Error);
        Assert.Equal("VALIDATION_ERROR", error.ErrorCode);
        Assert.Equal("(This is just an example) No provider AWS exists.", error.Detail);
        Assert.Equal("Bad Request", error.Reason);
        Assert.Collection(
            error.Parameters,
            p => Assert.Equal("AWS", p.GetString()),
            p => Assert.Equal(3, p.GetInt32()),
            p => Assert.Equal("v", p.GetProperty("k").GetString()));
        Assert.Equal(
            new[] { new AtlasBadRequestField("providerName", "must be one of AWS, AZURE, GCP"), new AtlasBadRequestField("iamAssumedRoleArn", "too short") },
            error.BadRequestFields);
        Assert.Equal("VALIDATION_ERROR: (This is just an example) No provider AWS exists.", error.ToString());
    }

    [Theory]
    [InlineData("""{"errorCode":"RATE_LIMITED"}""", null, "RATE_LIMITED")]
    [InlineData("""{"error":503}""", 503, null)]
    [InlineData("""{"error":"500","errorCode":"UNEXPECTED_ERROR","detail":7}""", null, "UNEXPECTED_ERROR")]
    public void TryParse_reads_a_partial_ApiError_leniently(string json, int? expectedError, string? expectedCode)
    {
        AtlasApiError error = Assert.IsType<AtlasApiError>(AtlasApiError.TryParse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(expectedError, error.Error);
        Assert.Equal(expectedCode, error.ErrorCode);
        Assert.Null(error.Reason);
        Assert.Empty(error.Parameters);
        Assert.Empty(error.BadRequestFields);
    }

    [Theory]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("")]
    [InlineData("{\"error\":404,")]
    [InlineData("[]")]
    [InlineData("\"RESOURCE_NOT_FOUND\"")]
    [InlineData("{}")]
    [InlineData("""{"detail":"no code","reason":"Not Found"}""")]
    [InlineData("""{"message":"upstream timeout"}""")]
    public void TryParse_returns_null_for_anything_that_is_not_an_ApiError(string body)
    {
        Assert.Null(AtlasApiError.TryParse(Encoding.UTF8.GetBytes(body)));
    }

    // ---------------------------------------------------------------- AtlasApiException

    [Theory]
    [InlineData("30", 30)]
    [InlineData("0", 0)]
    public void RetryAfter_reads_delta_seconds(string value, int seconds)
    {
        AtlasApiException ex = Exception(("Retry-After", value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), ex.RetryAfter);
    }

    [Fact]
    public void RetryAfter_reads_an_HTTP_date()
    {
        // RetryAfter reads the system clock (the handler's own reading takes a TimeProvider), so the expected value is
        // bracketed by the clock read just before and just after: the answer is the date minus a "now" in between.
        DateTimeOffset when = DateTimeOffset.UtcNow.AddMinutes(10);
        when = when.AddTicks(-(when.Ticks % TimeSpan.TicksPerSecond));
        string date = when.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        AtlasApiException refused = Exception(("Retry-After", date));

        DateTimeOffset before = DateTimeOffset.UtcNow;
        TimeSpan? retryAfter = refused.RetryAfter;
        DateTimeOffset after = DateTimeOffset.UtcNow;

        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, when - after, when - before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public void RetryAfter_is_null_when_absent_or_unreadable(string? value)
    {
        AtlasApiException ex = value is null ? Exception() : Exception(("Retry-After", value));
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public void Exception_message_names_status_method_path_and_error()
    {
        AtlasApiError error = AtlasApiError.TryParse("""{"error":404,"errorCode":"RESOURCE_NOT_FOUND","detail":"Cannot find resource AWS"}"""u8)!;
        var ex = new AtlasApiException(HttpStatusCode.NotFound, "GET", "api/atlas/v2/groups/x", new Dictionary<string, IReadOnlyList<string>>(), "{}", error);

        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/atlas/v2/groups/x", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RESOURCE_NOT_FOUND: Cannot find resource AWS", ex.Message, StringComparison.Ordinal);
        Assert.Equal("RESOURCE_NOT_FOUND", ex.ErrorCode);
    }

    // ---------------------------------------------------------------- AtlasRequest.PathAndQuery

    [Fact]
    public void PathAndQuery_escapes_query_names_and_values()
    {
        var request = new AtlasRequest(HttpMethod.Get, "api/atlas/v2/groups", "application/vnd.atlas.2023-01-01+json")
            .Query("name", "a b&c=d/é?#")
            .Query("odd name", "x+y");

        Assert.Equal("api/atlas/v2/groups?name=a%20b%26c%3Dd%2F%C3%A9%3F%23&odd%20name=x%2By", request.PathAndQuery(envelope: false, pretty: false));
    }

    [Fact]
    public void PathAndQuery_writes_typed_values_invariantly_and_leaves_nulls_out()
    {
        var request = new AtlasRequest(HttpMethod.Get, "api/x", "application/vnd.atlas.2023-01-01+json")
            .Query("on", true)
            .Query("off", (bool?)false)
            .Query("unset", (bool?)null)
            .Query("missing", (string?)null)
            .Query("count", 500L)
            .Query("ratio", 0.25)
            .Query("tags", new[] { "a", "b c", "a" })
            .Query("none", (IEnumerable<string>?)null)
            .Query("empty", Array.Empty<string>());

        Assert.Equal("api/x?on=true&off=false&count=500&ratio=0.25&tags=a&tags=b%20c&tags=a", request.PathAndQuery(envelope: false, pretty: false));
    }

    [Theory]
    [InlineData(0, 0, "2025-05-04T09%3A42%3A00Z")]
    [InlineData(2, 0, "2025-05-04T07%3A42%3A00Z")]
    [InlineData(-5, 0, "2025-05-04T14%3A42%3A00Z")]
    [InlineData(0, 123, "2025-05-04T09%3A42%3A00.123Z")]
    public void PathAndQuery_writes_dates_in_UTC_ISO_8601(int offsetHours, int milliseconds, string expected)
    {
        var value = new DateTimeOffset(2025, 5, 4, 9, 42, 0, milliseconds, TimeSpan.FromHours(offsetHours));
        var request = new AtlasRequest(HttpMethod.Get, "api/x", "application/vnd.atlas.2023-01-01+json").Query("since", value);

        Assert.Equal("api/x?since=" + expected, request.PathAndQuery(envelope: false, pretty: false));
    }

    [Theory]
    [InlineData(false, false, "api/x", "api/x?q=1")]
    [InlineData(true, false, "api/x?envelope=true", "api/x?q=1&envelope=true")]
    [InlineData(false, true, "api/x?pretty=true", "api/x?q=1&pretty=true")]
    [InlineData(true, true, "api/x?envelope=true&pretty=true", "api/x?q=1&envelope=true&pretty=true")]
    public void PathAndQuery_adds_envelope_and_pretty_only_when_on(bool envelope, bool pretty, string withoutQuery, string withQuery)
    {
        var bare = new AtlasRequest(HttpMethod.Get, "api/x", "application/vnd.atlas.2023-01-01+json");
        var queried = new AtlasRequest(HttpMethod.Get, "api/x", "application/vnd.atlas.2023-01-01+json").Query("q", "1");

        Assert.Equal(withoutQuery, bare.PathAndQuery(envelope, pretty));
        Assert.Equal(withQuery, queried.PathAndQuery(envelope, pretty));
    }

    // ---------------------------------------------------------------- AtlasMediaTypes

    [Theory]
    [InlineData("2023-01-01", "application/vnd.atlas.2023-01-01+json")]
    [InlineData("2024-08-05", "application/vnd.atlas.2024-08-05+json")]
    [InlineData("preview", "application/vnd.atlas.preview+json")]
    public void ForVersion_builds_the_versioned_media_type(string version, string expected)
    {
        Assert.Equal(expected, AtlasMediaTypes.ForVersion(version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-1-01")]
    [InlineData("2023-13-01")]
    [InlineData("2023-02-30")]
    [InlineData("2023/01/01")]
    [InlineData("Preview")]
    [InlineData("v2")]
    public void ForVersion_rejects_anything_else(string version)
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AtlasMediaTypes.ForVersion(version));
        Assert.Equal("version", ex.ParamName);
    }

    [Fact]
    public void ForVersion_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => AtlasMediaTypes.ForVersion(null!));
        Assert.Equal("application/json", AtlasMediaTypes.Json);
    }

    private static AtlasApiException Exception(params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            map[name] = new[] { value };
        }

        return new AtlasApiException(HttpStatusCode.TooManyRequests, "GET", "api/x", map, string.Empty, error: null);
    }
}
