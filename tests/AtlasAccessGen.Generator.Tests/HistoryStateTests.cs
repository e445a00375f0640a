using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// Upstream's whole API as it was on 2025-08-26 (before every operationId was renamed): it generates clean on its own,
/// and its lock on today's whole API keeps every old name compiling, as it does for the fragment.
/// </summary>
public class HistoryStateTests
{
    private static readonly string OldWholeApi = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", "history", "atlas-api-v2-2025-08-26.json"));

    private readonly ITestOutputHelper _output;

    public HistoryStateTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_2025_08_26_whole_api_generates_and_compiles_clean()
    {
        var outcome = GeneratorHarness.Run(
            new[] { new SpecFile("/specs/atlas-api-v2-2025-08-26.json", OldWholeApi, "Contoso.OldApi") },
            GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose));

        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.True(outcome.Sources.Count > 800, "only " + outcome.Sources.Count + " files");
    }

    [Fact]
    public void Todays_whole_api_with_the_lock_of_2025_08_26_compiles_and_names_each_removed_operation()
    {
        var outcome = GeneratorHarness.Run(
            new[] { new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, "Contoso.AtlasApi", Lock: PreviousNamesTests.LockOf(OldWholeApi)) },
            GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose));

        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);

        // Counted independently: method + path in the old document and not in today's.
        var removed = OperationKeys(OldWholeApi).Except(OperationKeys(Specs.FullApi)).ToList();
        Assert.Equal(22, removed.Count);
        Assert.Equal(removed.Order(StringComparer.Ordinal), outcome.GeneratorDiagnostics.Where(d => d.Id == "ATLAS041").Select(d => d.GetMessage().Split(" the operation ")[1].Split(" ('")[0]).Order(StringComparer.Ordinal));

        string previousNames = outcome.Source("Contoso.AtlasApi.AtlasPreviousNames.g.cs");
        int forwarders = previousNames.Split("[global::System.Obsolete(\"Renamed to ", StringSplitOptions.None).Length - 1;
        _output.WriteLine($"{forwarders} forwarders, {removed.Count} removed operations, {previousNames.Split('\n').Length} lines");
        Assert.True(forwarders >= 300, forwarders + " forwarders");
    }

    private static IEnumerable<string> OperationKeys(string spec)
    {
        using JsonDocument document = JsonDocument.Parse(spec);
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => m.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace").Select(m => m.Name.ToUpperInvariant() + " " + path.Name))
            .ToList();
    }
}
