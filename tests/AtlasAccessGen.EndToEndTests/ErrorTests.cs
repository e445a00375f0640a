using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using AtlasAccessGen.Runtime.Authentication;
using EndToEnd.Atlas;
using Xunit;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>What the emulator refuses, and what the client refuses before sending anything.</summary>
public sealed class ErrorTests : EmulatorTest
{
    [Fact]
    public async Task A_wrong_API_key_is_a_401_AtlasApiException_after_one_challenge()
    {
        using AtlasClient atlas = CreateClient(AuthMode.ApiKey, o => o.ApiKey = new AtlasApiKey(Emulator.Options.PublicKey, "not-the-private-key"));

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.ListCloudProviderAccessAsync(NewId()));

        Assert.IsNotType<AtlasTokenException>(e);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("USER_UNAUTHORIZED", e.ErrorCode);
        Assert.Equal("GET", e.Method);

        // The challenge, the answer to it, and no retry (a 401 is not transient).
        Assert.Equal(2, Emulator.RequestCount);
    }

    [Fact]
    public async Task A_wrong_public_key_is_a_401_AtlasApiException()
    {
        using AtlasClient atlas = CreateClient(AuthMode.ApiKey, o => o.ApiKey = new AtlasApiKey("someone-else", Emulator.Options.PrivateKey));

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(NewId(), new CloudProviderAccessAWSIAMRoleRequest()));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("USER_UNAUTHORIZED", e.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_401_invalid_client_AtlasTokenException()
    {
        using AtlasClient atlas = CreateClient(AuthMode.ServiceAccount, o => o.ServiceAccount = new AtlasServiceAccount(Emulator.Options.ClientId, "mdb_sa_sk_wrong"));

        AtlasTokenException e = await Assert.ThrowsAsync<AtlasTokenException>(() => atlas.CloudProviderAccess.ListCloudProviderAccessAsync(NewId()));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("invalid_client", e.OAuthError);
        Assert.NotNull(e.OAuthErrorDescription);
        Assert.Contains("invalid_client", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mdb_sa_sk_wrong", e.Message, StringComparison.Ordinal);

        // Only the token request: it is not retried, and the API call is never sent.
        Assert.Equal(1, Emulator.RequestCount);
    }

    [Fact]
    public async Task A_wrong_client_id_is_a_401_invalid_client_AtlasTokenException()
    {
        using AtlasClient atlas = CreateClient(AuthMode.ServiceAccount, o => o.ServiceAccount = new AtlasServiceAccount("mdb_sa_id_nobody", Emulator.Options.ClientSecret));

        AtlasTokenException e = await Assert.ThrowsAsync<AtlasTokenException>(() => atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(NewId(), new CloudProviderAccessGCPServiceAccountRequest()));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal("invalid_client", e.OAuthError);
    }

    [Theory]
    [InlineData("not-a-group")]
    [InlineData("5F3C2B1A0E9D8C7B6A594837")]
    [InlineData("5f3c2b1a0e9d8c7b6a59483")]
    [InlineData("5f3c2b1a0e9d8c7b6a594837\n")]
    public async Task A_bad_group_id_is_refused_before_anything_is_sent(string groupId)
    {
        using AtlasClient atlas = CreateClient();
        await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(NewId());
        int before = Emulator.RequestCount;

        ArgumentException list = await Assert.ThrowsAsync<ArgumentException>(() => atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId));
        Assert.Equal("groupId", list.ParamName);
        ArgumentException create = await Assert.ThrowsAsync<ArgumentException>(() => atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest()));
        Assert.Equal("groupId", create.ParamName);
        ArgumentException delete = await Assert.ThrowsAsync<ArgumentException>(() => atlas.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Aws, NewId()));
        Assert.Equal("groupId", delete.ParamName);

        Assert.Equal(before, Emulator.RequestCount);
    }

    [Fact]
    public async Task A_bad_role_id_or_unknown_provider_is_refused_before_anything_is_sent()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        int before = Emulator.RequestCount;

        ArgumentException get = await Assert.ThrowsAsync<ArgumentException>(() => atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, "../../other"));
        Assert.Equal("roleId", get.ParamName);
        ArgumentException provider = await Assert.ThrowsAsync<ArgumentException>(() => atlas.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(groupId, new CloudProvider("ORACLE"), NewId()));
        Assert.Equal("cloudProvider", provider.ParamName);

        Assert.Equal(before, Emulator.RequestCount);
    }

    [Fact]
    public async Task The_emulator_itself_answers_400_INVALID_GROUP_ID()
    {
        HttpClient http = CreateRawHttpClient();
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath("not-a-group"));

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_GROUP_ID", body.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(400, body.RootElement.GetProperty("error").GetInt32());
    }

    [Fact]
    public async Task A_malformed_IAM_role_ARN_is_a_400_INVALID_IAM_ROLE_ARN_and_the_role_stays_unauthorized()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        var aws = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.AuthorizeProviderAccessRoleAsync(
            groupId, aws.RoleId!, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::12345:role/too-few-account-digits" }));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("INVALID_IAM_ROLE_ARN", e.ErrorCode);
        Assert.True(e.IsErrorCode("INVALID_IAM_ROLE_ARN"));
        Assert.Contains("INVALID_IAM_ROLE_ARN", e.RawBody, StringComparison.Ordinal);
        Assert.Equal("PATCH", e.Method);

        var unchanged = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, aws.RoleId!);
        Assert.Null(unchanged.AuthorizedDate);
        Assert.Null(unchanged.IamAssumedRoleArn);
    }

    [Fact]
    public async Task An_unknown_role_id_is_a_404_RESOURCE_NOT_FOUND_for_get_authorize_and_deauthorize()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        string roleId = NewId();

        AtlasApiException get = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, roleId));
        AtlasApiException authorize = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.AuthorizeProviderAccessRoleAsync(groupId, roleId, new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = IamRoleArn }));
        AtlasApiException deauthorize = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Gcp, roleId));

        foreach (AtlasApiException e in new[] { get, authorize, deauthorize })
        {
            Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
            Assert.Equal("RESOURCE_NOT_FOUND", e.ErrorCode);
            Assert.Contains(roleId, e.Detail, StringComparison.Ordinal);
            Assert.Contains(roleId, e.RequestPath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deauthorizing_with_the_wrong_provider_is_a_404_and_the_role_stays()
    {
        using AtlasClient atlas = CreateClient();
        string groupId = NewId();
        var aws = (CloudProviderAccessAWSIAMRole)await atlas.CloudProviderAccess.CreateCloudProviderAccessAsync(groupId, new CloudProviderAccessAWSIAMRoleRequest());

        AtlasApiException e = await Assert.ThrowsAsync<AtlasApiException>(() => atlas.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(groupId, CloudProvider.Azure, aws.RoleId!));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Single((await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId)).AwsIamRoles!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/vnd.atlas.2022-12-31+json")]
    [InlineData("application/vnd.atlas.not-a-date+json")]
    public async Task A_request_without_a_supported_versioned_Accept_is_a_406(string? accept)
    {
        HttpClient http = CreateRawHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, RolesPath(NewId()));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_VERSION_DATE", body.RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task A_later_version_date_negotiates_down_to_2023_01_01()
    {
        HttpClient http = CreateRawHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, RolesPath(NewId()));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.atlas.2030-01-01+json"));

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VersionedJson, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_body_with_a_wrong_Content_Type_is_a_415_and_nothing_is_created(string contentType)
    {
        HttpClient http = CreateRawHttpClient();
        string groupId = NewId();
        using HttpRequestMessage request = Versioned(HttpMethod.Post, RolesPath(groupId));
        request.Content = new StringContent("""{"providerName":"AWS"}""", Encoding.UTF8, contentType);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", body.RootElement.GetProperty("errorCode").GetString());

        using AtlasClient atlas = CreateClient();
        Assert.Equal(0, Count(await atlas.CloudProviderAccess.ListCloudProviderAccessAsync(groupId)));
    }

    [Fact]
    public async Task A_body_with_the_versioned_Content_Type_is_accepted_from_a_raw_client()
    {
        HttpClient http = CreateRawHttpClient(AuthMode.ServiceAccount);
        using HttpRequestMessage request = Versioned(HttpMethod.Post, RolesPath(NewId()));
        request.Content = new StringContent("""{"providerName":"AWS"}""", Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(VersionedJson);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("AWS", body.RootElement.GetProperty("providerName").GetString());
    }

    [Fact]
    public async Task A_request_without_credentials_is_a_401_with_a_Digest_challenge()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using HttpRequestMessage request = Versioned(HttpMethod.Get, RolesPath(NewId()));

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AuthenticationHeaderValue challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Digest", challenge.Scheme);
        Assert.Contains("realm=\"MMS Public API\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("qop=\"auth\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenge.Parameter, StringComparison.Ordinal);
    }
}
