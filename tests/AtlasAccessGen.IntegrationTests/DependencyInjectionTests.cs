using System;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using Contoso.Atlas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    public async Task Nothing_secret_reaches_any_log_even_the_factorys_own_at_Trace()
    {
        const string secret = "mdb_sa_sk_di-secret";
        const string token = "eyJ.di-token.sig";
        _server.RespondWith((request, _) => Task.FromResult(request.Path == "/api/oauth/token"
            ? LoopbackResponse.Json("{\"access_token\":\"" + token + "\",\"expires_in\":3600}", contentType: "application/json")
            : LoopbackResponse.Json("{\"awsIamRoles\":[]}")));
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingProvider(lines)));
        services.AddAtlasClient(options =>
        {
            options.BaseAddress = _server.BaseAddress;
            options.ServiceAccount = new AtlasServiceAccount("mdb_sa_id_di", secret);
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ICloudProviderAccessClient>().ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8");

        Assert.Contains(lines, l => l.Contains("/api/oauth/token", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("answered 200", StringComparison.Ordinal));
        string basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("mdb_sa_id_di:" + secret));
        foreach (string hidden in new[] { secret, token, basic })
        {
            Assert.DoesNotContain(lines, l => l.Contains(hidden, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Registering_twice_adds_configuration_not_a_second_pipeline()
    {
        _server.RespondWith(503, "{\"error\":503}", "application/json");
        var services = new ServiceCollection();
        services.AddAtlasClient(options => options.BaseAddress = _server.BaseAddress);
        services.AddAtlasClient(options => options.Retry.MaxRetries = 0);
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<AtlasApiException>(() => provider.GetRequiredService<ICloudProviderAccessClient>().ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8"));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(_server.Requests);
    }

    private sealed class CapturingProvider(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
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
