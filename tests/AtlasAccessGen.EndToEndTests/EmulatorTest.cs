using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using AtlasAccessGen.Runtime.Resilience;
using EndToEnd.Atlas;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>How the client signs in.</summary>
public enum AuthMode
{
    /// <summary>An API key pair, HTTP Digest.</summary>
    ApiKey,

    /// <summary>A Service Account, OAuth2 client credentials and bearer tokens.</summary>
    ServiceAccount,
}

/// <summary>
/// A fresh emulator per test (xunit makes a new instance of the class for every test), so injected faults, request
/// counts and stores never leak between tests; clients and HTTP clients made here are disposed with it.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    /// <summary>The versioned media type the emulator serves.</summary>
    protected const string VersionedJson = "application/vnd.atlas.2023-01-01+json";

    /// <summary>An IAM role ARN of the shape Atlas accepts.</summary>
    protected const string IamRoleArn = "arn:aws:iam::123456789012:role/atlas-end-to-end";

    private readonly List<IDisposable> _disposables = new();
    private AtlasEmulator? _emulator;

    /// <summary>The running emulator.</summary>
    protected AtlasEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Fast retries, so fault tests take milliseconds: up to 3 retries, 50 ms doubling to 200 ms.</summary>
    protected static AtlasRetryOptions FastRetry() => new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>A new project id (24 hex digits), so every test works in its own project.</summary>
    protected static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    /// <summary>The emulator's settings for this test class; the defaults unless overridden.</summary>
    protected virtual AtlasEmulatorOptions CreateEmulatorOptions() => new();

    /// <inheritdoc/>
    public async Task InitializeAsync() => _emulator = await AtlasEmulator.StartAsync(CreateEmulatorOptions());

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (IDisposable disposable in _disposables)
        {
            disposable.Dispose();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>Client options for the emulator with the right credentials for <paramref name="mode"/> and fast retries.</summary>
    protected AtlasClientOptions ClientOptions(AuthMode mode = AuthMode.ApiKey)
    {
        var options = new AtlasClientOptions
        {
            BaseAddress = Emulator.BaseAddress,
            Retry = FastRetry(),
            Timeout = TimeSpan.FromSeconds(30),
            UserAgentProduct = "AtlasAccessGen.EndToEndTests/1.0",
        };
        if (mode == AuthMode.ApiKey)
        {
            options.ApiKey = new AtlasApiKey(Emulator.Options.PublicKey, Emulator.Options.PrivateKey);
        }
        else
        {
            options.ServiceAccount = new AtlasServiceAccount(Emulator.Options.ClientId, Emulator.Options.ClientSecret);
        }

        return options;
    }

    /// <summary>A generated client over its own pipeline, disposed after the test.</summary>
    protected AtlasClient CreateClient(AuthMode mode = AuthMode.ApiKey, Action<AtlasClientOptions>? configure = null)
    {
        AtlasClientOptions options = ClientOptions(mode);
        configure?.Invoke(options);
        return Track(new AtlasClient(options));
    }

    /// <summary>An authenticated <see cref="HttpClient"/> (the runtime's pipeline) for requests the generated client would never send.</summary>
    protected HttpClient CreateRawHttpClient(AuthMode mode = AuthMode.ApiKey, Action<AtlasClientOptions>? configure = null)
    {
        AtlasClientOptions options = ClientOptions(mode);
        configure?.Invoke(options);
        return Track(AtlasHttp.CreateHttpClient(options));
    }

    /// <summary>A request with the versioned Accept header the emulator wants.</summary>
    protected static HttpRequestMessage Versioned(HttpMethod method, string relativeUri)
    {
        var request = new HttpRequestMessage(method, relativeUri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(VersionedJson));
        return request;
    }

    /// <summary>The collection path of a project, relative to the base address.</summary>
    protected static string RolesPath(string groupId) => "api/atlas/v2/groups/" + groupId + "/cloudProviderAccess";

    /// <summary>How many roles of every provider a project has.</summary>
    protected static int Count(CloudProviderAccessRoles roles) =>
        (roles.AwsIamRoles?.Count ?? 0) + (roles.AzureServicePrincipals?.Count ?? 0) + (roles.GcpServiceAccounts?.Count ?? 0);

    protected T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }
}
