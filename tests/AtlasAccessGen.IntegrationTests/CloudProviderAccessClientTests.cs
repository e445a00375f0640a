using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Runtime;
using Contoso.Atlas;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>The generated <see cref="CloudProviderAccessClient"/> and the runtime transport against a real HTTP server on 127.0.0.1.</summary>
public sealed class CloudProviderAccessClientTests : IDisposable
{
    private const string VersionedJson = "application/vnd.atlas.2023-01-01+json";
    private const string GroupId = "32b6e34b3d91647abb20e7b8";
    private const string RoleId = "5f3c2b1a0e9d8c7b6a594837";
    private const string CollectionPath = "/api/atlas/v2/groups/" + GroupId + "/cloudProviderAccess";
    private const string RolePath = CollectionPath + "/" + RoleId;

    private const string AwsRoleJson = """
        {"providerName":"AWS","roleId":"5f3c2b1a0e9d8c7b6a594837","atlasAWSAccountArn":"arn:aws:iam::772401394250:role/my-test-aws-role","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90","authorizedDate":null,"createdDate":"2025-05-04T09:42:00Z","featureUsages":[{"featureType":"ENCRYPTION_AT_REST","featureId":null}],"iamAssumedRoleArn":null}
        """;

    private const string AuthorizedAwsRoleJson = """
        {"providerName":"AWS","roleId":"5f3c2b1a0e9d8c7b6a594837","atlasAWSAccountArn":"arn:aws:iam::772401394250:role/my-test-aws-role","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90","authorizedDate":"2025-05-05T10:00:00Z","createdDate":"2025-05-04T09:42:00Z","featureUsages":[],"iamAssumedRoleArn":"arn:aws:iam::123456789012:role/atlas-access"}
        """;

    private const string AzureRoleJson = """
        {"_id":"32b6e34b3d91647abb20e7b9","atlasAzureAppId":"6f1e3c1a-0a3b-4d5e-8f9a-1b2c3d4e5f60","createdDate":"2025-05-04T09:42:00Z","featureUsages":[],"lastUpdatedDate":"2025-05-06T08:00:00Z","providerName":"AZURE","servicePrincipalId":"7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d","tenantId":"8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e"}
        """;

    private const string GcpRoleJson = """
        {"createdDate":"2025-05-04T09:42:00Z","featureUsages":[{"featureId":{"groupId":"32b6e34b3d91647abb20e7b8","name":"lake"},"featureType":"ATLAS_DATA_LAKE"}],"gcpServiceAccountForAtlas":"mongodb-atlas-abcdefgh12345678@p-abcdefghijklmnopqrstuvwx.iam.gserviceaccount.com","providerName":"GCP","roleId":"32b6e34b3d91647abb20e7ba","status":"IN_PROGRESS"}
        """;

    private static readonly string RolesJson =
        "{\"awsIamRoles\":[" + AwsRoleJson + "],\"azureServicePrincipals\":[" + AzureRoleJson + "],\"gcpServiceAccounts\":[" + GcpRoleJson + "]}";

    private static readonly Guid AzureAppId = Guid.Parse("6f1e3c1a-0a3b-4d5e-8f9a-1b2c3d4e5f60");
    private static readonly Guid ServicePrincipalId = Guid.Parse("7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d");
    private static readonly Guid TenantId = Guid.Parse("8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e");

    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http;
    private readonly AtlasClient _client;

    public CloudProviderAccessClientTests()
    {
        _http = _server.CreateHttpClient();
        _client = new AtlasClient(_http);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    // ---------------------------------------------------------------- the five operations

    [Fact]
    public async Task List_sends_a_versioned_GET_and_reads_the_three_typed_arrays()
    {
        _server.RespondWith(200, RolesJson);

        CloudProviderAccessRoles roles = await _client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(request, "GET", CollectionPath, expectedBody: null);

        CloudProviderAccessAWSIAMRole aws = Assert.Single(roles.AwsIamRoles!);
        Assert.Equal(CloudProvider.Aws, aws.ProviderName);
        Assert.Equal(RoleId, aws.RoleId);
        Assert.Equal(Guid.Parse("24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90"), aws.AtlasAssumedRoleExternalId);
        Assert.IsType<CloudProviderAccessEncryptionAtRestFeatureUsage>(Assert.Single(aws.FeatureUsages!));

        CloudProviderAccessAzureServicePrincipal azure = Assert.Single(roles.AzureServicePrincipals!);
        Assert.Equal(CloudProvider.Azure, azure.ProviderName);
        Assert.Equal("32b6e34b3d91647abb20e7b9", azure.Id);
        Assert.Equal(TenantId, azure.TenantId);

        CloudProviderAccessGCPServiceAccount gcp = Assert.Single(roles.GcpServiceAccounts!);
        Assert.Equal(CloudProvider.Gcp, gcp.ProviderName);
        Assert.Equal("32b6e34b3d91647abb20e7ba", gcp.RoleId);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, gcp.Status);
        var lake = Assert.IsType<CloudProviderAccessDataLakeFeatureUsage>(Assert.Single(gcp.FeatureUsages!));
        Assert.Equal("lake", lake.FeatureId!.Name);
        Assert.Equal(GroupId, lake.FeatureId.GroupId);
    }

