using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using EndToEnd.Atlas;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>The emulator modes the HTTP benchmarks stand on: anonymous access (the floor) still checks what is sent.</summary>
public sealed class AnonymousEmulatorTests : EmulatorTest
{
    protected override AtlasEmulatorOptions CreateEmulatorOptions() => new() { AllowAnonymous = true };

    [Fact]
    public async Task A_client_without_credentials_is_served_in_one_request()
    {
        using var atlas = new AtlasClient(new AtlasClientOptions { BaseAddress = Emulator.BaseAddress });

        CloudProviderAccessRoles roles = await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(NewId());

        Assert.Equal(0, Count(roles));
        Assert.Equal(1, Emulator.RequestCount);
    }

    [Fact]
    public async Task Credentials_that_are_sent_are_still_checked()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath(NewId()));
        request.Headers.TryAddWithoutValidation("Authorization", "Digest username=\"emulator-public-key\", nonce=\"forged\", uri=\"/\", response=\"0\"");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>.NET's own Digest client (the benchmarks' peer) works against the emulator, one challenge per call.</summary>
public sealed class BuiltInDigestTests : EmulatorTest
{
    [Fact]
    public async Task CredentialCache_Digest_signs_in_after_a_challenge_on_every_call()
    {
        var credentials = new CredentialCache
        {
            { Emulator.BaseAddress, "Digest", new NetworkCredential(Emulator.Options.PublicKey, Emulator.Options.PrivateKey) },
        };
        var options = new AtlasClientOptions { BaseAddress = Emulator.BaseAddress };
        using var atlas = new AtlasClient(AtlasHttp.CreateHttpClient(options, new SocketsHttpHandler { Credentials = credentials, PreAuthenticate = true }), options);
        string groupId = NewId();

        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);

        // No nonce reuse: each call is a 401 challenge and the signed retry.
        Assert.Equal(4, Emulator.RequestCount);
    }
}
