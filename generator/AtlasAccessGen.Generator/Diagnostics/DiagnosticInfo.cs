using Microsoft.CodeAnalysis;

namespace AtlasAccessGen.Generator.Diagnostics
{
    /// <summary>
    /// An equatable diagnostic: the descriptor, its message arguments as strings, and where it points.
    /// <see cref="JsonPointer"/> is kept until the spec's line map resolves it into <see cref="Location"/>;
    /// <see cref="Anchor"/> (a problem with project metadata or a property) until the project file's map does.
    /// </summary>
    internal sealed record DiagnosticInfo(
        DiagnosticDescriptor Descriptor,
        ImmutableEquatableArray<string> MessageArgs,
        string? JsonPointer,
        LocationInfo? Location,
        Input.ProjectAnchor? Anchor = null)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string? jsonPointer, params string[] messageArgs) =>
            new DiagnosticInfo(descriptor, messageArgs.ToImmutableEquatableArray(), jsonPointer, null);

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.ToObjectArray());
    }

    internal static class DiagnosticInfoExtensions
    {
        public static object[] ToObjectArray(this ImmutableEquatableArray<string> values)
        {
            var result = new object[values.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = values[i];
            }

            return result;
        }
    }
}
