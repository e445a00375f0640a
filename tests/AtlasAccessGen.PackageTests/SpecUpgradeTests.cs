using System;
using System.IO;
using System.Linq;
using Xunit;

namespace AtlasAccessGen.PackageTests;

/// <summary>
/// Issue #12's upgrade, as the README's "Updating the spec" walks it: a project written against the 2025-08-26
/// Cloud Provider Access fragment is moved to today's with <c>atlas-spec update</c> (run from the clone, as documented),
/// and the same code still builds, with obsolete warnings only, and sends the requests that today's names send.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class SpecUpgradeTests
{
    /// <summary>Calls every operation and the authorize workflow, and prints each request the client sends.</summary>
    private const string Program = """
        using System.Net;
        using Consumer.Atlas;

        var recorder = new Recorder();
        using var atlas = new AtlasClient(new HttpClient(recorder) { BaseAddress = new Uri("https://atlas.test/") });
        ICloudProviderAccessClient access = atlas.CloudProviderAccess;
        const string Group = "32b6e34b3d91647abb20e7b8", Role = "62b6e34b3d91647abb20e7b9";
        var update = new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/a" };
        await access.LIST(Group);
        await access.CREATE(Group, new CloudProviderAccessAWSIAMRoleRequest());
        await access.GET(Group, Role);
        await access.AUTHORIZE(Group, Role, update);
        await access.AUTHORIZEWHENASSUMABLE(Group, Role, update);
        await access.DEAUTHORIZE(Group, CloudProvider.Aws, Role);

        sealed class Recorder : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                Console.WriteLine($"REQUEST {request.Method} {request.RequestUri!.PathAndQuery} Accept={request.Headers.Accept} Content-Type={request.Content?.Headers.ContentType} {body}");
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent("{\"providerName\":\"AWS\",\"roleId\":\"" + "62b6e34b3d91647abb20e7b9" + "\"}", System.Text.Encoding.UTF8, "application/json"),
                };
            }
        }
        """;

    private static readonly string[] OldNames = ["ListCloudProviderAccessRolesAsync", "CreateCloudProviderAccessRoleAsync", "GetCloudProviderAccessRoleAsync", "AuthorizeCloudProviderAccessRoleAsync", "AuthorizeCloudProviderAccessRoleWhenAssumableAsync", "DeauthorizeCloudProviderAccessRoleAsync"];

    private static readonly string[] NewNames = ["ListCloudProviderAccessAsync", "CreateCloudProviderAccessAsync", "GetCloudProviderAccessAsync", "AuthorizeProviderAccessRoleAsync", "AuthorizeProviderAccessRoleWhenAssumableAsync", "DeauthorizeProviderAccessRoleAsync"];

    private readonly PackageFeed _feed;

    public SpecUpgradeTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Code_written_against_the_2025_08_26_names_still_builds_after_atlas_spec_update_and_sends_the_same_requests()
    {
        using var consumer = new ConsumerProject(_feed);
        File.Copy(Path.Combine(_feed.RepositoryRoot, "tests", "specs", "history", "cloud-provider-access-2025-08-26.json"), consumer.SpecPath, overwrite: true);

        // Obsolete warnings are what the upgrade promises; everything else stays an error.
        consumer.WriteProject("<WarningsNotAsErrors>CS0618</WarningsNotAsErrors>", "<AtlasApiSpec Include=\"spec/cloud-provider-access.json\" Namespace=\"Consumer.Atlas\" />");
        File.WriteAllText(Path.Combine(consumer.Directory, "Program.cs"), WithNames(OldNames));
        var before = consumer.Build();
        Assert.True(before.ExitCode == 0, before.Output);
        Assert.DoesNotContain("warning CS0618", before.Output, StringComparison.Ordinal);

        // The documented flow: `atlas-spec update` from the clone, against today's whole spec.
        var update = DotNet.Run(_feed.RepositoryRoot, "run", "--project", Path.Combine("tools", "AtlasAccessGen.SpecTool"), "--",
            "update", consumer.SpecPath, "--from", Path.Combine(_feed.RepositoryRoot, "tests", "specs", "atlas-api-v2.json"), "--tag", "Cloud Provider Access");
        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Contains("5 renamed", update.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(consumer.Directory, "spec", "cloud-provider-access.atlas-lock.json")), update.Output);

        var after = consumer.Build();
        Assert.True(after.ExitCode == 0, after.Output);
        string[] warnings = after.Output.Split('\n').Where(line => line.Contains(": warning ", StringComparison.Ordinal)).Select(line => line.Trim()).Distinct().ToArray();
        Assert.All(warnings, warning => Assert.Contains("warning CS0618", warning, StringComparison.Ordinal));
        foreach ((string oldName, string newName) in OldNames.Zip(NewNames))
        {
            Assert.Contains(warnings, warning => warning.Contains("." + oldName + "(", StringComparison.Ordinal) && warning.Contains("Renamed to " + newName, StringComparison.Ordinal));
        }

        // The warning the README quotes, word for word.
        string quoted = File.ReadLines(Path.Combine(_feed.RepositoryRoot, "README.md")).Single(line => line.StartsWith("warning CS0618: 'AtlasPreviousNames.", StringComparison.Ordinal));
        Assert.Contains(quoted, after.Output, StringComparison.Ordinal);

        var oldRun = consumer.Run();
        Assert.True(oldRun.ExitCode == 0, oldRun.Output);

        File.WriteAllText(Path.Combine(consumer.Directory, "Program.cs"), WithNames(NewNames));
        var current = consumer.Build();
        Assert.True(current.ExitCode == 0, current.Output);
        Assert.DoesNotContain("warning CS0618", current.Output, StringComparison.Ordinal);
        var newRun = consumer.Run();
        Assert.True(newRun.ExitCode == 0, newRun.Output);

        string[] sent = Requests(newRun.Output);
        Assert.Equal(6, sent.Length);
        Assert.Equal(sent, Requests(oldRun.Output));
    }

    private static string WithNames(string[] names) => Program
        .Replace("DEAUTHORIZE(", names[5] + "(", StringComparison.Ordinal)
        .Replace("AUTHORIZEWHENASSUMABLE(", names[4] + "(", StringComparison.Ordinal)
        .Replace("AUTHORIZE(", names[3] + "(", StringComparison.Ordinal)
        .Replace("LIST(", names[0] + "(", StringComparison.Ordinal)
        .Replace("CREATE(", names[1] + "(", StringComparison.Ordinal)
        .Replace("GET(", names[2] + "(", StringComparison.Ordinal);

    private static string[] Requests(string output) => output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("REQUEST ", StringComparison.Ordinal)).ToArray();
}
