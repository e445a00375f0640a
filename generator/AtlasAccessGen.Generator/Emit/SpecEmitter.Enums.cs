using System.Linq;
using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        /// <summary>
        /// Enums are string-backed structs rather than C# enums: upstream adds values over time
        /// (featureType ATLAS_LOG_INTEGRATION in 2026), and a client built against an older spec must
        /// still read, compare and write back a value it has never seen.
        /// </summary>
        private void WriteEnum(SourceWriter writer, EnumModel model)
        {
            string type = Global(model.Name);
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            WriteSummary(writer, model.Description, "The values of <c>" + model.Name + "</c>.");
            string shared = model.MergedNames.Count == 0 ? string.Empty
                : " Every inline enum of the spec with these values is this type; alone, they would be named "
                    + string.Join(", ", model.MergedNames.Take(model.MergedNames.Count - 1).Select(n => "<c>" + XmlDoc(n) + "</c>"))
                    + (model.MergedNames.Count > 1 ? " and " : string.Empty) + "<c>" + XmlDoc(model.MergedNames[model.MergedNames.Count - 1]) + "</c>.";
            writer.WriteLine("/// <remarks>An extensible enum: values this client does not know are kept as they are and written back unchanged." + shared + "</remarks>");
            writer.WriteLine($"public readonly partial struct {model.Name} : global::System.IEquatable<{type}>");
            writer.OpenBrace();
            writer.WriteLine("private readonly string? _value;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Wraps a value, known to this client or not.</summary>");
            writer.WriteLine("/// <param name=\"value\">The value as it is sent on the wire.</param>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"value\"/> is null.</exception>");
            writer.WriteLine($"public {model.Name}(string value)");
            writer.OpenBrace();
            writer.WriteLine("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
            writer.CloseBrace();
            // Each value's C# literal is written twice below (property, the converter's names).
            string[] literals = model.Members.Select(member => Literal(member.Value)).ToArray();
            writer.WriteLine();
            for (int i = 0; i < model.Members.Count; i++)
            {
                EnumMemberModel member = model.Members[i];
                writer.WriteLine($"/// <summary>The value <c>{XmlDoc(member.Value)}</c>.</summary>");
                writer.WriteLine($"public static {type} {member.Name} {{ get; }} = new {type}({literals[i]});");
            }

            writer.WriteLine();
            writer.WriteLine("/// <summary>Every value this client knows, in spec order.</summary>");
            writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{type}> KnownValues {{ get; }} = new {type}[] {{ {string.Join(", ", model.Members.Select(m => m.Name))} }};");
            writer.WriteLine();
            writer.WriteLine("/// <summary>The value as it is sent on the wire (empty for <c>default</c>).</summary>");
            writer.WriteLine("public string Value => _value ?? string.Empty;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Whether this client knows the value.</summary>");
            writer.WriteLine(literals.Length == 0 ? "public bool IsKnown => false;" : $"public bool IsKnown => {Converter(model.Name)}.Values.Contains(Value);");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"public bool Equals({type} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"public override bool Equals(object? obj) => obj is {type} other && Equals(other);");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>The value as it is sent on the wire.</summary>");
            writer.WriteLine("public override string ToString() => Value;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Compares two values ordinally.</summary>");
            writer.WriteLine($"public static bool operator ==({type} left, {type} right) => left.Equals(right);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Compares two values ordinally.</summary>");
            writer.WriteLine($"public static bool operator !=({type} left, {type} right) => !left.Equals(right);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Wraps a value, known to this client or not.</summary>");
            writer.WriteLine($"public static implicit operator {type}(string value) => new {type}(value);");
            writer.CloseBrace();
            writer.CloseBrace();
            writer.WriteLine();
            writer.WriteLine($"namespace {_serializationNs}");
            writer.OpenBrace();
            writer.WriteLine($"/// <summary>Reads and writes <see cref=\"{type}\"/>; known values are matched without allocating.</summary>");
            writer.WriteLine($"internal sealed class {model.Name}Converter : global::System.Text.Json.Serialization.JsonConverter<{type}>");
            writer.OpenBrace();
            WriteNamesTable(writer, "Values", literals, "internal");
            if (literals.Length > 0)
            {
                writer.WriteLine();
            }

            WriteConverterOverrides(writer, type, "writer.WriteStringValue(value.Value)");
            writer.WriteLine();
            writer.WriteLine($"internal static {type} ReadValue(ref global::System.Text.Json.Utf8JsonReader reader)");
            writer.OpenBrace();
            writer.WriteLine("AtlasJsonReader.Expect(ref reader, global::System.Text.Json.JsonTokenType.String);");
            if (literals.Length > 0)
            {
                // Values lists the values in KnownValues' order.
                writer.WriteLine("int known = Values.IndexOf(ref reader);");
                writer.WriteLine($"return known >= 0 ? {type}.KnownValues[known] : new {type}(reader.GetString()!);");
            }
            else
            {
                writer.WriteLine($"return new {type}(reader.GetString()!);");
            }
            writer.CloseBrace();
            writer.CloseBrace();
            writer.CloseBrace();
        }
    }
}
