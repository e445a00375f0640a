using AtlasAccessGen.Generator.Diagnostics;

namespace AtlasAccessGen.Generator.Input
{
    /// <summary>
    /// One <c>AtlasApiSpec</c> item: the spec text and the options that shape its output. Equatable by
    /// value (the text is compared as a string), so parsing reruns only when text or options change.
    /// </summary>
    /// <param name="Path">The full path of the spec file, for diagnostics.</param>
    /// <param name="Text">The spec's content; null when the file could not be read.</param>
    /// <param name="Namespace">The namespace of the generated code.</param>
    /// <param name="ApiVersion">The pinned API version (a date, or <c>preview</c>), if any.</param>
    /// <param name="Tags">Only operations with one of these tags are emitted (empty: all).</param>
    /// <param name="Operations">Only these operations are emitted (empty: all).</param>
    /// <param name="MetadataErrors">Problems with the item's metadata, reported instead of generating.</param>
    /// <param name="Origin">Where the item and its values are written, for diagnostics about them.</param>
    internal sealed record SpecInput(
        string Path,
        string? Text,
        string Namespace,
        string? ApiVersion,
        ImmutableEquatableArray<string> Tags,
        ImmutableEquatableArray<string> Operations,
        ImmutableEquatableArray<DiagnosticInfo> MetadataErrors,
        SpecOrigin Origin)
    {
        public string FileName => System.IO.Path.GetFileName(Path);
    }
}
