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

        /// <summary>An expression that reads a value at the reader's current token; arrays and maps through a reader of their items.</summary>
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
            TypeKind.Array => "AtlasJsonReader.List<" + TypeName(type.Item!) + ">(ref reader, " + ItemReader(type.Item!) + ")",
            TypeKind.Map => "AtlasJsonReader.Map<" + TypeName(type.Item!) + ">(ref reader, " + ItemReader(type.Item!) + ")",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
        };

        /// <summary>The method (an <c>AtlasJsonValueReader</c>) that reads one item of an array or map.</summary>
        private string ItemReader(TypeRef type) => type.Kind switch
        {
            TypeKind.Object or TypeKind.Enum => Converter(type.Name!) + ".ReadValue",
            TypeKind.Array or TypeKind.Map => "static (ref global::System.Text.Json.Utf8JsonReader reader) => " + ReadExpression(type),
            _ => "AtlasJsonReader." + type.Kind + "Value",
        };

        /// <summary>The method (an <c>AtlasJsonValueWriter</c>) that writes one item of an array or map.</summary>
        private string ItemWriter(TypeRef type) => type.Kind switch
        {
            TypeKind.Object => Converter(type.Name!) + ".WriteValue",
            TypeKind.Enum => "static (writer, value, writeReadOnly) => writer.WriteStringValue(value.Value)",
            TypeKind.Array => "static (writer, value, writeReadOnly) => AtlasJsonWriter.ListValue<" + TypeName(type.Item!) + ">(writer, value, " + ItemWriter(type.Item!) + ", writeReadOnly)",
            TypeKind.Map => "static (writer, value, writeReadOnly) => AtlasJsonWriter.MapValue<" + TypeName(type.Item!) + ">(writer, value, " + ItemWriter(type.Item!) + ", writeReadOnly)",
            _ => "AtlasJsonWriter." + type.Kind + "Value",
        };

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
