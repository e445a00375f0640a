using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AtlasAccessGen.Emulator;
using AtlasAccessGen.Runtime;
using Xunit;
using Legacy = EndToEnd.Legacy;

namespace AtlasAccessGen.EndToEndTests;

/// <summary>
/// The deprecated v1.0 API (<c>spec/legacy/cloud-provider-access-v1.json</c>), generated into <c>EndToEnd.Legacy</c> by
/// this project's build: its authorize method, and the PATCH it sends to the emulator's v1.0 route over real HTTP.
/// </summary>
public sealed class LegacyV1Tests : EmulatorTest
{
    private const string PlainJson = "application/json";

    [Fact]
    public void The_v1_operations_are_named_by_their_operationIds_and_authorize_takes_the_update_body()
    {
        Type client = typeof(Legacy.ICloudProviderAccessClient);
        Assert.Equal(
            new[] { "AuthorizeCloudProviderAccessRoleAsync", "CreateCloudProviderAccessRoleAsync", "DeauthorizeCloudProviderAccessRoleAsync", "GetCloudProviderAccessRoleAsync", "ListCloudProviderAccessRolesAsync" },
            client.GetMethods().Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));

        MethodInfo authorize = client.GetMethod("AuthorizeCloudProviderAccessRoleAsync")!;
        Assert.Equal(typeof(Task<Legacy.CloudProviderAccessRole>), authorize.ReturnType);
        ParameterInfo[] parameters = authorize.GetParameters();
        Assert.Equal(
            new[] { (typeof(string), "groupId"), (typeof(string), "roleId"), (typeof(Legacy.CloudProviderAccessRoleRequestUpdate), "body"), (typeof(AtlasRequestOptions), "options"), (typeof(CancellationToken), "cancellationToken") },
            parameters.Select(p => (p.ParameterType, p.Name!)));
        Assert.Equal(new[] { false, false, false, true, true }, parameters.Select(p => p.IsOptional));
    }

    [Theory]
    [InlineData(AuthMode.ApiKey)]
    [InlineData(AuthMode.ServiceAccount)]
    public async Task Authorize_sends_one_PATCH_to_the_v1_path_accepting_application_json_alone_with_the_body(AuthMode mode)
    {
        using var atlas = new Legacy.AtlasClient(ClientOptions(mode));
        Legacy.ICloudProviderAccessClient client = atlas.CloudProviderAccess;
        string groupId = NewId();
        var created = Assert.IsType<Legacy.CloudProviderAccessAWSIAMRole>(await client.CreateCloudProviderAccessRoleAsync(groupId, new Legacy.CloudProviderAccessAWSIAMRoleRequest()));

        var authorized = Assert.IsType<Legacy.CloudProviderAccessAWSIAMRole>(await client.AuthorizeCloudProviderAccessRoleAsync(groupId, created.RoleId!, new Legacy.CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = IamRoleArn }));

        EmulatorRequest patch = Assert.Single(Emulator.RecentRequests, r => r.Method == "PATCH");
        Assert.Equal("/api/atlas/v1.0/groups/" + groupId + "/cloudProviderAccess/" + created.RoleId, patch.PathAndQuery);
        Assert.Equal(PlainJson, Assert.Single(patch.Accept));
        Assert.Equal(PlainJson, MediaTypeHeaderValue.Parse(patch.ContentType!).MediaType);
        Assert.Equal("""{"providerName":"AWS","iamAssumedRoleArn":"arn:aws:iam::123456789012:role/atlas-end-to-end"}""", patch.Body);

        Assert.Equal(created.RoleId, authorized.RoleId);
        Assert.Equal(IamRoleArn, authorized.IamAssumedRoleArn);
        Assert.NotNull(authorized.AuthorizedDate);

        // The same project through the v2 client: one store behind both versions, the role authorized.
        using EndToEnd.Atlas.AtlasClient v2 = CreateClient(mode);
        var seen = Assert.IsType<EndToEnd.Atlas.CloudProviderAccessAWSIAMRole>(await v2.CloudProviderAccess.GetCloudProviderAccessAsync(groupId, created.RoleId!));
        Assert.Equal(IamRoleArn, seen.IamAssumedRoleArn);
        Assert.Equal(authorized.AuthorizedDate, seen.AuthorizedDate);
    }

    [Fact]
    public async Task The_v1_route_refuses_a_dated_media_type_so_a_v2_Accept_could_not_pass_for_v1()
    {
        HttpClient http = CreateRawHttpClient();
        string groupId = NewId();

        using HttpResponseMessage response = await http.SendAsync(Versioned(HttpMethod.Get, "api/atlas/v1.0/groups/" + groupId + "/cloudProviderAccess"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("INVALID_MEDIA_TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
