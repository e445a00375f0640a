namespace AtlasAccessGen.Generator.Model
{
    /// <summary>An extensible string enum: known values become static members, unknown ones are kept.</summary>
    /// <param name="MergedNames">The inline enums of the same values that share this type, by the names they would have had alone.</param>
    internal sealed record EnumModel(string Name, string JsonPointer, string? Description, ImmutableEquatableArray<EnumMemberModel> Members, ImmutableEquatableArray<string> MergedNames);

    internal sealed record EnumMemberModel(string Name, string Value);
}
