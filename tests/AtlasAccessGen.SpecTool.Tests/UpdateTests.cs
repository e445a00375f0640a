using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace AtlasAccessGen.SpecTool.Tests;

public class UpdateTests
{
    private const string CloudProviderAccess = "Cloud Provider Access";

    [Fact]
    public void Updating_the_2025_08_26_fragment_from_todays_spec_gives_the_vendored_fragment_and_a_lock_of_the_old_state()
    {
        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("cloud-provider-access.json", File.ReadAllText(Tool.HistoryFragment));
        byte[] oldBytes = File.ReadAllBytes(fragment);

        // The hand-cut 2025-08-26 fragment records no selection: the first update names it.
        ToolResult result = Tool.Run("update", fragment, "--from", Tool.FullSpec, "--tag", CloudProviderAccess);

        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"old: {fragment}: 5 operations, 22 schemas reached, x-xgen-sha 71ac9e4b796c59607af25b073aa510451ae85fdb\nnew: {Tool.FullSpec} (sliced): 5 operations, 24 schemas reached, x-xgen-sha f84b8e4346991132f70f5610809ad1b6af020975\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 breaking, 5 renamed, 4 compatible.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Wrote " + fragment + ".\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(new[] { "cloud-provider-access.atlas-lock.json", "cloud-provider-access.json" }, scratch.Names());

        // The fragment: today's vendored one, byte for byte, apart from the provenance slice adds.
        JsonObject updated = Tool.Parse(File.ReadAllBytes(fragment));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllBytes(Tool.Fragment)), Tool.WithoutProvenance(updated)));
        Assert.Equal(File.ReadAllText(Tool.Fragment), WithoutProvenanceText(File.ReadAllText(fragment)));
        Assert.Equal(new[] { CloudProviderAccess }, ((JsonArray)updated["info"]!["x-atlas-slice"]!["tags"]!).Select(t => (string?)t));

        // The lock: one state, the 2025-08-26 fragment's.
        string lockPath = scratch.File("cloud-provider-access.atlas-lock.json");
        JsonObject lockFile = Tool.Parse(File.ReadAllBytes(lockPath));
        Assert.Equal(1, (int)lockFile["atlasSpecLock"]!);
        JsonObject state = (JsonObject)Assert.Single((JsonArray)lockFile["states"]!)!;
        Assert.Equal(new[] { "title", "version", "sha", "sha256", "operations", "schemas" }, state.Select(p => p.Key));
        Assert.Equal("MongoDB Atlas Administration API", (string?)state["title"]);
        Assert.Equal("2.0", (string?)state["version"]);
        Assert.Equal("71ac9e4b796c59607af25b073aa510451ae85fdb", (string?)state["sha"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(oldBytes)), (string?)state["sha256"]);
        Assert.Equal(
            new[]
            {
                "GET /api/atlas/v2/groups/{groupId}/cloudProviderAccess listCloudProviderAccessRoles - Cloud Provider Access",
                "POST /api/atlas/v2/groups/{groupId}/cloudProviderAccess createCloudProviderAccessRole - Cloud Provider Access",
                "DELETE /api/atlas/v2/groups/{groupId}/cloudProviderAccess/{cloudProvider}/{roleId} deauthorizeCloudProviderAccessRole - Cloud Provider Access",
                "GET /api/atlas/v2/groups/{groupId}/cloudProviderAccess/{roleId} getCloudProviderAccessRole - Cloud Provider Access",
                "PATCH /api/atlas/v2/groups/{groupId}/cloudProviderAccess/{roleId} authorizeCloudProviderAccessRole - Cloud Provider Access",
            },
            ((JsonArray)state["operations"]!).Select(o => $"{o!["method"]} {o["path"]} {o["operationId"]} {(string?)o["override"] ?? "-"} {o["tag"]}"));
        Assert.Equal(new[] { "method", "path", "operationId", "override", "tag" }, ((JsonObject)state["operations"]![0]!).Select(p => p.Key));
        Assert.Null(state["operations"]![0]!["override"]);

        // Every schema of the old fragment, by name, with its own properties (an inline allOf part's included).
        JsonObject oldSchemas = (JsonObject)Tool.Parse(oldBytes)["components"]!["schemas"]!;
        string[] names = ((JsonArray)state["schemas"]!).Select(s => (string)s!["name"]!).ToArray();
        Assert.Equal(oldSchemas.Select(s => s.Key).Order(StringComparer.Ordinal), names);
        Assert.Equal(
            new[] { "atlasAssumedRoleExternalId", "atlasAWSAccountArn", "authorizedDate", "createdDate", "featureUsages", "iamAssumedRoleArn", "roleId" }.Order(StringComparer.Ordinal),
            Properties(state, "CloudProviderAccessAWSIAMRole"));
        Assert.Equal(new[] { "providerName" }, Properties(state, "CloudProviderAccessRole"));
        Assert.Empty(Properties(state, "ApiAtlasCloudProviderAccessFeatureUsageFeatureIdView"));

        // Written as specified: two-space indent, \n, a final newline.
        string lockText = File.ReadAllText(lockPath);
        Assert.StartsWith("{\n  \"atlasSpecLock\": 1,\n  \"states\": [\n    {\n      \"title\": ", lockText, StringComparison.Ordinal);
        Assert.EndsWith("}\n", lockText, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', lockText);
    }

    [Fact]
    public void Updating_again_changes_nothing()
    {
        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("cloud-provider-access.json", File.ReadAllText(Tool.HistoryFragment));
        Assert.Equal(0, Tool.Run("update", fragment, "--from", Tool.FullSpec, "--tag", CloudProviderAccess).ExitCode);
        byte[] fragmentBytes = File.ReadAllBytes(fragment);
        byte[] lockBytes = File.ReadAllBytes(scratch.File("cloud-provider-access.atlas-lock.json"));

        // The selection now comes from info.x-atlas-slice.
        ToolResult again = Tool.Run("update", fragment, "--from", Tool.FullSpec);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 breaking, 0 renamed, 0 compatible.", again.Stdout, StringComparison.Ordinal);
        Assert.EndsWith(fragment + " is up to date: nothing written.\n", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(fragmentBytes, File.ReadAllBytes(fragment));
        Assert.Equal(lockBytes, File.ReadAllBytes(scratch.File("cloud-provider-access.atlas-lock.json")));
        Assert.Equal(new[] { "cloud-provider-access.atlas-lock.json", "cloud-provider-access.json" }, scratch.Names());
    }

    [Fact]
    public void The_same_update_gives_the_same_bytes_and_the_same_report()
    {
        using var first = new ScratchFolder();
        using var second = new ScratchFolder();
        var results = new[] { first, second }.Select(scratch =>
        {
            string fragment = scratch.Write("cloud-provider-access.json", File.ReadAllText(Tool.HistoryFragment));
            ToolResult result = Tool.Run("update", fragment, "--from", Tool.FullSpec, "--tag", CloudProviderAccess, "--json");
            Assert.Equal(0, result.ExitCode);
            return (Report: result.Stdout.Replace(scratch.Path, "<scratch>", StringComparison.Ordinal), Fragment: File.ReadAllBytes(fragment), Lock: File.ReadAllBytes(scratch.File("cloud-provider-access.atlas-lock.json")));
        }).ToArray();

        Assert.Equal(results[0].Fragment, results[1].Fragment);
        Assert.Equal(results[0].Lock, results[1].Lock);
        Assert.Equal(results[0].Report, results[1].Report);
        JsonObject report = Tool.Parse(Encoding.UTF8.GetBytes(results[0].Report));
        Assert.Equal("""{"fragment":"<scratch>/cloud-provider-access.json","lock":"<scratch>/cloud-provider-access.atlas-lock.json","changed":true,"written":true,"lockStateAdded":true}""", report["update"]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(9, ((JsonArray)report["changes"]!).Count);
    }

    [Fact]
    public void A_lock_keeps_its_earlier_states_and_gets_the_replaced_one_appended_once()
    {
        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("cpa.json", File.ReadAllText(Tool.HistoryFragment));
        string earlier = """
            {
              "atlasSpecLock": 1,
              "states": [
                {
                  "title": "older",
                  "version": "1.0",
                  "sha": null,
                  "sha256": "0000",
                  "operations": [],
                  "schemas": []
                }
              ]
            }

            """.ReplaceLineEndings("\n");
        string lockPath = scratch.Write("cpa.atlas-lock.json", earlier);

        Assert.Equal(0, Tool.Run("update", fragment, "--from", Tool.FullSpec, "--tag", CloudProviderAccess).ExitCode);

        string text = File.ReadAllText(lockPath);
        Assert.StartsWith(earlier[..^"\n  ]\n}\n".Length] + ",\n    {\n", text, StringComparison.Ordinal);
        JsonArray states = (JsonArray)Tool.Parse(Encoding.UTF8.GetBytes(text))["states"]!;
        Assert.Equal(new[] { "older", "MongoDB Atlas Administration API" }, states.Select(s => (string?)s!["title"]));

        // Back to the old fragment, and forward again: its state is in the lock already, so it is not added twice.
        File.Copy(Tool.HistoryFragment, fragment, overwrite: true);
        ToolResult again = Tool.Run("update", fragment, "--from", Tool.FullSpec, "--tag", CloudProviderAccess, "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.False((bool)Tool.Parse(Encoding.UTF8.GetBytes(again.Stdout))["update"]!["lockStateAdded"]!);
        Assert.Equal(text, File.ReadAllText(lockPath));
    }

    [Fact]
    public void A_breaking_update_writes_nothing_unless_accepted()
    {
        using var scratch = new ScratchFolder();

        // Today's fragment "updated" from the 2025-08-26 whole API: back in time, feature type and schemas go.
        string fragment = scratch.Write("cpa.json", File.ReadAllText(Tool.Fragment));
        byte[] before = File.ReadAllBytes(fragment);

        ToolResult blocked = Tool.Run("update", fragment, "--from", Tool.HistoryFullSpec, "--tag", CloudProviderAccess);

        Assert.Equal(3, blocked.ExitCode);
        Assert.Contains("enum value removed   CloudProviderAccessFeatureUsage.featureType: was ATLAS_LOG_INTEGRATION  [C#, wire]", blocked.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing written: 4 breaking changes (--accept-breaking takes them).", blocked.Stdout, StringComparison.Ordinal);
        Assert.Equal($"atlas-spec: error: 4 breaking changes from {fragment} to {Tool.HistoryFullSpec} (sliced); nothing written (--accept-breaking accepts them)\n", blocked.Stderr);
        Assert.Equal(before, File.ReadAllBytes(fragment));
        Assert.Equal(new[] { "cpa.json" }, scratch.Names());

        ToolResult accepted = Tool.Run("update", fragment, "--from", Tool.HistoryFullSpec, "--tag", CloudProviderAccess, "--accept-breaking");

        Assert.Equal(0, accepted.ExitCode);
        Assert.Equal(new[] { "cpa.atlas-lock.json", "cpa.json" }, scratch.Names());
        Assert.Equal("listCloudProviderAccess", (string?)Tool.Parse(File.ReadAllBytes(scratch.File("cpa.atlas-lock.json")))["states"]![0]!["operations"]![0]!["override"]);
    }

    [Fact]
    public void Offline_an_upstream_url_fails_in_one_line_and_touches_nothing()
    {
        using var scratch = new ScratchFolder();
        string fragment = scratch.Write("cpa.json", File.ReadAllText(Tool.HistoryFragment));

        // .invalid never resolves (RFC 2606); the query is never shown, as it could hold a token.
        ToolResult result = Tool.Run("update", fragment, "--from", "https://atlas-spec.invalid/openapi/v2.yaml?token=secret", "--tag", CloudProviderAccess);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Matches(@"^atlas-spec: error: cannot download 'https://atlas-spec\.invalid/openapi/v2\.yaml': [^\n]+\n$", result.Stderr);
        Assert.DoesNotContain("secret", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Tool.HistoryFragment), File.ReadAllBytes(fragment));
        Assert.Equal(new[] { "cpa.json" }, scratch.Names());
    }

    private static string[] Properties(JsonObject state, string schema) =>
        ((JsonArray)((JsonArray)state["schemas"]!).Single(s => (string?)s!["name"] == schema)!["properties"]!).Select(p => (string)p!).ToArray();

    /// <summary>The text without info's last member, x-atlas-slice, as the writer indents it.</summary>
    private static string WithoutProvenanceText(string text)
    {
        int start = text.IndexOf(",\n    \"x-atlas-slice\": {\n", StringComparison.Ordinal);
        Assert.True(start > 0);
        int end = text.IndexOf("\n    }", start, StringComparison.Ordinal) + "\n    }".Length;
        return text.Remove(start, end - start);
    }
}
