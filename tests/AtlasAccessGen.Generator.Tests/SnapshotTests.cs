using System.Linq;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

public class SnapshotTests
{
    [Fact]
    public void CloudProviderAccess()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment());

        SnapshotAssert.Matches(outcome.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), nameof(SnapshotTests));
    }

    /// <summary>The forwarders of the 2025-08-26 -> today upgrade (the rest of the output is the fragment's, above).</summary>
    [Fact]
    public void CloudProviderAccessPreviousNames()
    {
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { Lock = PreviousNamesTests.LockOf(PreviousNamesTests.History) });

        SnapshotAssert.Matches(outcome.Sources.Where(s => s.HintName.Contains("AtlasPreviousNames", System.StringComparison.Ordinal)).ToDictionary(s => s.HintName, s => s.SourceText.ToString()), nameof(SnapshotTests));
    }
}
