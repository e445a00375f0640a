using System.Linq;

namespace AtlasAccessGen.Generator.Model
{
    /// <summary>
    /// The names the generated code declares or uses itself, in each scope a spec name can land in. A name from
    /// the spec never takes one of these: it gets the next free suffix instead (<c>Dispose</c> -> <c>Dispose2</c>).
    /// </summary>
    internal static class GeneratedNames
    {
        /// <summary>The namespace, below the spec's, that holds the converters and JSON helpers.</summary>
        public const string SerializationNamespace = "Serialization";

        /// <summary>
        /// The longest name generated from spec text before it is cut and given a hash of the whole name; short of
        /// C#'s 512-character identifiers and metadata's 1,024-byte type names with every suffix the generator adds.
        /// </summary>
        public const int MaxSpecNameLength = 128;

        /// <summary>The longest composed type name (an inline schema is named after its owner and property, nested without end).</summary>
        public const int MaxTypeNameLength = 160;

        /// <summary>What every class and struct inherits from <c>object</c>: a property of the same name would hide it (CS0108).</summary>
        public static readonly string[] ObjectMembers = { "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize" };

        /// <summary>
        /// Types beside the models in the spec's namespace, and the namespace below it; and <c>AdditionalProperties</c>,
        /// a member of every root class, which no class of that name could declare (CS0542).
        /// </summary>
        public static readonly string[] Types =
        {
            SerializationNamespace, "AtlasJson", "AtlasJsonReader", "AtlasJsonWriter", "AtlasJsonNames", "AtlasJsonValueReader", "AtlasJsonValueWriter", "AtlasClient", "IAtlasClient", "AtlasServiceCollectionExtensions", "CloudProviderAccessWorkflows", "AtlasPreviousNames",
            "AdditionalProperties",
        };

        /// <summary>
        /// Members of a generated class: <c>RawJson</c> is what the unknown variant of a polymorphic base adds,
        /// <c>AdditionalProperties</c> what every root class declares for the JSON properties its spec does not.
        /// </summary>
        public static readonly string[] ObjectProperties = ObjectMembers.Concat(new[] { "RawJson", "AdditionalProperties" }).ToArray();

        /// <summary>Members of a generated extensible enum.</summary>
        public static readonly string[] EnumMembers = ObjectMembers.Concat(new[] { "Value", "IsKnown", "KnownValues" }).ToArray();

        /// <summary>Members of <c>AtlasClient</c> besides one property per tag.</summary>
        public static readonly string[] ClientProperties = ObjectMembers.Concat(new[] { "AtlasClient", "Transport", "PinnedApiVersion", "Dispose" }).ToArray();

        /// <summary>
        /// Parameters and locals every generated client method has; <c>nameof</c>, because a parameter of that name
        /// would turn the method's <c>nameof(...)</c> argument checks into calls of it.
        /// </summary>
        public static readonly string[] Parameters = { "options", "cancellationToken", "request", "body", "item", "nameof" };
    }
}
