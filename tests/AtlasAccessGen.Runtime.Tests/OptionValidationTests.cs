using System;
using System.Net.Http;
using AtlasAccessGen.Runtime.Authentication;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>Every option and argument that reaches a request header is checked before anything is sent.</summary>
public sealed class OptionValidationTests
{
    public static TheoryData<string> HeaderBreakers => new()
    {
        "Evil/1.0\r\nX-Injected: 1",
        "Evil/1.0\nX-Injected: 1",
        "Evil/1.0\rX-Injected: 1",
        "Evil/1.0\0",
        "Evil/1.0\u007F",
        "Evil/1.0\u0085",
        "Evil/\u00e9",
    };

    [Theory]
    [MemberData(nameof(HeaderBreakers))]
    public void A_User_Agent_product_with_control_or_non_ASCII_characters_is_refused_by_Validate(string product)
    {
        var options = new AtlasClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), UserAgentProduct = product };

        ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(AtlasClientOptions.UserAgentProduct), error.ParamName);
        Assert.StartsWith("UserAgentProduct ", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AtlasTransport(options));
    }

    [Theory]
    [MemberData(nameof(HeaderBreakers))]
    public void An_API_public_key_that_would_break_the_Digest_header_is_refused_by_Validate(string publicKey)
    {
        var options = new AtlasClientOptions { ApiKey = new AtlasApiKey(publicKey, "private-key-value") };

        ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(AtlasClientOptions.ApiKey), error.ParamName);
        Assert.Contains("ApiKey.PublicKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("private-key-value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ContosoProvisioner/2.1")]
    [InlineData("ContosoProvisioner/2.1 (build 7; +https://contoso.example)")]
    public void A_printable_User_Agent_product_passes(string product)
    {
        var options = new AtlasClientOptions { UserAgentProduct = product, ApiKey = new AtlasApiKey("abcdefgh", "secret") };

        options.Validate();

        Assert.EndsWith(" " + product, options.UserAgent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HeaderBreakers))]
    public void A_header_parameter_with_control_or_non_ASCII_characters_fails_when_the_request_is_built(string value)
    {
        var request = new AtlasRequest(HttpMethod.Get, "api/atlas/v2/groups", "application/json");

        ArgumentException error = Assert.Throws<ArgumentException>(() => request.Header("X-Custom", value));

        Assert.Contains("X-Custom", error.Message, StringComparison.Ordinal);
    }
}
