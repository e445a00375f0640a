using System;
using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        private string TypeName(TypeRef type) => type.Kind switch
        {
            TypeKind.String => "string",
            TypeKind.Int32 => "int",
            TypeKind.Int64 => "long",
            TypeKind.Double => "double",
            TypeKind.Single => "float",
            TypeKind.Boolean => "bool",
            TypeKind.DateTimeOffset => "global::System.DateTimeOffset",
            TypeKind.Guid => "global::System.Guid",
            TypeKind.Json => "global::System.Text.Json.JsonElement",
            TypeKind.Object or TypeKind.Enum => Global(type.Name!),
            TypeKind.Array => "global::System.Collections.Generic.IList<" + TypeName(type.Item!) + ">",
            TypeKind.Map => "global::System.Collections.Generic.IDictionary<string, " + TypeName(type.Item!) + ">",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        private string PropertyTypeName(PropertyModel property) => TypeName(property.Type) + (property.AllowsNull ? "?" : string.Empty);

        private string ConcreteCollectionName(TypeRef type) => type.Kind switch
        {
            TypeKind.Array => "global::System.Collections.Generic.List<" + TypeName(type.Item!) + ">",
            TypeKind.Map => "global::System.Collections.Generic.Dictionary<string, " + TypeName(type.Item!) + ">",
            _ => TypeName(type),
        };

        /// <summary>An expression that reads a scalar, object or enum value at the reader's current token.</summary>
        private string ReadExpression(TypeRef type) => type.Kind switch
        {
            TypeKind.String => "reader.GetString()!",
            TypeKind.Int32 => "reader.GetInt32()",
            TypeKind.Int64 => "reader.GetInt64()",
            TypeKind.Double => "reader.GetDouble()",
            TypeKind.Single => "reader.GetSingle()",
            TypeKind.Boolean => "reader.GetBoolean()",
            TypeKind.DateTimeOffset => "reader.GetDateTimeOffset()",
            TypeKind.Guid => "reader.GetGuid()",
            TypeKind.Json => "global::System.Text.Json.JsonElement.ParseValue(ref reader)",
            TypeKind.Object or TypeKind.Enum => Converter(type.Name!) + ".ReadValue(ref reader)",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        /// <summary>
        /// Writes statements that read the value at the reader's current token into <paramref name="target"/>;
        /// arrays and maps loop, so they are statements rather than expressions.
        /// </summary>
        private void WriteRead(SourceWriter writer, TypeRef type, string target, int depth)
        {
            if (type.Kind is not (TypeKind.Array or TypeKind.Map))
            {
                writer.WriteLine($"{target} = {ReadExpression(type)};");
                return;
            }

            string collection = "collection" + depth;
            string item = "item" + depth;
            bool isArray = type.Kind == TypeKind.Array;
            writer.WriteLine($"var {collection} = new {ConcreteCollectionName(type)}();");
            writer.WriteLine($"AtlasJsonReader.Expect(ref reader, global::System.Text.Json.JsonTokenType.{(isArray ? "StartArray" : "StartObject")});");
            writer.WriteLine($"while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.{(isArray ? "EndArray" : "EndObject")})");
            writer.OpenBrace();
            if (!isArray)
            {
                writer.WriteLine($"string key{depth} = reader.GetString()!;");
                writer.WriteLine("reader.Read();");
            }

            writer.WriteLine($"{TypeName(type.Item!)} {item};");
            WriteRead(writer, type.Item!, item, depth + 1);
            writer.WriteLine(isArray ? collection + ".Add(" + item + ");" : collection + "[key" + depth + "] = " + item + ";");
            writer.CloseBrace();
            writer.WriteLine($"{target} = {collection};");
        }

        /// <summary>Writes statements that write <paramref name="value"/> (of a non-nullable type) as a JSON value.</summary>
        private void WriteValue(SourceWriter writer, TypeRef type, string value, int depth)
        {
            switch (type.Kind)
            {
                case TypeKind.String:
                    writer.WriteLine($"writer.WriteStringValue({value});");
                    break;
                case TypeKind.Int32:
                case TypeKind.Int64:
                case TypeKind.Double:
                case TypeKind.Single:
                    writer.WriteLine($"writer.WriteNumberValue({value});");
                    break;
                case TypeKind.Boolean:
                    writer.WriteLine($"writer.WriteBooleanValue({value});");
                    break;
                case TypeKind.Guid:
                    writer.WriteLine($"writer.WriteStringValue({value});");
                    break;
                case TypeKind.DateTimeOffset:
                    writer.WriteLine($"AtlasJsonWriter.WriteDateTimeValue(writer, {value});");
                    break;
                case TypeKind.Json:
                    writer.WriteLine($"{value}.WriteTo(writer);");
                    break;
                case TypeKind.Enum:
                    writer.WriteLine($"writer.WriteStringValue({value}.Value);");
                    break;
                case TypeKind.Object:
                    writer.WriteLine($"{Converter(type.Name!)}.WriteValue(writer, {value}, writeReadOnly);");
                    break;
                case TypeKind.Array:
                    string list = "list" + depth;
                    string index = "i" + depth;
                    writer.WriteLine($"var {list} = {value};");
                    writer.WriteLine("writer.WriteStartArray();");
                    writer.WriteLine($"for (int {index} = 0; {index} < {list}.Count; {index}++)");
                    writer.OpenBrace();
                    WriteItem(writer, type.Item!, list + "[" + index + "]", depth + 1);
                    writer.CloseBrace();
                    writer.WriteLine("writer.WriteEndArray();");
                    break;
                case TypeKind.Map:
                    string entry = "entry" + depth;
                    writer.WriteLine("writer.WriteStartObject();");
                    writer.WriteLine($"foreach (var {entry} in {value})");
                    writer.OpenBrace();
                    writer.WriteLine($"writer.WritePropertyName({entry}.Key);");
                    WriteItem(writer, type.Item!, entry + ".Value", depth + 1);
                    writer.CloseBrace();
                    writer.WriteLine("writer.WriteEndObject();");
                    break;
            }
        }

        /// <summary>Items of reference type may still be null at run time (the annotations are not enforced).</summary>
        private void WriteItem(SourceWriter writer, TypeRef type, string value, int depth)
        {
            if (type.IsValueType)
            {
                WriteValue(writer, type, value, depth);
                return;
            }

            string local = "value" + depth;
            writer.WriteLine($"if ({value} is {{ }} {local})");
            writer.OpenBrace();
            WriteValue(writer, type, local, depth);
            writer.CloseBrace();
            writer.WriteLine("else");
            writer.OpenBrace();
            writer.WriteLine("writer.WriteNullValue();");
            writer.CloseBrace();
        }

        /// <summary>The C# expression for a discriminator value: the enum's static member when the value is known.</summary>
        private string DiscriminatorValueExpression(TypeRef type, string value)
        {
            if (type.Kind == TypeKind.Enum && _enums.TryGetValue(type.Name!, out EnumModel? model))
            {
                foreach (EnumMemberModel member in model.Members)
                {
                    if (member.Value == value)
                    {
                        return Global(model.Name) + "." + member.Name;
                    }
                }

                return "new " + Global(model.Name) + "(" + Literal(value) + ")";
            }

            return Literal(value);
        }
    }
}
