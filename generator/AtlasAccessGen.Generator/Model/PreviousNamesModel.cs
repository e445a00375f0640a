using AtlasAccessGen.Generator.Diagnostics;

namespace AtlasAccessGen.Generator.Model
{
    /// <summary>
    /// What code written against an earlier state of the spec needs so it keeps compiling: forwarders for renamed
    /// methods, and explaining stubs for removed ones and removed properties. Built from the spec's lock file.
    /// </summary>
    /// <param name="LockFileName">The lock file, named in the generated docs and messages.</param>
    internal sealed record PreviousNamesModel(
        string LockFileName,
        ImmutableEquatableArray<RenamedOperation> Renamed,
        ImmutableEquatableArray<RemovedOperation> Removed,
        ImmutableEquatableArray<RemovedProperty> RemovedProperties,
        ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
    {
        public bool IsEmpty => Renamed.Count == 0 && Removed.Count == 0 && RemovedProperties.Count == 0;
    }

    /// <summary>An operation (same method and path) whose method had another name in an earlier state.</summary>
    /// <param name="OldMethodName">Without <c>Async</c>.</param>
    /// <param name="OldSpecName">The operationId (or override) the old name came from.</param>
    /// <param name="Since">The earlier state, as messages name it.</param>
    internal sealed record RenamedOperation(string ClientTypeName, string OperationKey, string OldMethodName, string OldSpecName, string Since);

    /// <summary>An operation of an earlier state that no longer exists; its client (by the old tag) may still.</summary>
    internal sealed record RemovedOperation(string ClientTypeName, string OperationKey, string OldMethodName, string OldSpecName, string Since);

    /// <summary>A property of an earlier state's schema that the schema no longer has.</summary>
    internal sealed record RemovedProperty(string TypeName, string JsonName, string OldPropertyName, string Since);
}
