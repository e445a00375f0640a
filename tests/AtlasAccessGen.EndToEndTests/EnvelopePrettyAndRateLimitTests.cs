using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using EndToEnd.Atlas;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary><c>envelope=true</c>, <c>pretty=true</c> and the RateLimit headers, end to end.</summary>
public sealed class EnvelopePrettyAndRateLimitTests : EmulatorTest
{
    [Fact]
    public async Task Per_call_envelope_gives_the_same_typed_results()
    {
        using AtlasClient atlas = CreateClient();
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        await Authenticate(atlas);

        var created = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest(), new AtlasRequestOptions { Envelope = true }));
        Assert.NotNull(created.RoleId);
        Assert.NotNull(created.AtlasAssumedRoleExternalId);

        var listOptions = new AtlasRequestOptions { Envelope = true };
        CloudProviderAccessRoles enveloped = await client.ListCloudProviderAccessAsync(groupId, listOptions);
        CloudProviderAccessRoles plain = await client.ListCloudProviderAccessAsync(groupId);
        Assert.Equal(created.RoleId, Assert.Single(enveloped.AwsIamRoles!).RoleId);
        Assert.Equal(Assert.Single(plain.AwsIamRoles!).AtlasAssumedRoleExternalId, Assert.Single(enveloped.AwsIamRoles!).AtlasAssumedRoleExternalId);
        Assert.Empty(enveloped.AzureServicePrincipals!);
        Assert.Empty(enveloped.GcpServiceAccounts!);
        Assert.Equal(HttpStatusCode.OK, listOptions.Response!.StatusCode);

        var fetched = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.GetCloudProviderAccessAsync(groupId, created.RoleId!, new AtlasRequestOptions { Envelope = true }));
        Assert.Equal(created.AtlasAssumedRoleExternalId, fetched.AtlasAssumedRoleExternalId);

        var authorized = Assert.IsType<CloudProviderAccessAWSIAMRole>(await client.AuthorizeProviderAccessRoleAsync(
            groupId, created.RoleId!, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = IamRoleArn }, new AtlasRequestOptions { Envelope = true }));
        Assert.Equal(IamRoleArn, authorized.IamAssumedRoleArn);

        // A 204 inside an envelope is a 200 on the wire with {"status":204,"content":null}.
        var deleteOptions = new AtlasRequestOptions { Envelope = true };
        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Aws, created.RoleId!, deleteOptions);
        Assert.Equal(HttpStatusCode.NoContent, deleteOptions.Response!.StatusCode);
        Assert.Equal(0, Count(await client.ListCloudProviderAccessAsync(groupId, new AtlasRequestOptions { Envelope = true })));
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task Client_wide_envelope_gives_the_same_typed_results(AuthMode mode)
    {
        using AtlasClient atlas = CreateClient(mode, o => o.Envelope = true);
        ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        await Authenticate(atlas);

        var gcp = Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessGCPServiceAccountRequest()));
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, gcp.Status);
        Assert.Equal(gcp.RoleId, Assert.Single((await client.ListCloudProviderAccessAsync(groupId)).GcpServiceAccounts!).RoleId);
        Assert.IsType<CloudProviderAccessGCPServiceAccount>(await client.GetCloudProviderAccessAsync(groupId, gcp.RoleId!));

        // A call may turn it off again.
        var plain = new AtlasRequestOptions { Envelope = false };
        Assert.Single((await client.ListCloudProviderAccessAsync(groupId, plain)).GcpServiceAccounts!);

        await client.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Gcp, gcp.RoleId!);
        Assert.Equal(0, Count(await client.ListCloudProviderAccessAsync(groupId)));
    }

    [Fact]
    public async Task An_enveloped_404_is_an_AtlasApiException_404()
    {
        using AtlasClient atlas = CreateClient(AuthMode.ApiKey, o => o.Envelope = true);
        string roleId = NewId();
        await Authenticate(atlas);

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.GetCloudProviderAccessAsync(NewId(), roleId));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal("RESOURCE_NOT_FOUND", e.ErrorCode);
        Assert.Contains(roleId, e.Detail, StringComparison.Ordinal);
        Assert.Contains("envelope=true", e.RequestPath, StringComparison.Ordinal);
        Assert.Contains("\"status\":404", e.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enveloped_400_from_a_per_call_envelope_is_an_AtlasApiException_400()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        var aws = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.AuthorizeProviderAccessRoleAsync(
            groupId, aws.RoleId!, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::not-an-account:role/x" }, new AtlasRequestOptions { Envelope = true }));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("INVALID_IAM_ROLE_ARN", e.ErrorCode);
    }

    [Fact]
    public async Task The_emulator_wraps_an_error_in_a_200_envelope_on_the_wire()
    {
        HttpClient http = await AuthenticatedRawHttpClient();
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath(NewId()) + "/" + NewId() + "?envelope=true");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("RESOURCE_NOT_FOUND", body.RootElement.GetProperty("content").GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Pretty_indents_the_body_on_the_wire()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());
        HttpClient http = CreateRawHttpClient();

        using HttpRequestMessage prettyRequest = Versioned(HttpMethod.Get, RolesPath(groupId) + "?pretty=true");
        using HttpResponseMessage pretty = await http.SendAsync(prettyRequest);
        string prettyBody = await pretty.Content.ReadAsStringAsync();
        using HttpRequestMessage compactRequest = Versioned(HttpMethod.Get, RolesPath(groupId));
        using HttpResponseMessage compact = await http.SendAsync(compactRequest);
        string compactBody = await compact.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, pretty.StatusCode);
        Assert.Contains("\n  \"awsIamRoles\": [", prettyBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", compactBody, StringComparison.Ordinal);
        using JsonDocument a = JsonDocument.Parse(prettyBody);
        using JsonDocument b = JsonDocument.Parse(compactBody);
        Assert.Equal(
            a.RootElement.GetProperty("awsIamRoles")[0].GetProperty("roleId").GetString(),
            b.RootElement.GetProperty("awsIamRoles")[0].GetProperty("roleId").GetString());
    }

    [Fact]
    public async Task Pretty_and_envelope_together_on_the_wire()
    {
        HttpClient http = await AuthenticatedRawHttpClient();
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath(NewId()) + "?envelope=true&pretty=true");

        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Contains("\n  \"status\": 200", body, StringComparison.Ordinal);
        Assert.Contains("\n  \"content\": {", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pretty_through_the_client_gives_the_same_typed_results()
    {
        using AtlasClient atlas = CreateClient(AuthMode.ServiceAccount, o => o.Pretty = true);
        string groupId = NewId();

        var created = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());
        var options = new AtlasRequestOptions { Pretty = true, Envelope = true };
        CloudProviderAccessRoles roles = await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId, options);

        Assert.Equal(created.RoleId, Assert.Single(roles.AwsIamRoles!).RoleId);
        var fetched = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, created.RoleId!, new AtlasRequestOptions { Pretty = false });
        Assert.Equal(created.AtlasAssumedRoleExternalId, fetched.AtlasAssumedRoleExternalId);
    }

    [Fact]
    public async Task RateLimit_headers_are_visible_on_the_response_and_count_down()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();

        var first = new AtlasRequestOptions();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId, first);
        var second = new AtlasRequestOptions();
        await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest(), second);

        Assert.NotNull(first.Response);
        Assert.Equal(HttpStatusCode.OK, first.Response!.StatusCode);
        Assert.Equal(100, first.Response.RateLimitLimit);
        // A fresh emulator has answered two requests by then: the Digest challenge (401) and the call.
        Assert.Equal(98, first.Response.RateLimitRemaining);
        Assert.Equal(100, second.Response!.RateLimitLimit);
        Assert.Equal(first.Response.RateLimitRemaining - 1, second.Response.RateLimitRemaining);
        Assert.True(second.Response.Headers.ContainsKey("ratelimit-remaining"));
    }

    [Fact]
    public async Task RateLimit_headers_are_visible_on_an_AtlasApiException()
    {
        using AtlasClient atlas = CreateClient();

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.GetCloudProviderAccessAsync(NewId(), NewId()));

        Assert.Equal(100, e.RateLimitLimit);
        Assert.NotNull(e.RateLimitRemaining);
    }

    [Fact]
    public async Task A_failed_call_leaves_the_options_Response_unset()
    {
        using AtlasClient atlas = CreateClient();
        var options = new AtlasRequestOptions();

        await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.GetCloudProviderAccessAsync(NewId(), NewId(), options));

        Assert.Null(options.Response);
    }

    // ------------------------------------------------------------ envelope on the very first (challenged) request

    [Fact]
    public async Task A_cold_Digest_client_with_envelope_on_authenticates_and_gets_the_typed_result()
    {
        // The first request of a Digest client carries no credentials: the 401 challenge must reach the Digest handler
        // as a 401 with WWW-Authenticate, whatever the query says, or no client could authenticate with envelope=true.
        using AtlasClient atlas = CreateClient(AuthMode.ApiKey, o => o.Envelope = true);
        string groupId = NewId();

        CloudProviderAccessRoles roles = await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId);

        Assert.Equal(0, Count(roles));
    }

    [Fact]
    public async Task An_unauthenticated_request_with_envelope_true_still_gets_a_401_Digest_challenge()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath(NewId()) + "?envelope=true");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Digest", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    /// <summary>One call without envelope, so the Digest challenge (or the token request) is behind the client.</summary>
    private static async Task Authenticate(AtlasClient atlas) =>
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(NewId(), new AtlasRequestOptions { Envelope = false });

    /// <summary>A raw Digest client that has answered its challenge already.</summary>
    private async Task<HttpClient> AuthenticatedRawHttpClient()
    {
        HttpClient http = CreateRawHttpClient();
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath(NewId()));
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return http;
    }
}
