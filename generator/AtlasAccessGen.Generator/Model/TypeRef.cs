namespace AtlasAccessGen.Generator.Model
{
    internal enum TypeKind
    {
        String,
        Int32,
        Int64,
        Double,
        Single,
        Boolean,
        DateTimeOffset,
        Guid,
        /// <summary>Untyped or unsupported JSON, kept raw as a <c>JsonElement</c>.</summary>
        Json,
        /// <summary>A generated class (<see cref="TypeRef.Name"/>).</summary>
        Object,
        /// <summary>A generated extensible string enum (<see cref="TypeRef.Name"/>).</summary>
        Enum,
        /// <summary>A list of <see cref="TypeRef.Item"/>.</summary>
        Array,
        /// <summary>A string-keyed dictionary of <see cref="TypeRef.Item"/>.</summary>
        Map,
    }

    /// <summary>The C#-side type of a property or item, by kind and generated type name.</summary>
    internal sealed record TypeRef(TypeKind Kind, string? Name = null, TypeRef? Item = null)
    {
        public static TypeRef String { get; } = new TypeRef(TypeKind.String);

        public static TypeRef Json { get; } = new TypeRef(TypeKind.Json);

        public bool IsValueType => Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Single
            or TypeKind.Boolean or TypeKind.DateTimeOffset or TypeKind.Guid or TypeKind.Json or TypeKind.Enum;
    }
}
