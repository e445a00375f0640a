namespace AtlasAccessGen.Generator.Model
{
    /// <summary>A generated class: a schema of type object, possibly in an inheritance hierarchy.</summary>
    /// <param name="Name">The C# type name.</param>
    /// <param name="JsonPointer">Where the schema is declared, for docs and diagnostics.</param>
    /// <param name="BaseName">The generated base class, if any.</param>
    /// <param name="DeclaredProperties">Properties this class declares, in spec order.</param>
    /// <param name="AllProperties">Inherited then declared properties: the order the converter writes them in.</param>
    /// <param name="Discriminator">Set on a polymorphic base: how to pick the derived type.</param>
    /// <param name="DiscriminatorValues">Set on a derived type: the discriminator values that select it (first is the default).</param>
    /// <param name="IsSealed">No other generated type derives from this one.</param>
    /// <param name="UnknownVariantOf">Set on the generated fallback variant that keeps the raw JSON of an unknown discriminator value.</param>
    internal sealed record ObjectModel(
        string Name,
        string JsonPointer,
        string? Description,
        string? BaseName,
        ImmutableEquatableArray<PropertyModel> DeclaredProperties,
        ImmutableEquatableArray<PropertyModel> AllProperties,
        DiscriminatorModel? Discriminator,
        DiscriminatorValueModel? DiscriminatorValues,
        bool IsSealed,
        string? UnknownVariantOf)
    {
        public bool IsAbstract => Discriminator is not null;
    }

    /// <summary>A JSON property of a generated class.</summary>
    internal sealed record PropertyModel(
        string JsonName,
        string Name,
        TypeRef Type,
        bool IsRequired,
        bool IsNullable,
        bool IsReadOnly,
        string? Description)
    {
        /// <summary>Whether the C# property admits null: optional (unset) or nullable in the spec.</summary>
        public bool AllowsNull => !IsRequired || IsNullable;
    }

    /// <summary>The discriminator of a polymorphic base type.</summary>
    /// <param name="JsonName">The discriminating JSON property.</param>
    /// <param name="PropertyName">The C# property that exposes it on the base.</param>
    /// <param name="Type">String or the generated enum of its values.</param>
    /// <param name="IsReadOnly">The spec marks the discriminator readOnly (server-assigned).</param>
    /// <param name="IsRequired">The spec lists the discriminator in <c>required</c>: an object without it is invalid, not unknown.</param>
    /// <param name="Cases">Each discriminator value with the derived type it selects, in spec order.</param>
    /// <param name="UnknownTypeName">The variant that keeps values the spec does not know.</param>
    internal sealed record DiscriminatorModel(
        string JsonName,
        string PropertyName,
        TypeRef Type,
        string? Description,
        bool IsReadOnly,
        bool IsRequired,
        ImmutableEquatableArray<DiscriminatorCase> Cases,
        string UnknownTypeName);

    internal sealed record DiscriminatorCase(string Value, string TypeName);

    /// <summary>On a derived type: the base's discriminator and the values that select this type.</summary>
    internal sealed record DiscriminatorValueModel(
        string JsonName,
        string PropertyName,
        TypeRef Type,
        bool IsReadOnly,
        bool IsRequired,
        string UnknownTypeName,
        ImmutableEquatableArray<string> Values);
}
