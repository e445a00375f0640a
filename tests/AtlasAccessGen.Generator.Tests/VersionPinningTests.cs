using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Pinning on the whole upstream API: each pin selects, per operation, the newest version on or before it,
/// the way upstream's per-date specs do, and the compiled method sends exactly that version.
/// </summary>
public class VersionPinningTests
{
    private const string Ns = "Contoso.AtlasApi";
    private const string GroupId = "32b6e34b3d91647abb20e7b8";

    private static GeneratorHarness.GeneratorOutcome Run(string? pin, string? tags = null, string? operations = null) =>
        GeneratorHarness.Run(new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, Ns, pin, tags, operations));

    [Theory]
    [InlineData("2023-01-01")]
    [InlineData("2024-08-05")]
    [InlineData("2025-03-12")]
    public void Whole_api_compiles_under_each_pin(string pin)
    {
        var outcome = Run(pin);

        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.Contains("public const string? PinnedApiVersion = \"" + pin + "\";", outcome.Source(Ns + ".AtlasClient.g.cs"), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-01-01", "2023-01-01", "2023-01-01")]
    [InlineData("2023-02-01", "2023-02-01", "2023-02-01")]
    [InlineData("2024-05-30", "2023-02-01", "2023-02-01")]
    [InlineData("2024-08-05", "2024-08-05", "2024-08-05")]
    [InlineData("2024-10-23", "2024-10-23", "2024-08-05")]
    [InlineData("2025-03-12", "2024-10-23", "2024-08-05")]
    [InlineData(null, "2024-10-23", "2024-08-05")]
    public async Task Each_pin_sends_the_newest_version_on_or_before_it(string? pin, string createVersion, string getVersion)
    {
        var outcome = Run(pin, tags: "Clusters");
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns);
        object clusters = CompiledAssembly.Property(client, "Clusters");

        await CompiledAssembly.InvokeAsync(clusters, "CreateClusterAsync", new Dictionary<string, object?> { ["groupId"] = GroupId });
        await CompiledAssembly.InvokeAsync(clusters, "GetClusterAsync", new Dictionary<string, object?> { ["groupId"] = GroupId, ["clusterName"] = "Cluster0" });

        Assert.Equal(2, handler.Requests.Count);
        var create = handler.Requests[0];
        Assert.Equal("POST", create.Method);
        Assert.Equal("/api/atlas/v2/groups/" + GroupId + "/clusters", create.PathAndQuery);
        Assert.Equal(new[] { "application/vnd.atlas." + createVersion + "+json" }, create.Accept);
        Assert.Equal("application/vnd.atlas." + createVersion + "+json", create.ContentType);
        var get = handler.Requests[1];
        Assert.Equal("/api/atlas/v2/groups/" + GroupId + "/clusters/Cluster0", get.PathAndQuery);
        Assert.Equal(new[] { "application/vnd.atlas." + getVersion + "+json" }, get.Accept);
        Assert.Null(get.ContentType);
    }

    [Fact]
    public async Task Older_versions_stay_callable_side_by_side_and_newer_ones_are_not_generated()
    {
        var outcome = Run("2024-08-05", tags: "Clusters");
        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object client, CompiledAssembly.RecordingHandler handler) = assembly.CreateClient(Ns);
        object clusters = CompiledAssembly.Property(client, "Clusters");

        foreach (string older in new[] { "2023-01-01", "2023-02-01" })
        {
            object versioned = CompiledAssembly.Property(clusters, "V" + older.Replace('-', '_'));
            await CompiledAssembly.InvokeAsync(versioned, "CreateClusterAsync", new Dictionary<string, object?> { ["groupId"] = GroupId });
        }

        Assert.Equal(new[] { "application/vnd.atlas.2023-01-01+json", "application/vnd.atlas.2023-02-01+json" }, handler.Requests.Select(r => r.Accept.Single()));
        Assert.Null(clusters.GetType().GetProperty("V2024_10_23"));
        Assert.Null(clusters.GetType().GetProperty("V2024_08_05"));

        // Each version has the models of that version; versions that share a schema share its one type.
        string source = outcome.Source(Ns + ".ClustersClient.g.cs");
        Assert.Contains("CreateClusterAsync(string groupId, global::Contoso.AtlasApi.LegacyAtlasCluster body", source, System.StringComparison.Ordinal);
        Assert.Contains("CreateClusterAsync(string groupId, global::Contoso.AtlasApi.AdvancedClusterDescription body", source, System.StringComparison.Ordinal);
        Assert.Contains("CreateClusterAsync(string groupId, global::Contoso.AtlasApi.ClusterDescription20240805 body", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_shared_by_two_versions_is_one_type()
    {
        var outcome = Run(pin: null, operations: "createCluster");
        string source = outcome.Source(Ns + ".ClustersClient.g.cs");

        // 2024-08-05 and 2024-10-23 both use ClusterDescription20240805: the default method and the 2024-08-05 one share it,
        // and no per-version copy of it (an inline CreateCluster... type) is generated.
        Assert.Equal(2, CountOf(source, "public global::System.Threading.Tasks.Task<global::Contoso.AtlasApi.ClusterDescription20240805> CreateClusterAsync("));
        Assert.Single(outcome.Sources, s => s.HintName == Ns + ".ClusterDescription20240805.g.cs");
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.StartsWith(Ns + ".CreateCluster", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Sunset_version_is_obsolete_when_a_newer_version_exists()
    {
        var outcome = Run("2024-08-05", operations: "createCluster");
        string source = outcome.Source(Ns + ".ClustersClient.g.cs");

        Assert.Contains("[global::System.Obsolete(\"createGroupCluster version 2024-08-05 is sunset on 2027-03-01; newer version: 2024-10-23 (raise the pinned ApiVersion to use it).\")]", source, System.StringComparison.Ordinal);
        Assert.Contains("[global::System.Obsolete(\"createGroupCluster version 2023-01-01 is sunset on 2027-07-01; newer version: 2024-10-23 (raise the pinned ApiVersion to use it).\")]", source, System.StringComparison.Ordinal);

        // Without a pin the default is 2024-10-23, which has no sunset: not obsolete.
        string unpinned = Run(pin: null, operations: "createCluster").Source(Ns + ".ClustersClient.g.cs");
        int defaultMethod = unpinned.IndexOf("public global::System.Threading.Tasks.Task<global::Contoso.AtlasApi.ClusterDescription20240805> CreateClusterAsync(", System.StringComparison.Ordinal);
        Assert.DoesNotContain("Obsolete", unpinned.Substring(unpinned.LastIndexOf("/// <inheritdoc/>", defaultMethod, System.StringComparison.Ordinal), defaultMethod - unpinned.LastIndexOf("/// <inheritdoc/>", defaultMethod, System.StringComparison.Ordinal)), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Deprecated_operation_is_obsolete()
    {
        var outcome = Run(pin: null, tags: "Clusters");
        string source = outcome.Source(Ns + ".ClustersClient.g.cs");

        Assert.Contains("[global::System.Obsolete(\"The spec marks ", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_without_a_version_on_or_before_the_pin_are_left_out_with_an_info()
    {
        var outcome = Run("2023-01-01", tags: "Atlas Search");

        var leftOut = outcome.GeneratorDiagnostics.Where(d => d.Id == "ATLAS014").ToList();
        Assert.NotEmpty(leftOut);
        Assert.All(leftOut, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.All(leftOut, d => Assert.Contains("no version on or before 2023-01-01", d.GetMessage(), System.StringComparison.Ordinal));
        Assert.All(leftOut, d => Assert.True(d.Location.GetLineSpan().StartLinePosition.Line > 0));
        string source = outcome.Source(Ns + ".AtlasSearchClient.g.cs");
        string firstLeftOut = leftOut[0].GetMessage().Split('\'')[1];
        Assert.DoesNotContain(" " + char.ToUpperInvariant(firstLeftOut[0]) + firstLeftOut.Substring(1) + "Async(", source, System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Preview_versions_are_generated_only_when_pinned_to_preview()
    {
        var unpinned = Run(pin: null);
        var previewOnly = unpinned.GeneratorDiagnostics.Where(d => d.Id == "ATLAS014" && d.GetMessage().Contains("only a preview version", System.StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(previewOnly);
        Assert.DoesNotContain(unpinned.Sources, s => s.SourceText.ToString().Contains("\"application/vnd.atlas.preview+json\"", System.StringComparison.Ordinal));

        var preview = Run("preview");
        Assert.DoesNotContain(preview.GeneratorDiagnostics, d => d.Id == "ATLAS014" && d.GetMessage().Contains("preview", System.StringComparison.Ordinal));
        Assert.Contains(preview.Sources, s => s.SourceText.ToString().Contains("\"application/vnd.atlas.preview+json\"", System.StringComparison.Ordinal));
        var problems = preview.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    /// <summary>
    /// One project-wide <c>AtlasApiVersion</c> over two specs that declare different dates: the vendored fragment (only
    /// 2023-01-01) and the Clusters tag of the whole API (createCluster: 2023-01-01, 2023-02-01, 2024-08-05, 2024-10-23;
    /// getCluster: 2023-01-01, 2023-02-01, 2024-08-05). Whether or not a spec declares the pinned date, each operation
    /// sends its newest version on or before it.
    /// </summary>
    [Theory]
    [InlineData("2024-08-05", "2023-01-01", "2024-08-05", "2024-08-05")] // declared by the Clusters slice only
    [InlineData("2023-05-05", "2023-01-01", "2023-02-01", "2023-02-01")] // declared by neither
    [InlineData("2099-01-01", "2023-01-01", "2024-10-23", "2024-08-05")] // later than every version
    [InlineData("2023-01-01", "2023-01-01", "2023-01-01", "2023-01-01")] // declared by both
    public async Task Project_wide_pin_selects_each_operations_newest_version_on_or_before_it_in_every_spec(string pin, string fragmentVersion, string createVersion, string getVersion)
    {
        const string FragmentNs = "Contoso.Atlas";
        var outcome = GeneratorHarness.Run(
            new[] { SpecFile.Fragment() with { Namespace = FragmentNs }, new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, Ns, Tags: "Clusters") },
            GeneratorHarness.ParseOptions(),
            new Dictionary<string, string> { ["AtlasApiVersion"] = pin });

        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.Contains("public const string? PinnedApiVersion = \"" + pin + "\";", outcome.Source(FragmentNs + ".AtlasClient.g.cs"), System.StringComparison.Ordinal);
        Assert.Contains("public const string? PinnedApiVersion = \"" + pin + "\";", outcome.Source(Ns + ".AtlasClient.g.cs"), System.StringComparison.Ordinal);

        using var assembly = CompiledAssembly.Load(outcome.Output);
        (object fragmentClient, CompiledAssembly.RecordingHandler fragmentHandler) = assembly.CreateClient(FragmentNs);
        object access = CompiledAssembly.Property(fragmentClient, "CloudProviderAccess");
        await CompiledAssembly.InvokeAsync(access, "ListCloudProviderAccessAsync", new Dictionary<string, object?> { ["groupId"] = GroupId });
        await CompiledAssembly.InvokeAsync(access, "GetCloudProviderAccessAsync", new Dictionary<string, object?> { ["groupId"] = GroupId, ["roleId"] = GroupId });
        Assert.Equal(new[] { fragmentVersion, fragmentVersion }, fragmentHandler.Requests.Select(r => Assert.Single(r.Accept)).Select(VersionOf));

        (object clustersClient, CompiledAssembly.RecordingHandler clustersHandler) = assembly.CreateClient(Ns);
        object clusters = CompiledAssembly.Property(clustersClient, "Clusters");
        await CompiledAssembly.InvokeAsync(clusters, "CreateClusterAsync", new Dictionary<string, object?> { ["groupId"] = GroupId });
        await CompiledAssembly.InvokeAsync(clusters, "GetClusterAsync", new Dictionary<string, object?> { ["groupId"] = GroupId, ["clusterName"] = "Cluster0" });
        Assert.Equal(new[] { createVersion, getVersion }, clustersHandler.Requests.Select(r => Assert.Single(r.Accept)).Select(VersionOf));
    }

    [Fact]
    public void Item_pin_wins_over_the_project_wide_one_and_need_not_be_declared()
    {
        var outcome = GeneratorHarness.Run(
            new[] { SpecFile.Fragment() with { ApiVersion = "2024-08-05" } },
            GeneratorHarness.ParseOptions(),
            new Dictionary<string, string> { ["AtlasApiVersion"] = "2023-01-01" });

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        string root = outcome.Source("Contoso.Atlas.AtlasClient.g.cs");
        Assert.Contains("public const string? PinnedApiVersion = \"2024-08-05\";", root, System.StringComparison.Ordinal);
        Assert.Contains("\"application/vnd.atlas.2023-01-01+json\"", outcome.Source("Contoso.Atlas.CloudProviderAccessClient.g.cs"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Pin_earlier_than_every_version_leaves_each_operation_out_with_an_info()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { ApiVersion = "2022-12-31" });

        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var leftOut = outcome.GeneratorDiagnostics.Where(d => d.Id == "ATLAS014").ToList();
        Assert.Equal(5, leftOut.Count);
        Assert.All(leftOut, d => Assert.Contains("no version on or before 2022-12-31 (its versions: 2023-01-01)", d.GetMessage(), System.StringComparison.Ordinal));
        Assert.All(leftOut, d => Assert.EndsWith("cloud-provider-access.json", d.Location.GetLineSpan().Path, System.StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.EndsWith("CloudProviderAccessClient.g.cs", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Pin_to_preview_where_the_spec_has_none_is_an_error_listing_its_versions()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { ApiVersion = "preview" });

        var error = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("ATLAS013", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("cloud-provider-access.json: the ApiVersion 'preview' names no version of this spec", error.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("Its versions: 2023-01-01.", error.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("24-08-05")]
    [InlineData("latest")]
    public void Malformed_pin_is_an_error_with_a_fix(string pin)
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { ApiVersion = pin });

        var error = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("ATLAS005", error.Id);
        Assert.Contains("'" + pin + "'", error.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("use a date such as 2023-01-01, or preview", error.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Slicing_by_one_tag_emits_only_that_tags_operations_and_their_schemas()
    {
        var sliced = Run(pin: null, tags: "Cloud Provider Access");

        Assert.Empty(sliced.CompilationProblems());
        var clients = sliced.Sources.Where(s => s.HintName.EndsWith("Client.g.cs", System.StringComparison.Ordinal)).Select(s => s.HintName).ToList();
        Assert.Equal(new[] { Ns + ".AtlasClient.g.cs", Ns + ".CloudProviderAccessClient.g.cs" }, clients.OrderBy(c => c, System.StringComparer.Ordinal));
        string root = sliced.Source(Ns + ".AtlasClient.g.cs");
        Assert.Single(root.Split('\n'), line => line.Contains("= new global::", System.StringComparison.Ordinal));

        // The same operations and models as the vendored fragment, which is that tag cut out of the same spec.
        var fragment = GeneratorHarness.Run(SpecFile.Fragment() with { Namespace = Ns });
        Assert.Equal(
            fragment.Sources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal),
            sliced.Sources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Slicing_by_operation_emits_only_that_method()
    {
        var outcome = Run(pin: null, operations: "getCluster");
        string source = outcome.Source(Ns + ".ClustersClient.g.cs");

        Assert.Contains(" GetClusterAsync(", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain(" CreateClusterAsync(", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain(" ListClustersAsync(", source, System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Filter_that_matches_nothing_is_a_warning_with_examples()
    {
        var outcome = Run(pin: null, tags: "Clusterz");

        var warning = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS016");
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Contains("'Clusterz'", warning.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Download_variants_return_a_stream_beside_the_json_method()
    {
        var outcome = Run(pin: null, tags: "Invoices");
        string source = outcome.Source(Ns + ".InvoicesClient.g.cs");

        Assert.Contains("global::System.Threading.Tasks.Task<global::System.IO.Stream> GetInvoiceCsv2Async(", source, System.StringComparison.Ordinal);
        Assert.Contains("\"application/vnd.atlas.2023-01-01+csv\"", source, System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    private static string VersionOf(string mediaType) => mediaType.Substring("application/vnd.atlas.".Length, 10);

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int index = text.IndexOf(value, System.StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
