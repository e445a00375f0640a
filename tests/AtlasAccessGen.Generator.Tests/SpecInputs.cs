using AtlasAccessGen.Generator.Input;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>Inputs for tests of the parser alone (GeneratorHarness.cs is shared with a project that cannot see the generator's internals).</summary>
internal static class SpecInputs
{
    /// <summary>What the pipeline's first stage reads from an item at /specs/spec.json with <paramref name="text"/>.</summary>
    public static SpecInput For(string text) => new(
        "/specs/spec.json",
        text,
        "Contoso.Atlas",
        null,
        ImmutableEquatableArray<string>.Empty,
        ImmutableEquatableArray<string>.Empty,
        ImmutableEquatableArray<Diagnostics.DiagnosticInfo>.Empty,
        new SpecOrigin(null, "spec.json", null, false, false));
}
