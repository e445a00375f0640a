namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// The bounds a spec must stay within, checked on the text before any recursive parser sees it, so that
    /// no input can overflow the compiler's stack (1 MB on Windows) or make it expand a document without end.
    /// Each limit is far above what the real Atlas Admin API v2 spec needs (measured on
    /// tests/specs/atlas-api-v2.json, 4.08 MB, 1,145 schemas).
    /// </summary>
    internal static class SpecLimits
    {
        /// <summary>
        /// How deep objects and arrays may nest (the root object is level 1). The real spec's deepest value is at
        /// level 16 (an example under <c>createGroupCluster</c>). Json.NET's recursive deserialization, as NJsonSchema
        /// drives it, overflows a 1 MB stack at about 125 levels, and the YamlDotNet serializer NSwag uses to turn
        /// YAML into JSON refuses 50; 48 is three times what the spec needs and below both.
        /// </summary>
        public const int MaxNestingDepth = 48;

        /// <summary>The stack the limits are made for: the parse runs on a thread with this stack (<see cref="ParseJob"/>) or on the compiler's own.</summary>
        public const int StackSize = 1024 * 1024;

        /// <summary>
        /// How many nodes YAML aliases may add to the document when expanded. The real spec uses no aliases; a
        /// "billion laughs" document of ten lines expands to billions. 100,000 nodes is a fifth of the whole spec.
        /// </summary>
        public const long MaxAliasExpandedNodes = 100_000;

        /// <summary>
        /// How many classes an inheritance chain (allOf base or discriminator mapping) may have above a class. The
        /// real spec's deepest chain has one base; each level repeats every inherited property in the converter,
        /// so the generated size of a chain grows with the square of its depth.
        /// </summary>
        public const int MaxInheritanceDepth = 16;
    }
}
