using System;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using Contoso.Atlas;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>The generated AddAtlasClient registration on IHttpClientFactory.</summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private readonly LoopbackServer _server = new(LoopbackResponse.Json("""{"awsIamRoles":[],"azureServicePrincipals":[],"gcpServiceAccounts":[]}"""));

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AddAtlasClient_registers_the_root_and_every_tag_client_over_the_pipeline()
    {
        var services = new ServiceCollection();
        services.AddAtlasClient(options =>
        {
            options.BaseAddress = _server.BaseAddress;
            options.ApiKey = new AtlasApiKey("public", "private");
            options.UserAgentProduct = "DiTests/1.0";
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        IAtlasClient root = provider.GetRequiredService<IAtlasClient>();
        ICloudProviderAccessClient tag = provider.GetRequiredService<ICloudProviderAccessClient>();
        CloudProviderAccessRoles roles = await tag.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8");

        Assert.NotNull(root.CloudProviderAccess);
        Assert.Empty(roles.GcpServiceAccounts!);
        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/cloudProviderAccess", request.Path);
        Assert.EndsWith("DiTests/1.0", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_fail_when_the_client_is_resolved_with_the_reason()
    {
        var services = new ServiceCollection();
        services.AddAtlasClient(options => options.BaseAddress = new Uri("http://atlas.example.com/"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IAtlasClient>());

        Assert.Contains("AllowInsecureHttp", error.ToString(), StringComparison.Ordinal);
    }
}
