namespace AtlasAccessGen.Generator.Model
{
    /// <summary>An extensible string enum: known values become static members, unknown ones are kept.</summary>
    internal sealed record EnumModel(string Name, string JsonPointer, string? Description, ImmutableEquatableArray<EnumMemberModel> Members);

    internal sealed record EnumMemberModel(string Name, string Value);
}
