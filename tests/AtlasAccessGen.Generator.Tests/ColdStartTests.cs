using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// The warm-up <see cref="AtlasApiGenerator.Initialize"/> starts (#16) only saves time while its built-in spec takes
/// the road a real spec takes; a spec that stopped parsing cleanly would lose the saving without any other test noticing.
/// </summary>
public class ColdStartTests
{
    [Fact]
    public void The_warm_up_spec_takes_a_full_run_to_code_that_compiles()
    {
        GeneratorHarness.GeneratorOutcome outcome = GeneratorHarness.Run(new SpecFile("/warm-up/spec.json", ColdStart.Spec));

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        Assert.Contains(outcome.Sources, source => source.HintName.EndsWith("ThingsClient.g.cs", System.StringComparison.Ordinal));
        Assert.Equal(outcome.Sources.Count, ColdStart.WarmUp());
    }
}
