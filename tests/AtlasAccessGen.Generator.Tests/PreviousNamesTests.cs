using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// A spec lock file (what <c>atlas-spec update</c> writes beside a spec) keeps code written against an earlier spec
/// state compiling: renamed methods forward, removed ones explain themselves at each use.
/// </summary>
public class PreviousNamesTests
{
    internal static readonly string History = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "history", "cloud-provider-access-2025-08-26.json"));

    /// <summary>Calls every Cloud Provider Access method (and the authorize workflow) by the names of the 2025-08-26 spec.</summary>
    internal const string OldNamesConsumer = """
        using System.Threading.Tasks;
        using Contoso.Atlas;

        public static class Caller
        {
            public static async Task CallAsync(IAtlasClient atlas)
            {
                ICloudProviderAccessClient access = atlas.CloudProviderAccess;
                await access.ListCloudProviderAccessRolesAsync("32b6e34b3d91647abb20e7b8");
                await access.CreateCloudProviderAccessRoleAsync("32b6e34b3d91647abb20e7b8", new CloudProviderAccessAWSIAMRoleRequest());
                await access.GetCloudProviderAccessRoleAsync("32b6e34b3d91647abb20e7b8", "62b6e34b3d91647abb20e7b9");
                await access.AuthorizeCloudProviderAccessRoleAsync("32b6e34b3d91647abb20e7b8", "62b6e34b3d91647abb20e7b9", new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/a" });
                await access.AuthorizeCloudProviderAccessRoleWhenAssumableAsync("32b6e34b3d91647abb20e7b8", "62b6e34b3d91647abb20e7b9", new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/a" });
                await access.DeauthorizeCloudProviderAccessRoleAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "62b6e34b3d91647abb20e7b9");
            }
        }
        """;

    /// <summary>The same calls by today's names.</summary>
    internal const string NewNamesConsumer = """
        using System.Threading.Tasks;
        using Contoso.Atlas;

        public static class Caller
        {
            public static async Task CallAsync(IAtlasClient atlas)
            {
                ICloudProviderAccessClient access = atlas.CloudProviderAccess;
                await access.ListCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8");
                await access.CreateCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8", new CloudProviderAccessAWSIAMRoleRequest());
                await access.GetCloudProviderAccessAsync("32b6e34b3d91647abb20e7b8", "62b6e34b3d91647abb20e7b9");
                await access.AuthorizeProviderAccessRoleAsync("32b6e34b3d91647abb20e7b8", "62b6e34b3d91647abb20e7b9", new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/a" });
                await access.AuthorizeProviderAccessRoleWhenAssumableAsync("32b6e34b3d91647abb20e7b8", "62b6e34b3d91647abb20e7b9", new CloudProviderAccessAWSIAMRoleRequestUpdate { IamAssumedRoleArn = "arn:aws:iam::123456789012:role/a" });
                await access.DeauthorizeProviderAccessRoleAsync("32b6e34b3d91647abb20e7b8", CloudProvider.Aws, "62b6e34b3d91647abb20e7b9");
            }
        }
        """;

    [Fact]
    public void Code_written_against_the_old_spec_compiles_against_it()
    {
        var outcome = RunWithConsumer(new SpecFile("/specs/cloud-provider-access.json", History), OldNamesConsumer);

        Assert.Empty(outcome.CompilationProblems());
        Assert.DoesNotContain(outcome.Sources, s => s.HintName.Contains("AtlasPreviousNames", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_lock_the_old_names_do_not_compile_against_todays_spec()
    {
        // What the lock is for: the upgrade alone breaks every call.
        var outcome = RunWithConsumer(SpecFile.Fragment(), OldNamesConsumer);

        Assert.Equal(6, outcome.CompilationProblems().Count(d => d.Id == "CS1061"));
    }

    [Fact]
    public void With_the_lock_the_old_names_compile_with_obsolete_warnings_that_name_the_new_method()
    {
        var outcome = RunWithConsumer(SpecFile.Fragment() with { Lock = LockOf(History) }, OldNamesConsumer);

        Assert.Empty(outcome.GeneratorDiagnostics);
        var problems = outcome.CompilationProblems();
        Assert.All(problems, d => Assert.Equal("CS0618", d.Id));
        Assert.Equal(
            new[]
            {
                "ListCloudProviderAccessRolesAsync -> ListCloudProviderAccessAsync",
                "CreateCloudProviderAccessRoleAsync -> CreateCloudProviderAccessAsync",
                "GetCloudProviderAccessRoleAsync -> GetCloudProviderAccessAsync",
                "AuthorizeCloudProviderAccessRoleAsync -> AuthorizeProviderAccessRoleAsync",
                "AuthorizeCloudProviderAccessRoleWhenAssumableAsync -> AuthorizeProviderAccessRoleWhenAssumableAsync",
                "DeauthorizeCloudProviderAccessRoleAsync -> DeauthorizeProviderAccessRoleAsync",
            },
            problems.Select(d => d.GetMessage()).Select(m => m.Split('\'')[1].Split('.').Last().Split('(')[0] + " -> " + m.Split("Renamed to ")[1].Split(new[] { ':', ',' })[0]).ToArray());
        string source = outcome.Source("Contoso.Atlas.AtlasPreviousNames.g.cs");
        Assert.Contains("upstream renamed the operation GET /api/atlas/v2/groups/{groupId}/cloudProviderAccess from listCloudProviderAccessRoles", source, StringComparison.Ordinal);
        Assert.Contains("cloud-provider-access.atlas-lock.json", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_old_names_send_exactly_the_requests_of_the_new_names()
    {
        var old = await RequestsOf(SpecFile.Fragment() with { Lock = LockOf(History) }, OldNamesConsumer);
        var current = await RequestsOf(SpecFile.Fragment(), NewNamesConsumer);

        Assert.Equal(6, current.Count);
        Assert.Equal(current, old);
    }

    [Fact]
    public void A_removed_operation_keeps_its_name_only_to_explain_at_each_call_why_it_is_gone()
    {
        JsonObject lockFile = JsonNode.Parse(LockOf(History))!.AsObject();
        var operations = lockFile["states"]![0]!["operations"]!.AsArray();
        operations.Add(new JsonObject { ["method"] = "GET", ["path"] = "/api/atlas/v2/groups/{groupId}/cloudProviderAccess/legacy", ["operationId"] = "listLegacyRoles", ["override"] = null, ["tag"] = "Cloud Provider Access" });
        const string consumer = """
            using Contoso.Atlas;
            public static class Caller
            {
                public static System.Threading.Tasks.Task CallAsync(IAtlasClient atlas) => atlas.CloudProviderAccess.ListLegacyRolesAsync("32b6e34b3d91647abb20e7b8");
            }
            """;

        var outcome = RunWithConsumer(SpecFile.Fragment() with { Lock = lockFile.ToJsonString() }, consumer);

        Diagnostic info = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("ATLAS041", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal("/specs/cloud-provider-access.atlas-lock.json", info.Location.GetLineSpan().Path);
        Assert.Contains("GET /api/atlas/v2/groups/{groupId}/cloudProviderAccess/legacy ('listLegacyRoles', method ListLegacyRolesAsync) was removed", info.GetMessage(), StringComparison.Ordinal);
        Diagnostic error = Assert.Single(outcome.CompilationProblems(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Contains("ListLegacyRolesAsync was removed: the operation GET /api/atlas/v2/groups/{groupId}/cloudProviderAccess/legacy (listLegacyRoles) is not in cloud-provider-access.json any more", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_property_is_an_error_that_says_so_where_it_is_used()
    {
        JsonObject lockFile = JsonNode.Parse(LockOf(History))!.AsObject();
        lockFile["states"]![0]!["schemas"]!.AsArray().Add(new JsonObject { ["name"] = "CloudProviderAccessAWSIAMRole", ["properties"] = new JsonArray("iamAssumedRoleArn", "legacyArn") });
        const string consumer = """
            using Contoso.Atlas;
            public static class Caller
            {
                public static object? Read(CloudProviderAccessAWSIAMRole role) => role.LegacyArn;
            }
            """;

        var outcome = RunWithConsumer(SpecFile.Fragment() with { Lock = lockFile.ToJsonString() }, consumer);

        Diagnostic info = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("ATLAS043", info.Id);
        Assert.Contains("'legacyArn' of schema 'CloudProviderAccessAWSIAMRole' (CloudProviderAccessAWSIAMRole.LegacyArn) was removed", info.GetMessage(), StringComparison.Ordinal);
        Diagnostic error = Assert.Single(outcome.CompilationProblems());
        Assert.Equal("CS0619", error.Id);
        Assert.Contains("LegacyArn was removed: the schema has no property 'legacyArn' any more", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_name_that_now_belongs_to_another_operation_is_a_warning_and_no_forwarder()
    {
        // Upstream reusing a name: the old GET's name is today's LIST. Old code would silently send the LIST.
        JsonObject lockFile = JsonNode.Parse(LockOf(History))!.AsObject();
        var get = lockFile["states"]![0]!["operations"]!.AsArray().Single(o => (string)o!["method"]! == "GET" && ((string)o!["path"]!).EndsWith("{roleId}", StringComparison.Ordinal))!;
        get["operationId"] = "listCloudProviderAccess";

        var outcome = RunWithConsumer(SpecFile.Fragment() with { Lock = lockFile.ToJsonString() }, NewNamesConsumer);

        Diagnostic warning = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS042");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("ListCloudProviderAccessAsync called GET /api/atlas/v2/groups/{groupId}/cloudProviderAccess/{roleId}", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("must use GetCloudProviderAccessAsync", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Theory]
    [InlineData("{", 0)]
    [InlineData("{\"atlasSpecLock\": 2}", 0)]
    [InlineData("{\n  \"atlasSpecLock\": 1,\n  \"states\": [\n    { \"operations\": [ { \"method\": \"GET\" } ] }\n  ]\n}", 3)]
    public void An_unreadable_lock_is_a_warning_at_its_line_and_generates_as_if_there_were_none(string text, int line)
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { Lock = text });
        var baseline = GeneratorHarness.Run(SpecFile.Fragment());

        Diagnostic warning = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal("ATLAS040", warning.Id);
        Assert.Equal(line, warning.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("Fix: run 'atlas-spec update' again", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(baseline.Sources.Select(s => s.HintName), outcome.Sources.Select(s => s.HintName));
        Assert.Empty(outcome.CompilationProblems());
    }

    /// <summary>The lock is third-party text like the spec: its names reach messages and docs escaped, never as code.</summary>
    [Fact]
    public void Hostile_names_in_the_lock_stay_text()
    {
        const string Payload = "x\"); } } [System.Runtime.CompilerServices.ModuleInitializer] static void Injected() { } /*\u2028*/ class Injected { //";
        JsonObject lockFile = JsonNode.Parse(LockOf(History))!.AsObject();
        lockFile["states"]![0]!["version"] = Payload;
        lockFile["states"]![0]!["operations"]!.AsArray().Add(new JsonObject { ["method"] = "GET", ["path"] = "/gone/" + Payload, ["operationId"] = "gone" + Payload, ["override"] = null, ["tag"] = "Cloud Provider Access" });
        lockFile["states"]![0]!["schemas"]!.AsArray().Add(new JsonObject { ["name"] = "CloudProviderAccessAWSIAMRole", ["properties"] = new JsonArray("roleId", "old" + Payload) });

        var outcome = GeneratorHarness.Run(new[] { SpecFile.Fragment() with { Lock = lockFile.ToJsonString() } }, GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose));

        Assert.Equal(new[] { "ATLAS041", "ATLAS043" }, outcome.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Empty(outcome.CompilationProblems());
        Assert.Empty(outcome.EmitProblems());
        Assert.DoesNotContain(outcome.Output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()), n => n is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax c && c.Identifier.Text == "Injected");
    }

    [Theory]
    [InlineData("{\"atlasSpecLock\": 100000000000000000000}")]
    [InlineData("{\"atlasSpecLock\": 1, \"states\": [ { \"operations\": [ { \"method\": 7, \"path\": [], \"operationId\": {} } ] } ]}")]
    [InlineData("{\"atlasSpecLock\": 1, \"states\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public void A_lock_of_the_wrong_shape_is_ATLAS040_not_a_crash(string text)
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { Lock = text });

        Assert.Equal("ATLAS040", Assert.Single(outcome.GeneratorDiagnostics).Id);
        Assert.Empty(outcome.CompilationProblems());
    }

    [Fact]
    public void Editing_the_lock_re_emits_only_the_previous_names()
    {
        SpecFile spec = SpecFile.Fragment() with { Lock = LockOf(History) };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { spec });
        CSharpCompilation compilation = GeneratorHarness.Compilation();
        driver = driver.RunGenerators(compilation);

        JsonObject edited = JsonNode.Parse(spec.Lock!)!.AsObject();
        edited["states"]![0]!["operations"]![0]!["operationId"] = "listRolesOfOld";
        AdditionalText original = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.SpecLocks].Single().Inputs.Single().Source.Outputs.Single().Value is ValueTuple<AdditionalText, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider> pair
            ? pair.Item1
            : throw new InvalidOperationException("unexpected step input");
        driver = driver.ReplaceAdditionalText(original, new EditedText(original.Path, edited.ToJsonString()));
        driver = driver.RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps[TrackingNames.Specs].SelectMany(step => step.Outputs), output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Contains(result.TrackedSteps[TrackingNames.PreviousNames].SelectMany(step => step.Outputs), output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("ListRolesOfOldAsync", result.GeneratedSources.Single(s => s.HintName == "Contoso.Atlas.AtlasPreviousNames.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The lock file of a spec state, written here from the format's description (docs/spec-updates.md) and not by the
    /// tool, so the generator is held to the format rather than to the tool's reading of it.
    /// </summary>
    internal static string LockOf(string specText)
    {
        JsonNode spec = JsonNode.Parse(specText)!;
        var operations = new JsonArray();
        foreach ((string path, JsonNode? item) in spec["paths"]!.AsObject())
        {
            foreach ((string method, JsonNode? operation) in item!.AsObject())
            {
                operations.Add(new JsonObject
                {
                    ["method"] = method.ToUpperInvariant(),
                    ["path"] = path,
                    ["operationId"] = (string)operation!["operationId"]!,
                    ["override"] = operation["x-xgen-operation-id-override"]?.GetValue<string>(),
                    ["tag"] = operation["tags"]?[0]?.GetValue<string>(),
                });
            }
        }

        var schemas = new JsonArray();
        foreach ((string name, JsonNode? schema) in spec["components"]!["schemas"]!.AsObject())
        {
            schemas.Add(new JsonObject { ["name"] = name, ["properties"] = new JsonArray((schema!["properties"]?.AsObject().Select(p => (JsonNode?)p.Key) ?? []).ToArray()) });
        }

        return new JsonObject
        {
            ["atlasSpecLock"] = 1,
            ["states"] = new JsonArray(new JsonObject
            {
                ["version"] = (string)spec["info"]!["version"]!,
                ["sha"] = spec["info"]!["x-xgen-sha"]?.GetValue<string>(),
                ["operations"] = operations,
                ["schemas"] = schemas,
            }),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    internal static GeneratorHarness.GeneratorOutcome RunWithConsumer(SpecFile spec, string consumer)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { spec });
        CSharpCompilation compilation = GeneratorHarness.Compilation(null, consumer)
            .WithOptions(GeneratorHarness.Compilation().Options.WithGeneralDiagnosticOption(ReportDiagnostic.Default));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var driverDiagnostics);
        return new GeneratorHarness.GeneratorOutcome(driver, driver.GetRunResult(), output, driverDiagnostics);
    }

    private static async Task<List<string>> RequestsOf(SpecFile spec, string consumer)
    {
        var outcome = RunWithConsumer(spec, consumer);
        Assert.DoesNotContain(outcome.CompilationProblems(), d => d.Severity == DiagnosticSeverity.Error);
        using var assembly = CompiledAssembly.Load(outcome.Output);
        var (client, handler) = assembly.CreateClient("Contoso.Atlas", request => new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new System.Net.Http.StringContent("""{"providerName":"AWS","roleId":"62b6e34b3d91647abb20e7b9"}""", System.Text.Encoding.UTF8, "application/json"),
        });
        MethodInfo call = assembly.Assembly.GetType("Caller", throwOnError: true)!.GetMethod("CallAsync")!;
        try
        {
            await (Task)call.Invoke(null, new[] { client })!;
        }
        catch (AtlasAccessGen.Runtime.AtlasApiException)
        {
            // The answers do not matter, only the requests; the list's answer is not a list, say.
        }

        return handler.Requests.Select(r => $"{r.Method} {r.PathAndQuery} Accept: {string.Join(", ", r.Accept)} Content-Type: {r.ContentType} {r.Body}").ToList();
    }
}
