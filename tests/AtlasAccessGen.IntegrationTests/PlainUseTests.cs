using System;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using Contoso.Atlas;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>The generated client without dependency injection: options in, a working pipeline out.</summary>
public sealed class PlainUseTests : IDisposable
{
    private readonly LoopbackServer _server = new(LoopbackResponse.Json("""{"awsIamRoles":[],"azureServicePrincipals":[],"gcpServiceAccounts":[]}"""));

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Client_built_from_options_sends_through_its_own_pipeline_and_owns_it()
    {
        var client = new AtlasClient(new AtlasClientOptions
        {
            BaseAddress = _server.BaseAddress,
            ApiKey = new AtlasApiKey("public", "private"),
            UserAgentProduct = "PlainUse/1.0",
        });

        CloudProviderAccessRoles roles = await client.CloudProviderAccess.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8");
        client.Dispose();

        Assert.Empty(roles.AwsIamRoles!);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.EndsWith("PlainUse/1.0", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.StartsWith("AtlasAccessGen/", request.Header("User-Agent"), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.CloudProviderAccess.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8"));
    }

    [Fact]
    public async Task Rate_limit_headers_of_a_success_are_readable_per_call()
    {
        _server.RespondWith(200, """{"awsIamRoles":[]}""", LoopbackResponse.VersionedJson, ("RateLimit-Limit", "100"), ("RateLimit-Remaining", "97"));
        using var client = new AtlasClient(new AtlasClientOptions { BaseAddress = _server.BaseAddress });
        var call = new AtlasRequestOptions();

        await client.CloudProviderAccess.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8", call);

        Assert.NotNull(call.Response);
        Assert.Equal(System.Net.HttpStatusCode.OK, call.Response.StatusCode);
        Assert.Equal(100, call.Response.RateLimitLimit);
        Assert.Equal(97, call.Response.RateLimitRemaining);
    }

    [Fact]
    public void Invalid_options_fail_when_the_client_is_built()
    {
        var error = Assert.Throws<ArgumentException>(() => new AtlasClient(new AtlasClientOptions { BaseAddress = new Uri("http://atlas.example.com/") }));

        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
    }
}
