using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>The whole upstream v2 API (540 operations, 1,145 schemas) proves the generator is general.</summary>
public class FullApiTests
{
    [Fact]
    public void Whole_api_generates_and_compiles_with_no_errors_or_warnings()
    {
        // XML docs checked too: the spec's CommonMark (links, code spans) becomes doc markup that must be well formed.
        var outcome = GeneratorHarness.Run(
            new[] { new SpecFile("/specs/atlas-api-v2.json", Specs.FullApi, "Contoso.AtlasApi") },
            GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose));

        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.True(outcome.Sources.Count > 1000, "only " + outcome.Sources.Count + " files");
    }
}
