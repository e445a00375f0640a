using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Contoso.Atlas;
using Xunit;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>The generated models over a real HTTP connection on 127.0.0.1 (the client half arrives with issue #3).</summary>
public sealed class LoopbackHttpTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _baseUrl;

    public LoopbackHttpTests()
    {
        int port = FreePort();
        _baseUrl = "http://127.0.0.1:" + port + "/";
        _listener.Prefixes.Add(_baseUrl);
        _listener.Start();
    }

    [Fact]
    public async Task Response_stream_and_request_body_use_the_generated_converters()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        string? receivedBody = null;
        string? receivedContentType = null;
        Task server = Task.Run(async () =>
        {
            HttpListenerContext post = await _listener.GetContextAsync();
            using (var reader = new StreamReader(post.Request.InputStream, Encoding.UTF8))
            {
                receivedBody = await reader.ReadToEndAsync();
            }

            receivedContentType = post.Request.ContentType;
            await Respond(post, """{"providerName":"AWS","roleId":"32b6e34b3d91647abb20e7b8","atlasAssumedRoleExternalId":"24a1c9d4-4b8c-4b55-9f3e-6d5c2f1e8a90","featureUsages":[],"createdDate":"2025-05-04T09:42:00Z","authorizedDate":null,"iamAssumedRoleArn":null}""");
        });

        var request = new CloudProviderAccessAWSIAMRoleRequest { RoleId = "32b6e34b3d91647abb20e7b8" };
        using var content = new ByteArrayContent(AtlasJson.Default.SerializeToUtf8Bytes<CloudProviderAccessRoleRequest>(request));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.atlas.2023-01-01+json");
        using HttpResponseMessage response = await client.PostAsync("api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/cloudProviderAccess", content);
        await using Stream stream = await response.Content.ReadAsStreamAsync();
        CloudProviderAccessRole? created = await JsonSerializer.DeserializeAsync(stream, AtlasJson.Default.GetTypeInfo<CloudProviderAccessRole>());
        await server;

        Assert.Equal("""{"providerName":"AWS"}""", receivedBody);
        Assert.Equal("application/vnd.atlas.2023-01-01+json", receivedContentType);
        var aws = Assert.IsType<CloudProviderAccessAWSIAMRole>(created);
        Assert.Equal("32b6e34b3d91647abb20e7b8", aws.RoleId);
        Assert.Empty(aws.FeatureUsages!);
    }

    private static async Task Respond(HttpListenerContext context, string json)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/vnd.atlas.2023-01-01+json;charset=utf-8";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
