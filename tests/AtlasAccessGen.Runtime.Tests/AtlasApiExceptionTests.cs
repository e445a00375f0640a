using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>What callers read off an error: everything the server said, whatever shape the body had.</summary>
public class AtlasApiExceptionTests
{
    private static AtlasApiException Create(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in headers)
        {
            map[name] = new[] { value };
        }

        return new AtlasApiException(status, "POST", "api/atlas/v2/groups/x/cloudProviderAccess", map, body, AtlasApiError.TryParse(System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Is_an_HttpRequestException_with_the_status_so_existing_handlers_catch_it()
    {
        HttpRequestException error = Create(HttpStatusCode.Conflict, "{\"error\":409,\"errorCode\":\"DUPLICATE\"}");

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.IsType<AtlasApiException>(error);
    }

    [Fact]
    public void Helpers_read_the_error_code_detail_and_rate_limit_headers()
    {
        AtlasApiException error = Create(
            (HttpStatusCode)429,
            "{\"error\":429,\"errorCode\":\"RATE_LIMITED\",\"detail\":\"Slow down.\",\"reason\":\"Too Many Requests\",\"parameters\":null}",
            ("RateLimit-Limit", "100"),
            ("RateLimit-Remaining", "0"),
            ("Retry-After", "7"));

        Assert.True(error.IsErrorCode("RATE_LIMITED"));
        Assert.False(error.IsErrorCode("rate_limited"));
        Assert.True(error.TryGetApiError(out AtlasApiError? parsed));
        Assert.Empty(parsed.Parameters);
        Assert.Empty(error.Parameters);
        Assert.Empty(error.BadRequestFields);
        Assert.Equal("Slow down.", error.Detail);
        Assert.Equal("Too Many Requests", error.Reason);
        Assert.Equal(100, error.RateLimitLimit);
        Assert.Equal(0, error.RateLimitRemaining);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public void Parameters_of_any_json_kind_and_bad_request_fields_are_kept()
    {
        AtlasApiException error = Create(
            HttpStatusCode.BadRequest,
            "{\"error\":400,\"errorCode\":\"VALIDATION_ERROR\",\"parameters\":[\"a\",1,null,{\"k\":[true]}],\"badRequestDetail\":{\"fields\":[{\"field\":\"roleId\",\"description\":\"bad\"}]}}");

        Assert.Equal(new[] { "\"a\"", "1", "null", "{\"k\":[true]}" }, error.Parameters.Select(p => p.GetRawText()));
        AtlasBadRequestField field = Assert.Single(error.BadRequestFields);
        Assert.Equal("roleId", field.Field);
        Assert.Equal("bad", field.Description);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"error\":405,\"errorCode\":null}")]
    [InlineData("{\"detail\":\"no code\"}")]
    [InlineData("[1,2]")]
    public void Odd_error_bodies_still_give_a_typed_exception_with_the_raw_body(string body)
    {
        AtlasApiException error = Create(HttpStatusCode.MethodNotAllowed, body);

        Assert.Equal(body, error.RawBody);
        Assert.Null(error.ErrorCode);
        Assert.Empty(error.Parameters);
        Assert.False(error.IsErrorCode("RESOURCE_NOT_FOUND"));
        Assert.Contains("405", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absurdly_long_Retry_After_reads_as_the_longest_wait_not_as_absent()
    {
        AtlasApiException error = Create((HttpStatusCode)429, "{}", ("Retry-After", "99999999999"));

        Assert.Equal(TimeSpan.MaxValue, error.RetryAfter);
    }
}