    [Fact]
    public async Task A_wrongly_typed_nested_property_is_named_with_its_JSON_path_through_the_generated_converters()
    {
        _server.RespondWith(200, RolesJson.Replace("\"gcpServiceAccountForAtlas\":\"", "\"gcpServiceAccountForAtlas\":5,\"unknown\":\"", StringComparison.Ordinal));

        AtlasResponseFormatException ex = await Assert.ThrowsAsync<AtlasResponseFormatException>(() => _client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId));

        Assert.Equal("$.gcpServiceAccounts[0].gcpServiceAccountForAtlas", ex.JsonPath);
        Assert.Contains("property 'gcpServiceAccountForAtlas' at path $.gcpServiceAccounts[0].gcpServiceAccountForAtlas", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET " + CollectionPath + " ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AWS_posts_only_the_provider_name_and_reads_the_AWS_role()
    {
        _server.RespondWith(200, AwsRoleJson);

        // readOnly properties set on the request must not be sent.
        var body = new CloudProviderAccessAWSIAMRoleRequest
        {
            RoleId = RoleId,
            CreatedDate = new DateTimeOffset(2025, 5, 4, 9, 42, 0, TimeSpan.Zero),
            FeatureUsages = new List<CloudProviderAccessFeatureUsage>(),
        };
        CloudProviderAccessRole created = await _client.CloudProviderAccess.CreateCloudProviderAccessAsync(GroupId, body);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(request, "POST", CollectionPath, """{"providerName":"AWS"}""");

        var aws = Assert.IsType<CloudProviderAccessAWSIAMRole>(created);
        Assert.Equal(CloudProvider.Aws, aws.ProviderName);
        Assert.Equal(RoleId, aws.RoleId);
        Assert.Equal("arn:aws:iam::772401394250:role/my-test-aws-role", aws.AtlasAWSAccountArn);
        Assert.Equal(Guid.Parse("24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90"), aws.AtlasAssumedRoleExternalId);
        Assert.Equal(new DateTimeOffset(2025, 5, 4, 9, 42, 0, TimeSpan.Zero), aws.CreatedDate);
        Assert.Null(aws.AuthorizedDate);
        Assert.Null(aws.IamAssumedRoleArn);
        Assert.IsType<CloudProviderAccessEncryptionAtRestFeatureUsage>(Assert.Single(aws.FeatureUsages!));
    }

    [Fact]
    public async Task Create_Azure_posts_the_writable_ids_only_and_maps_underscore_id()
    {
        _server.RespondWith(200, AzureRoleJson);

        var body = new CloudProviderAccessAzureServicePrincipalRequest
        {
            AtlasAzureAppId = AzureAppId,
            ServicePrincipalId = ServicePrincipalId,
            TenantId = TenantId,
            Id = "32b6e34b3d91647abb20e7b9",
            CreatedDate = new DateTimeOffset(2025, 5, 4, 9, 42, 0, TimeSpan.Zero),
            LastUpdatedDate = new DateTimeOffset(2025, 5, 6, 8, 0, 0, TimeSpan.Zero),
            FeatureUsages = new List<CloudProviderAccessFeatureUsage>(),
        };
        CloudProviderAccessRole created = await _client.CloudProviderAccess.CreateCloudProviderAccessAsync(GroupId, body);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(
            request,
            "POST",
            CollectionPath,
            """{"providerName":"AZURE","atlasAzureAppId":"6f1e3c1a-0a3b-4d5e-8f9a-1b2c3d4e5f60","servicePrincipalId":"7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d","tenantId":"8b3c4d5e-6f7a-4b2c-8d9e-0f1a2b3c4d5e"}""");
        AssertNoReadOnlyProperties(request.Body, "_id", "createdDate", "lastUpdatedDate", "featureUsages");

        var azure = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(created);
        Assert.Equal(CloudProvider.Azure, azure.ProviderName);
        Assert.Equal("32b6e34b3d91647abb20e7b9", azure.Id);
        Assert.Equal(AzureAppId, azure.AtlasAzureAppId);
        Assert.Equal(ServicePrincipalId, azure.ServicePrincipalId);
        Assert.Equal(TenantId, azure.TenantId);
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 8, 0, 0, TimeSpan.Zero), azure.LastUpdatedDate);
        Assert.Empty(azure.FeatureUsages!);
    }

    [Fact]
    public async Task Create_GCP_posts_only_the_provider_name_and_reads_the_GCP_role()
    {
        _server.RespondWith(200, GcpRoleJson);

        var body = new CloudProviderAccessGCPServiceAccountRequest { RoleId = RoleId, GcpServiceAccountForAtlas = "someone@example.iam.gserviceaccount.com" };
        CloudProviderAccessRole created = await _client.CloudProviderAccess.CreateCloudProviderAccessAsync(GroupId, body);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(request, "POST", CollectionPath, """{"providerName":"GCP"}""");
        var gcp = Assert.IsType<CloudProviderAccessGCPServiceAccount>(created);
        Assert.Equal(CloudProviderAccessGCPServiceAccountStatus.InProgress, gcp.Status);
        Assert.Equal("mongodb-atlas-abcdefgh12345678@p-abcdefghijklmnopqrstuvwx.iam.gserviceaccount.com", gcp.GcpServiceAccountForAtlas);
    }

    [Fact]
    public async Task Get_sends_a_versioned_GET_for_the_role_and_reads_the_subtype()
    {
        _server.RespondWith(200, AzureRoleJson);

        CloudProviderAccessRole role = await _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(request, "GET", RolePath, expectedBody: null);
        var azure = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(role);
        Assert.Equal("32b6e34b3d91647abb20e7b9", azure.Id);
        Assert.Equal(AzureAppId, azure.AtlasAzureAppId);
    }

    [Fact]
    public async Task Authorize_patches_the_role_ARN_only_and_reads_the_authorized_role()
    {
        _server.RespondWith(200, AuthorizedAwsRoleJson);

        var body = new CloudProviderAccessAWSIAMRoleRequestUpdate
        {
            IamAssumedRoleArn = "arn:aws:iam::123456789012:role/atlas-access",
            RoleId = RoleId,
            AtlasAWSAccountArn = "arn:aws:iam::772401394250:role/my-test-aws-role",
            AtlasAssumedRoleExternalId = Guid.Parse("24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90"),
            AuthorizedDate = new DateTimeOffset(2025, 5, 5, 10, 0, 0, TimeSpan.Zero),
            CreatedDate = new DateTimeOffset(2025, 5, 4, 9, 42, 0, TimeSpan.Zero),
            FeatureUsages = new List<CloudProviderAccessFeatureUsage>(),
        };
        CloudProviderAccessRole role = await _client.CloudProviderAccess.AuthorizeProviderAccessRoleAsync(GroupId, RoleId, body);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(request, "PATCH", RolePath, """{"providerName":"AWS","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/atlas-access"}""");
        AssertNoReadOnlyProperties(request.Body, "roleId", "atlasAWSAccountArn", "atlasAssumedRoleExternalId", "authorizedDate", "createdDate", "featureUsages");

        var aws = Assert.IsType<CloudProviderAccessAWSIAMRole>(role);
        Assert.Equal("arn:aws:iam::123456789012:role/atlas-access", aws.IamAssumedRoleArn);
        Assert.Equal(new DateTimeOffset(2025, 5, 5, 10, 0, 0, TimeSpan.Zero), aws.AuthorizedDate);
        Assert.Empty(aws.FeatureUsages!);
    }

    [Theory]
    [InlineData("AWS")]
    [InlineData("AZURE")]
    [InlineData("GCP")]
    public async Task Deauthorize_sends_a_versioned_DELETE_and_completes_on_204_with_a_content_type(string provider)
    {
        // 204 with no body but a versioned Content-Type, as Atlas sends it.
        _server.RespondWith(204, string.Empty, VersionedJson);

        CloudProvider cloudProvider = Assert.Single(CloudProvider.KnownValues, known => known.Value == provider);
        await _client.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(GroupId, cloudProvider, RoleId);

        RecordedRequest request = Assert.Single(_server.Requests);
        AssertRequest(request, "DELETE", CollectionPath + "/" + provider + "/" + RoleId, expectedBody: null);
    }

    [Fact]
    public async Task Deauthorize_completes_on_204_without_any_content_type()
    {
        _server.RespondWith(204, string.Empty, contentType: null);

        await _client.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(GroupId, CloudProvider.Aws, RoleId);

        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("application/vnd.atlas.2023-01-01+json;charset=utf-8")]
    [InlineData("application/vnd.atlas.2023-01-01+json; charset=UTF-8")]
    [InlineData("application/json")]
    public async Task Response_content_type_parameters_do_not_matter(string contentType)
    {
        _server.RespondWith(200, AwsRoleJson, contentType);

        CloudProviderAccessRole role = await _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        Assert.Equal(RoleId, Assert.IsType<CloudProviderAccessAWSIAMRole>(role).RoleId);
    }

    // ---------------------------------------------------------------- error mapping

    [Theory]
    [InlineData(400, "VALIDATION_ERROR", "Bad Request")]
    [InlineData(401, "NOT_ORG_GROUP_CREATOR", "Unauthorized")]
    [InlineData(403, "CANNOT_CHANGE_GROUP_NAME", "Forbidden")]
    [InlineData(404, "RESOURCE_NOT_FOUND", "Not Found")]
    [InlineData(409, "CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK", "Conflict")]
    [InlineData(429, "RATE_LIMITED", "Too Many Requests")]
    [InlineData(500, "UNEXPECTED_ERROR", "Internal Server Error")]
    public async Task Error_status_becomes_AtlasApiException_with_the_parsed_ApiError(int status, string errorCode, string reason)
    {
        string badRequestDetail = status == 400
            ? ""","badRequestDetail":{"fields":[{"field":"iamAssumedRoleArn","description":"must be an ARN"},{"field":"providerName","description":"unknown"}]}"""
            : string.Empty;
        string body = "{\"detail\":\"Something about " + errorCode + ".\",\"error\":" + status + ",\"errorCode\":\"" + errorCode
            + "\",\"parameters\":[\"" + GroupId + "\",42],\"reason\":\"" + reason + "\"" + badRequestDetail + "}";
        var headers = new List<(string, string)> { ("X-Request-Id", "req-" + status), ("RateLimit-Limit", "100"), ("RateLimit-Remaining", status == 429 ? "0" : "99") };
        if (status == 429)
        {
            headers.Add(("Retry-After", "30"));
        }

        _server.RespondWith(status, body, "application/json", headers.ToArray());

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(() => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("GET", ex.Method);
        Assert.Equal(RolePath.TrimStart('/'), ex.RequestPath);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal(errorCode, ex.ErrorCode);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains(errorCode, ex.Message, StringComparison.Ordinal);

        AtlasApiError error = Assert.IsType<AtlasApiError>(ex.Error);
        Assert.Equal(status, error.Error);
        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Equal("Something about " + errorCode + ".", error.Detail);
        Assert.Equal(reason, error.Reason);
        Assert.Collection(
            error.Parameters,
            p => Assert.Equal(GroupId, p.GetString()),
            p => Assert.Equal(42, p.GetInt32()));
        if (status == 400)
        {
            Assert.Equal(
                new[] { new AtlasBadRequestField("iamAssumedRoleArn", "must be an ARN"), new AtlasBadRequestField("providerName", "unknown") },
                error.BadRequestFields);
        }
        else
        {
            Assert.Empty(error.BadRequestFields);
        }

        // Headers are kept exactly, by case-insensitive name.
        Assert.Equal(new[] { "req-" + status }, ex.Headers["x-request-id"]);
        Assert.Equal(new[] { "100" }, ex.Headers["RATELIMIT-LIMIT"]);
        Assert.Equal(status == 429 ? "0" : "99", ex.Header("ratelimit-remaining"));
        Assert.Equal("application/json", ex.Header("Content-Type"));
        if (status == 429)
        {
            Assert.Equal("30", ex.Header("Retry-After"));
            Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        }
        else
        {
            Assert.Null(ex.RetryAfter);
        }
    }

    [Fact]
    public async Task Error_on_a_body_less_operation_is_mapped_too()
    {
        const string body = """{"detail":"Cannot find resource AWS","error":404,"errorCode":"RESOURCE_NOT_FOUND","reason":"Not Found"}""";
        _server.RespondWith(404, body, "application/json");

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(
            () => _client.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(GroupId, CloudProvider.Azure, RoleId));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("DELETE", ex.Method);
        Assert.Equal("RESOURCE_NOT_FOUND", ex.ErrorCode);
        Assert.Equal("Cannot find resource AWS", ex.Error!.Detail);
        Assert.Equal(body, ex.RawBody);
    }

    [Fact]
    public async Task Error_with_a_non_JSON_body_keeps_the_raw_body_and_has_no_ApiError()
    {
        const string body = "<html>bad gateway</html>";
        _server.RespondWith(502, body, "text/html");

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(() => _client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.Error);
        Assert.Null(ex.ErrorCode);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal("text/html", ex.Header("content-type"));
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_with_an_empty_body_has_an_empty_raw_body()
    {
        _server.RespondWith(401, string.Empty, contentType: null, ("WWW-Authenticate", "Digest realm=\"MMS Public API\""));

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(() => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Null(ex.Error);
        Assert.Equal(string.Empty, ex.RawBody);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_with_JSON_that_is_not_an_ApiError_has_no_ApiError()
    {
        const string body = """{"message":"upstream timeout"}""";
        _server.RespondWith(503, body, "application/json");

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(() => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Null(ex.Error);
        Assert.Equal(body, ex.RawBody);
    }

    // ---------------------------------------------------------------- unreadable success bodies

    [Theory]
    [InlineData("not json at all")]
    [InlineData("<html>ok</html>")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"AWS\"")]
    [InlineData("{\"providerName\":\"AWS\"")]
    [InlineData("{\"providerName\":\"AWS\",\"roleId\":5}")]
    [InlineData("{\"providerName\":\"AWS\",\"createdDate\":\"yesterday\"}")]
    [InlineData("{\"providerName\":\"AWS\",\"atlasAssumedRoleExternalId\":\"not-a-uuid\"}")]
    [InlineData("{\"providerName\":\"AWS\",\"featureUsages\":{}}")]
    [InlineData("")]
    public async Task Success_body_that_is_not_a_role_becomes_AtlasResponseFormatException(string body)
    {
        _server.RespondWith(200, body, VersionedJson);

        AtlasResponseFormatException ex = await Assert.ThrowsAsync<AtlasResponseFormatException>(
            () => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId));

        Assert.IsNotAssignableFrom<JsonException>(ex);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(body, ex.RawBody);
        Assert.Null(ex.Error);
        Assert.Equal(nameof(CloudProviderAccessRole), ex.ExpectedType);
        Assert.Equal("GET", ex.Method);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"roleId\":\"5f3c2b1a0e9d8c7b6a594837\",\"createdDate\":\"2025-05-04T09:42:00Z\"}")]
    public async Task Success_body_without_the_required_providerName_becomes_AtlasResponseFormatException(string body)
    {
        // providerName is required by CloudProviderAccessRole (and is its discriminator); the README promises that a
        // missing required property fails the read rather than producing a value.
        _server.RespondWith(200, body, VersionedJson);

        AtlasResponseFormatException ex = await Assert.ThrowsAsync<AtlasResponseFormatException>(
            () => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId));

        Assert.Equal(body, ex.RawBody);
        Assert.Contains("providerName", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"awsIamRoles\":{}}")]
    [InlineData("{\"awsIamRoles\":[{\"providerName\":\"AWS\",\"roleId\":[]}]}")]
    [InlineData("[{\"awsIamRoles\":[]}]")]
    public async Task List_body_of_the_wrong_shape_becomes_AtlasResponseFormatException(string body)
    {
        _server.RespondWith(200, body, VersionedJson);

        AtlasResponseFormatException ex = await Assert.ThrowsAsync<AtlasResponseFormatException>(
            () => _client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId));

        Assert.Equal(body, ex.RawBody);
        Assert.Equal(nameof(CloudProviderAccessRoles), ex.ExpectedType);
    }

    // ---------------------------------------------------------------- envelope and pretty

    [Fact]
    public async Task Envelope_is_off_by_default()
    {
        _server.RespondWith(200, AwsRoleJson);

        await _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal(RolePath, request.RawUrl);
        Assert.Equal(string.Empty, request.Query);
    }

    [Fact]
    public async Task Client_wide_envelope_adds_the_query_and_unwraps_the_success()
    {
        _server.RespondWith(200, "{\"status\":200,\"content\":" + AzureRoleJson + "}");
        using HttpClient http = _server.CreateHttpClient();
        var client = new AtlasClient(http, new AtlasClientOptions { Envelope = true });

        CloudProviderAccessRole role = await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal(RolePath + "?envelope=true", request.RawUrl);
        Assert.Equal(VersionedJson, Assert.Single(request.AcceptValues));
        var azure = Assert.IsType<CloudProviderAccessAzureServicePrincipal>(role);
        Assert.Equal("32b6e34b3d91647abb20e7b9", azure.Id);
        Assert.Equal(TenantId, azure.TenantId);
    }

    [Fact]
    public async Task Client_wide_envelope_unwraps_the_list()
    {
        // Atlas adds "status" to list bodies instead of wrapping them; both shapes read the same.
        _server.RespondWith(200, "{\"status\":200,\"content\":" + RolesJson + "}");
        using HttpClient http = _server.CreateHttpClient();
        var client = new AtlasClient(http, new AtlasClientOptions { Envelope = true });

        CloudProviderAccessRoles wrapped = await client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId);
        _server.RespondWith(200, "{\"status\":200," + RolesJson.Substring(1));
        CloudProviderAccessRoles inline = await client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId);

        foreach (CloudProviderAccessRoles roles in new[] { wrapped, inline })
        {
            Assert.Equal(RoleId, Assert.Single(roles.AwsIamRoles!).RoleId);
            Assert.Equal("32b6e34b3d91647abb20e7b9", Assert.Single(roles.AzureServicePrincipals!).Id);
            Assert.Equal("32b6e34b3d91647abb20e7ba", Assert.Single(roles.GcpServiceAccounts!).RoleId);
        }

        Assert.All(_server.Requests, r => Assert.Equal(CollectionPath + "?envelope=true", r.RawUrl));
    }

    [Fact]
    public async Task Per_call_envelope_false_overrides_the_client()
    {
        _server.RespondWith(200, AwsRoleJson);
        using HttpClient http = _server.CreateHttpClient();
        var client = new AtlasClient(http, new AtlasClientOptions { Envelope = true });

        CloudProviderAccessRole role = await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, new AtlasRequestOptions { Envelope = false });

        RecordedRequest request = Assert.Single(_server.Requests);
        Assert.Equal(RolePath, request.RawUrl);
        Assert.Equal(RoleId, Assert.IsType<CloudProviderAccessAWSIAMRole>(role).RoleId);
    }

    [Fact]
    public async Task Per_call_envelope_true_overrides_the_client_default()
    {
        _server.RespondWith(200, "{\"status\":200,\"content\":" + AwsRoleJson + "}");

        CloudProviderAccessRole role = await _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, new AtlasRequestOptions { Envelope = true });

        Assert.Equal(RolePath + "?envelope=true", Assert.Single(_server.Requests).RawUrl);
        Assert.Equal(RoleId, Assert.IsType<CloudProviderAccessAWSIAMRole>(role).RoleId);
    }

    [Fact]
    public async Task Enveloped_error_status_becomes_AtlasApiException_with_that_status()
    {
        const string body = """{"status":404,"content":{"detail":"Cannot find resource AWS","error":404,"errorCode":"RESOURCE_NOT_FOUND","reason":"Not Found","parameters":[]}}""";
        _server.RespondWith(200, body, "application/json");
        using HttpClient http = _server.CreateHttpClient();
        var client = new AtlasClient(http, new AtlasClientOptions { Envelope = true });

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(() => client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("RESOURCE_NOT_FOUND", ex.ErrorCode);
        Assert.Equal("Cannot find resource AWS", ex.Error!.Detail);
        Assert.Equal(404, ex.Error.Error);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal(RolePath.TrimStart('/') + "?envelope=true", ex.RequestPath);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RESOURCE_NOT_FOUND", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enveloped_error_status_fails_a_body_less_operation_too()
    {
        _server.RespondWith(200, """{"status":409,"content":{"error":409,"errorCode":"CONFLICT","reason":"Conflict"}}""", "application/json");

        AtlasApiException ex = await Assert.ThrowsAsync<AtlasApiException>(
            () => _client.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(GroupId, CloudProvider.Gcp, RoleId, new AtlasRequestOptions { Envelope = true }));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("CONFLICT", ex.ErrorCode);
        Assert.Equal(CollectionPath + "/GCP/" + RoleId + "?envelope=true", Assert.Single(_server.Requests).RawUrl);
    }

    [Fact]
    public async Task Enveloped_body_that_is_not_JSON_becomes_AtlasResponseFormatException()
    {
        const string body = "<html>maintenance</html>";
        _server.RespondWith(200, body, "text/html");

        AtlasResponseFormatException ex = await Assert.ThrowsAsync<AtlasResponseFormatException>(
            () => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, new AtlasRequestOptions { Envelope = true }));

        Assert.Equal(body, ex.RawBody);
    }

    [Fact]
    public async Task Enveloped_success_with_null_content_keeps_the_raw_body()
    {
        const string body = """{"status":200,"content":null}""";
        _server.RespondWith(200, body);

        AtlasResponseFormatException ex = await Assert.ThrowsAsync<AtlasResponseFormatException>(
            () => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, new AtlasRequestOptions { Envelope = true }));

        // RawBody is documented as "the response body exactly as received".
        Assert.Equal(body, ex.RawBody);
    }

    [Fact]
    public async Task Pretty_adds_its_query_parameter_after_envelope()
    {
        _server.RespondWith(200, AwsRoleJson);
        using HttpClient http = _server.CreateHttpClient();
        var client = new AtlasClient(http, new AtlasClientOptions { Pretty = true });

        await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, new AtlasRequestOptions { Pretty = false });
        _server.RespondWith(200, "{\"status\":200,\"content\":" + AwsRoleJson + "}");
        await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, new AtlasRequestOptions { Envelope = true });
        _server.RespondWith(200, AwsRoleJson);
        await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        Assert.Equal(
            new[] { RolePath, RolePath + "?envelope=true&pretty=true", RolePath + "?pretty=true" },
            _server.Requests.Select(r => r.RawUrl));
    }

    // ---------------------------------------------------------------- arguments

    [Theory]
    [InlineData("list: non-hex groupId")]
    [InlineData("list: upper-case groupId")]
    [InlineData("list: 23-digit groupId")]
    [InlineData("list: groupId with a path")]
    [InlineData("list: groupId with a trailing newline")]
    [InlineData("list: null groupId")]
    [InlineData("get: short roleId")]
    [InlineData("get: null roleId")]
    [InlineData("get: empty roleId")]
    [InlineData("create: null body")]
    [InlineData("create: null groupId")]
    [InlineData("authorize: null body")]
    [InlineData("authorize: bad roleId")]
    [InlineData("deauthorize: unknown cloudProvider")]
    [InlineData("deauthorize: lower-case cloudProvider")]
    [InlineData("deauthorize: default cloudProvider")]
    [InlineData("deauthorize: dot-dot roleId")]
    [InlineData("deauthorize: null roleId")]
    public void Bad_argument_throws_synchronously_and_sends_nothing(string scenario)
    {
        ICloudProviderAccessClient api = _client.CloudProviderAccess;
        var awsCreate = new CloudProviderAccessAWSIAMRoleRequest();
        var awsUpdate = new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/atlas-access" };
        (Action Call, Type Expected, string Parameter) c = scenario switch
        {
            "list: non-hex groupId" => (() => _ = api.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7bz"), typeof(ArgumentException), "groupId"),
            "list: upper-case groupId" => (() => _ = api.ListCloudProviderAccessAsync("32B6E34B3D91647ABB20E7B8"), typeof(ArgumentException), "groupId"),
            "list: 23-digit groupId" => (() => _ = api.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b"), typeof(ArgumentException), "groupId"),
            "list: groupId with a path" => (() => _ = api.ListCloudProviderAccessAsync(GroupId + "/../x"), typeof(ArgumentException), "groupId"),
            "list: groupId with a trailing newline" => (() => _ = api.ListCloudProviderAccessAsync(GroupId + "\n"), typeof(ArgumentException), "groupId"),
            "list: null groupId" => (() => _ = api.ListCloudProviderAccessAsync(null!), typeof(ArgumentNullException), "groupId"),
            "get: short roleId" => (() => _ = api.GetCloudProviderAccessAsync(GroupId, "5f3c2b1a"), typeof(ArgumentException), "roleId"),
            "get: null roleId" => (() => _ = api.GetCloudProviderAccessAsync(GroupId, null!), typeof(ArgumentNullException), "roleId"),
            "get: empty roleId" => (() => _ = api.GetCloudProviderAccessAsync(GroupId, string.Empty), typeof(ArgumentException), "roleId"),
            "create: null body" => (() => _ = api.CreateCloudProviderAccessAsync(GroupId, null!), typeof(ArgumentNullException), "body"),
            "create: null groupId" => (() => _ = api.CreateCloudProviderAccessAsync(null!, awsCreate), typeof(ArgumentNullException), "groupId"),
            "authorize: null body" => (() => _ = api.AuthorizeProviderAccessRoleAsync(GroupId, RoleId, null!), typeof(ArgumentNullException), "body"),
            "authorize: bad roleId" => (() => _ = api.AuthorizeProviderAccessRoleAsync(GroupId, "not-a-role", awsUpdate), typeof(ArgumentException), "roleId"),
            "deauthorize: unknown cloudProvider" => (() => _ = api.DeauthorizeProviderAccessRoleAsync(GroupId, new CloudProvider("ORACLE"), RoleId), typeof(ArgumentException), "cloudProvider"),
            "deauthorize: lower-case cloudProvider" => (() => _ = api.DeauthorizeProviderAccessRoleAsync(GroupId, new CloudProvider("aws"), RoleId), typeof(ArgumentException), "cloudProvider"),
            "deauthorize: default cloudProvider" => (() => _ = api.DeauthorizeProviderAccessRoleAsync(GroupId, default, RoleId), typeof(ArgumentException), "cloudProvider"),
            "deauthorize: dot-dot roleId" => (() => _ = api.DeauthorizeProviderAccessRoleAsync(GroupId, CloudProvider.Aws, ".."), typeof(ArgumentException), "roleId"),
            "deauthorize: null roleId" => (() => _ = api.DeauthorizeProviderAccessRoleAsync(GroupId, CloudProvider.Aws, null!), typeof(ArgumentNullException), "roleId"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
        };

        // Assert.Throws (not ThrowsAsync): the call itself must throw, before a task exists.
        Exception ex = Assert.Throws(c.Expected, c.Call);

        Assert.Equal(c.Parameter, ((ArgumentException)ex).ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Unknown_cloud_provider_is_rejected_but_known_values_made_from_strings_are_not()
    {
        _server.RespondWith(204, string.Empty);

        await _client.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(GroupId, new CloudProvider("AZURE"), RoleId);
        await _client.CloudProviderAccess.DeauthorizeProviderAccessRoleAsync(GroupId, "GCP", RoleId);

        Assert.Equal(
            new[] { CollectionPath + "/AZURE/" + RoleId, CollectionPath + "/GCP/" + RoleId },
            _server.Requests.Select(r => r.RawUrl));
    }

    // ---------------------------------------------------------------- headers

    [Fact]
    public async Task Exactly_one_Accept_is_sent_even_when_the_HttpClient_defaults_to_application_json()
    {
        _server.RespondWith(200, AwsRoleJson);
        using HttpClient http = _server.CreateHttpClient();
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        http.DefaultRequestHeaders.Add("X-Tenant", "contoso");
        var client = new AtlasClient(http);

        await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);
        await client.CloudProviderAccess.CreateCloudProviderAccessAsync(GroupId, new CloudProviderAccessAWSIAMRoleRequest());

        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, request =>
        {
            Assert.Equal(VersionedJson, Assert.Single(request.AcceptValues));
            Assert.Equal(VersionedJson, Assert.Single(request.HeaderValues("Accept")));
            Assert.Equal("contoso", request.Header("X-Tenant"));
        });
    }

    [Fact]
    public async Task A_User_Agent_is_sent_unless_the_HttpClient_sets_one()
    {
        _server.RespondWith(200, AwsRoleJson);
        using HttpClient custom = _server.CreateHttpClient();
        custom.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MyApp", "1.2"));

        await _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);
        await new AtlasClient(custom).CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        Assert.Collection(
            _server.Requests,
            first => Assert.StartsWith("AtlasAccessGen/", first.Header("User-Agent"), StringComparison.Ordinal),
            second => Assert.Equal("MyApp/1.2", second.Header("User-Agent")));
    }

    // ---------------------------------------------------------------- base addresses

    [Theory]
    [InlineData("proxy/")]
    [InlineData("proxy")]
    [InlineData("a/b/")]
    public async Task HttpClient_base_address_path_prefix_is_kept(string prefix)
    {
        _server.RespondWith(200, AwsRoleJson);
        using HttpClient http = _server.CreateHttpClient(new Uri(_server.BaseAddress, prefix));
        var client = new AtlasClient(http);

        await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        string expectedPrefix = "/" + prefix.TrimEnd('/');
        Assert.Equal(expectedPrefix + RolePath, Assert.Single(_server.Requests).RawUrl);
    }

    [Fact]
    public async Task Options_base_address_is_used_when_the_HttpClient_has_none()
    {
        _server.RespondWith(200, RolesJson);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var client = new AtlasClient(http, new AtlasClientOptions { BaseAddress = new Uri(_server.BaseAddress, "gateway") });

        CloudProviderAccessRoles roles = await client.CloudProviderAccess.ListCloudProviderAccessAsync(GroupId);

        Assert.Equal("/gateway" + CollectionPath, Assert.Single(_server.Requests).RawUrl);
        Assert.Single(roles.AwsIamRoles!);
    }

    [Fact]
    public async Task HttpClient_base_address_wins_over_the_options()
    {
        _server.RespondWith(200, AwsRoleJson);
        // Port 1 on loopback refuses connections: a request sent there would fail the test.
        var client = new AtlasClient(_http, new AtlasClientOptions { BaseAddress = new Uri("http://127.0.0.1:1/") });

        await client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId);

        Assert.Equal(RolePath, Assert.Single(_server.Requests).RawUrl);
    }

    // ---------------------------------------------------------------- cancellation

    [Fact]
    public async Task Cancelled_token_cancels_the_call()
    {
        _server.RespondWith(200, AwsRoleJson);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Cancelling_while_the_server_is_answering_cancels_the_call()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.RespondWith(async (request, stopping) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, stopping);
            return new LoopbackResponse(200, AwsRoleJson);
        });
        using var cts = new CancellationTokenSource();

        Task<CloudProviderAccessRole> call = _client.CloudProviderAccess.GetCloudProviderAccessAsync(GroupId, RoleId, cancellationToken: cts.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(_server.Requests);
    }

    // ---------------------------------------------------------------- helpers

    private static void AssertRequest(RecordedRequest request, string method, string path, string? expectedBody)
    {
        Assert.Equal(method, request.Method);
        Assert.Equal(path, request.RawUrl);
        Assert.Equal(path, request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal(VersionedJson, Assert.Single(request.AcceptValues));
        Assert.Equal(VersionedJson, Assert.Single(request.HeaderValues("Accept")));
        if (expectedBody is null)
        {
            Assert.Null(request.ContentType);
            Assert.Equal(string.Empty, request.Body);
        }
        else
        {
            Assert.Equal(VersionedJson, request.ContentType);
            Assert.Equal(expectedBody, request.Body);
        }
    }

    private static void AssertNoReadOnlyProperties(string json, params string[] readOnly)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        string[] names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Empty(names.Intersect(readOnly, StringComparer.Ordinal));
    }
}
