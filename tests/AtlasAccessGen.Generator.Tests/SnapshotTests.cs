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
}
