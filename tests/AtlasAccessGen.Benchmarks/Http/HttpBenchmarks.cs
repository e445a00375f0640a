using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using BenchmarkDotNet.Attributes;
using Bench.Generated;

namespace AtlasAccessGen.Benchmarks.Http;

/// <summary>
/// One <c>getCloudProviderAccess</c> call of the generated client against the emulator on loopback, one caller, one
/// kept-alive connection, each way of signing in, through the runtime's whole pipeline (retries, logging, auth):
/// no auth (the floor; an emulator that allows it), our Digest handler (it reuses the server's nonce, so one request
/// per call), .NET's built-in Digest (<see cref="CredentialCache"/>; a 401 challenge and a second request per call)
/// and a Service Account (a bearer token, fetched once and cached). One more row splits Digest's cost: a valid
/// Digest header captured from our handler and replayed unchanged by the no-auth pipeline (the emulator, like many
/// servers, does not reject a repeated nonce count) costs what the server's verification costs, so the rest of
/// <see cref="OurDigest"/>'s cost over it is the client's.
/// With two or more processors the client is pinned to processor 0 and both emulators to processor 1 while the
/// cases run: on a small machine, client and server otherwise take turns on the same cores and the noise of that
/// scheduling (±20% on two cores) is larger than the differences being measured.
/// </summary>
[MemoryDiagnoser]
[IterationCount(60)] // 4x the MediumRun's 15: a loopback round trip on a small machine is noisy (±20% per iteration)
public class HttpBenchmarks
{
    private const int ServerWarmUpCalls = 250;
    private const string GroupId = "32b6e34b3d91647abb20e7b8";

    private static readonly AtlasEmulatorOptions Defaults = new();

    private EmulatorProcess _anonymous = null!;
    private EmulatorProcess _authenticated = null!;
    private AtlasClient _noAuth = null!;
    private AtlasClient _ourDigest = null!;
    private AtlasClient _builtInDigest = null!;
    private AtlasClient _serviceAccount = null!;
    private AtlasClient _replayedDigest = null!;
    private string _anonymousRoleId = string.Empty;
    private string _roleId = string.Empty;
    private nint? _affinity;

    [GlobalSetup]
    public async Task Setup()
    {
        if (Environment.ProcessorCount >= 2 && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            _affinity = Process.GetCurrentProcess().ProcessorAffinity;
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        _anonymous = await EmulatorProcess.StartAsync(allowAnonymous: true, processor: 1);
        _authenticated = await EmulatorProcess.StartAsync(allowAnonymous: false, processor: 1);

        _noAuth = new AtlasClient(new AtlasClientOptions { BaseAddress = _anonymous.BaseAddress });
        _ourDigest = new AtlasClient(new AtlasClientOptions
        {
            BaseAddress = _authenticated.BaseAddress,
            ApiKey = new AtlasApiKey(Defaults.PublicKey, Defaults.PrivateKey),
        });
        _serviceAccount = new AtlasClient(new AtlasClientOptions
        {
            BaseAddress = _authenticated.BaseAddress,
            ServiceAccount = new AtlasServiceAccount(Defaults.ClientId, Defaults.ClientSecret),
        });

        // The same pipeline without the runtime's auth handler, over a handler that does Digest itself.
        var builtIn = new AtlasClientOptions { BaseAddress = _authenticated.BaseAddress };
        var credentials = new CredentialCache { { _authenticated.BaseAddress, "Digest", new NetworkCredential(Defaults.PublicKey, Defaults.PrivateKey) } };
        _builtInDigest = new AtlasClient(AtlasHttp.CreateHttpClient(builtIn, new SocketsHttpHandler { Credentials = credentials, PreAuthenticate = true }), builtIn);

        _anonymousRoleId = await CreateRole(_noAuth);
        _roleId = await CreateRole(_ourDigest);
        _replayedDigest = await ReplayingClient();

        // Every contender reads the role before measuring: connections open, nonce and token in hand, and both
        // emulators (fresh processes for each case) past their JIT tiers, so no case pays for the server's warm-up.
        foreach (Func<Task<CloudProviderAccessRole>> call in new Func<Task<CloudProviderAccessRole>>[] { NoAuth, OurDigest, BuiltInDigest, ServiceAccountBearer, ReplayedDigestHeader })
        {
            for (int i = 0; i < ServerWarmUpCalls; i++)
            {
                if (await call() is not CloudProviderAccessAWSIAMRole)
                {
                    throw new InvalidOperationException("A contender did not read the AWS role back.");
                }
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _noAuth.Dispose();
        _ourDigest.Dispose();
        _builtInDigest.Dispose();
        _serviceAccount.Dispose();
        _replayedDigest.Dispose();
        _anonymous.Dispose();
        _authenticated.Dispose();
        if (_affinity is { } affinity && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            Process.GetCurrentProcess().ProcessorAffinity = affinity;
        }
    }

    [Benchmark(Baseline = true)]
    public Task<CloudProviderAccessRole> NoAuth() => _noAuth.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, _anonymousRoleId);

    [Benchmark]
    public Task<CloudProviderAccessRole> OurDigest() => _ourDigest.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, _roleId);

    [Benchmark]
    public Task<CloudProviderAccessRole> BuiltInDigest() => _builtInDigest.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, _roleId);

    [Benchmark]
    public Task<CloudProviderAccessRole> ServiceAccountBearer() => _serviceAccount.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, _roleId);

    /// <summary>The server's share of Digest: a header our handler signed once, sent again on every call.</summary>
    [Benchmark]
    public Task<CloudProviderAccessRole> ReplayedDigestHeader() => _replayedDigest.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, _roleId);

    private async Task<AtlasClient> ReplayingClient()
    {
        string? header = null;
        var capture = new HeaderCapture(value => header = value) { InnerHandler = new SocketsHttpHandler() };
        var signing = new AtlasClientOptions { BaseAddress = _authenticated.BaseAddress };
        using (var signer = new AtlasClient(new HttpClient(new AtlasDigestHandler(new AtlasApiKey(Defaults.PublicKey, Defaults.PrivateKey), capture)) { BaseAddress = _authenticated.BaseAddress }, signing))
        {
            await signer.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, _roleId);
        }

        var options = new AtlasClientOptions { BaseAddress = _authenticated.BaseAddress };
        HttpClient http = AtlasHttp.CreateHttpClient(options);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header ?? throw new InvalidOperationException("No Digest header was captured."));
        return new AtlasClient(http, options);
    }

    private async Task<string> CreateRole(AtlasClient client)
    {
        CloudProviderAccessRole role = await client.CloudProviderAccess.CreateCloudProviderAccessAsync(GroupId, new CloudProviderAccessAWSIAMRoleRequest());
        return ((CloudProviderAccessAWSIAMRole)role).RoleId!;
    }

    /// <summary>Remembers the last Authorization header sent through it.</summary>
    private sealed class HeaderCapture(Action<string> capture) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { } authorization)
            {
                capture(authorization.ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
