using AtlasAccessGen.Generator.Model;
using static AtlasAccessGen.Generator.Emit.CSharpText;

namespace AtlasAccessGen.Generator.Emit
{
    internal sealed partial class SpecEmitter
    {
        /// <summary>
        /// The resolver is written by hand here rather than by the System.Text.Json source generator,
        /// which cannot see types that another generator emits. Each type gets a
        /// <c>JsonMetadataServices.CreateValueInfo</c> over its converter: no reflection, so it trims and AOT-compiles.
        /// </summary>
        private void WriteResolver(SourceWriter writer)
        {
            writer.WriteLine($"namespace {_ns}");
            writer.OpenBrace();
            writer.WriteBlock($$"""
                /// <summary>
                /// System.Text.Json metadata for every type generated from {{XmlDoc(_spec.SpecFileName)}}, built without reflection
                /// (trimming- and AOT-safe). Use <see cref="Default"/> for request bodies and <see cref="Complete"/> to write
                /// every property, e.g. in a fake server: read then written with <see cref="Complete"/>, a body comes back whole,
                /// with the properties the spec does not declare (kept in each model's <c>AdditionalProperties</c>).
                /// </summary>
                public sealed partial class AtlasJson : global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver
                {
                    private readonly bool _writeReadOnly;
                    private global::System.Text.Json.JsonSerializerOptions? _options;

                    private AtlasJson(bool writeReadOnly)
                    {
                        _writeReadOnly = writeReadOnly;
                    }

                    /// <summary>
                    /// Reads everything; writes no readOnly property, as a request body must not carry them, and of the additional
                    /// properties only those set in code, never those read (a model read from a response can be sent back as is).
                    /// </summary>
                    public static AtlasJson Default { get; } = new AtlasJson(writeReadOnly: false);

                    /// <summary>Reads and writes every property, readOnly and additional ones included (for servers, fakes, caches and logs).</summary>
                    public static AtlasJson Complete { get; } = new AtlasJson(writeReadOnly: true);

                    /// <summary>Read-only serializer options that use this resolver and nothing else.</summary>
                    public global::System.Text.Json.JsonSerializerOptions Options
                    {
                        get
                        {
                            if (_options is null)
                            {
                                var options = new global::System.Text.Json.JsonSerializerOptions { TypeInfoResolver = this };
                                options.MakeReadOnly();
                                global::System.Threading.Interlocked.CompareExchange(ref _options, options, null);
                            }

                            return _options;
                        }
                    }

                    /// <summary>The metadata for <typeparamref name="T"/>, which must be a type generated from this spec.</summary>
                    public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> GetTypeInfo<T>() =>
                        (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

                    /// <summary>Serializes a generated type to JSON text.</summary>
                    public string Serialize<T>(T value) => global::System.Text.Json.JsonSerializer.Serialize(value, GetTypeInfo<T>());

                    /// <summary>Serializes a generated type to UTF-8 JSON.</summary>
                    public byte[] SerializeToUtf8Bytes<T>(T value) => global::System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

                    /// <summary>Deserializes a generated type from JSON text.</summary>
                    public T? Deserialize<T>(string json) => global::System.Text.Json.JsonSerializer.Deserialize(json, GetTypeInfo<T>());

                    /// <summary>Deserializes a generated type from UTF-8 JSON.</summary>
                    public T? Deserialize<T>(global::System.ReadOnlySpan<byte> utf8Json) => global::System.Text.Json.JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>());

                    /// <inheritdoc/>
                    public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)
                    {
                """);
            writer.Indent();
            writer.Indent();
            foreach (EnumModel model in _spec.Enums)
            {
                WriteTypeInfoCase(writer, model.Name, "()");
            }

            foreach (ObjectModel model in _spec.Objects)
            {
                WriteTypeInfoCase(writer, model.Name, "(_writeReadOnly)");
            }

            writer.WriteLine("return null;");
            writer.Unindent();
            writer.Unindent();
            writer.WriteBlock("""
                    }

                    private static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Create<T>(global::System.Text.Json.JsonSerializerOptions options, global::System.Text.Json.Serialization.JsonConverter<T> converter) =>
                        global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(options, converter);
                }
                """);
            writer.CloseBrace();
        }

        private void WriteTypeInfoCase(SourceWriter writer, string name, string converterArguments)
        {
            writer.WriteLine($"if (type == typeof({Global(name)}))");
            writer.OpenBrace();
            writer.WriteLine($"return Create(options, new {Converter(name)}{converterArguments});");
            writer.CloseBrace();
            writer.WriteLine();
        }

        private void WriteJsonHelpers(SourceWriter writer)
        {
            writer.WriteLine($"namespace {_serializationNs}");
            writer.OpenBrace();
            writer.WriteBlock("""
                /// <summary>Reads one JSON value at the reader's current token: a converter's <c>ReadValue</c>, or one of <see cref="AtlasJsonReader"/>'s.</summary>
                internal delegate T AtlasJsonValueReader<T>(ref global::System.Text.Json.Utf8JsonReader reader);

                /// <summary>Writes one JSON value: a converter's <c>WriteValue</c>, or one of <see cref="AtlasJsonWriter"/>'s.</summary>
                internal delegate void AtlasJsonValueWriter<T>(global::System.Text.Json.Utf8JsonWriter writer, T value, bool writeReadOnly);

                /// <summary>
                /// The JSON names of one type's properties, or one enum's values: matched at the reader without allocating, by
                /// index (so a converter's read loop is one <c>switch</c>), and written encoded once.
                /// </summary>
                internal sealed class AtlasJsonNames
                {
                    private readonly string[] _names;
                    private readonly byte[][] _utf8;
                    private global::System.Text.Json.JsonEncodedText[]? _encoded;

                    public AtlasJsonNames(params string[] names)
                    {
                        _names = names;
                        _utf8 = new byte[names.Length][];
                        for (int i = 0; i < names.Length; i++)
                        {
                            _utf8[i] = global::System.Text.Encoding.UTF8.GetBytes(names[i]);
                        }
                    }

                    /// <summary>The name at <paramref name="index"/>, encoded for the writer on first use (an enum's table is only read with).</summary>
                    public global::System.Text.Json.JsonEncodedText this[int index] => (_encoded ??= Encode(_names))[index];

                    /// <summary>Whether <paramref name="name"/> is one of the names (ordinal).</summary>
                    public bool Contains(string name) => global::System.Array.IndexOf(_names, name) >= 0;

                    /// <summary>The index of the name at the reader's property name or string, or -1 if it is none of them.</summary>
                    public int IndexOf(ref global::System.Text.Json.Utf8JsonReader reader)
                    {
                        int next = 0;
                        return IndexOf(ref reader, ref next);
                    }

                    /// <summary>
                    /// As <see cref="IndexOf(ref global::System.Text.Json.Utf8JsonReader)"/>, trying <paramref name="next"/> first and
                    /// leaving it at the name after the match: an object's properties mostly come in one order, and Atlas's spec
                    /// lists them in the order its responses do (alphabetical), so each is found by its first comparison.
                    /// </summary>
                    public int IndexOf(ref global::System.Text.Json.Utf8JsonReader reader, ref int next)
                    {
                        int count = _utf8.Length;
                        int i = next;
                        for (int tried = 0; tried < count; tried++)
                        {
                            if (reader.ValueTextEquals(_utf8[i]))
                            {
                                next = i + 1 == count ? 0 : i + 1;
                                return i;
                            }

                            i = i + 1 == count ? 0 : i + 1;
                        }

                        return -1;
                    }

                    private static global::System.Text.Json.JsonEncodedText[] Encode(string[] names)
                    {
                        var encoded = new global::System.Text.Json.JsonEncodedText[names.Length];
                        for (int i = 0; i < names.Length; i++)
                        {
                            encoded[i] = global::System.Text.Json.JsonEncodedText.Encode(names[i]);
                        }

                        return encoded;
                    }
                }

                /// <summary>Checks, look-ahead and readers shared by the generated converters.</summary>
                internal static class AtlasJsonReader
                {
                    public static void Expect(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonTokenType expected)
                    {
                        if (reader.TokenType != expected)
                        {
                            throw new global::System.Text.Json.JsonException("Expected " + expected + " but found " + reader.TokenType + ".");
                        }
                    }

                    /// <summary>Moves to a property's value: false when it is null, which leaves the property unset.</summary>
                    public static bool ReadNonNull(ref global::System.Text.Json.Utf8JsonReader reader) =>
                        reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.Null;

                    /// <summary>From a StartObject, moves to the value of the named property of that object; false if it has none.</summary>
                    public static bool TryFindProperty(ref global::System.Text.Json.Utf8JsonReader reader, global::System.ReadOnlySpan<byte> name)
                    {
                        while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
                        {
                            bool found = reader.ValueTextEquals(name);
                            reader.Read();
                            if (found)
                            {
                                return true;
                            }

                            reader.Skip();
                        }

                        return false;
                    }

                    /// <summary>Reads a JSON array, each item with <paramref name="readItem"/>.</summary>
                    public static global::System.Collections.Generic.List<T> List<T>(ref global::System.Text.Json.Utf8JsonReader reader, AtlasJsonValueReader<T> readItem)
                    {
                        Expect(ref reader, global::System.Text.Json.JsonTokenType.StartArray);
                        var list = new global::System.Collections.Generic.List<T>();
                        while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
                        {
                            list.Add(readItem(ref reader));
                        }

                        return list;
                    }

                    /// <summary>Reads a JSON object as a map, each value with <paramref name="readItem"/>.</summary>
                    public static global::System.Collections.Generic.Dictionary<string, T> Map<T>(ref global::System.Text.Json.Utf8JsonReader reader, AtlasJsonValueReader<T> readItem)
                    {
                        Expect(ref reader, global::System.Text.Json.JsonTokenType.StartObject);
                        var map = new global::System.Collections.Generic.Dictionary<string, T>();
                        while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)
                        {
                            string key = reader.GetString()!;
                            reader.Read();
                            map[key] = readItem(ref reader);
                        }

                        return map;
                    }

                """);
            writer.Indent();
            WriteScalarReaders(writer);
            writer.Unindent();
            writer.WriteBlock("""
                    public static global::System.Text.Json.JsonException MissingProperty(string typeName, string propertyName) =>
                        new global::System.Text.Json.JsonException("The JSON object for " + typeName + " has no '" + propertyName + "', which the spec requires.");

                    public static global::System.Text.Json.JsonException UnknownSubtype(string typeName, global::System.Type type) =>
                        new global::System.Text.Json.JsonException("Cannot write " + type + ": it is not a variant of " + typeName + " generated from the spec.");
                }

                /// <summary>
                /// Writers shared by the generated converters: a named value is written only when it is not null (a converter
                /// writes a required property's null itself), and the <c>...Value</c> methods write the items of arrays and maps.
                /// </summary>
                internal static class AtlasJsonWriter
                {
                """);
            writer.Indent();
            WriteScalarWriters(writer, named: true);
            writer.Unindent();
            writer.WriteBlock("""
                    public static void Json(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, global::System.Text.Json.JsonElement? value)
                    {
                        if (value.HasValue)
                        {
                            writer.WritePropertyName(name);
                            value.GetValueOrDefault().WriteTo(writer);
                        }
                    }

                """);
            writer.Indent();
            writer.WriteBlock(_keepsUnknown
                ? """
                    /// <summary>Through the runtime, which writes back the text a date-time was read as when it cannot be parsed.</summary>
                    public static void DateTimeOffset(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, global::System.DateTimeOffset? value, global::AtlasAccessGen.Runtime.AtlasAdditionalProperties? additional)
                    {
                        if (value.HasValue)
                        {
                            global::AtlasAccessGen.Runtime.AtlasAdditionalProperties.WriteDateTime(writer, name, value.GetValueOrDefault(), additional);
                        }
                    }

                    """
                : """
                    /// <summary>UTC instants are written with 'Z', as Atlas writes them; other offsets are kept.</summary>
                    public static void DateTimeOffset(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, global::System.DateTimeOffset? value)
                    {
                        if (value.HasValue)
                        {
                            writer.WritePropertyName(name);
                            DateTimeOffsetValue(writer, value.GetValueOrDefault(), writeReadOnly: false);
                        }
                    }

                    """);
            writer.Unindent();
            writer.WriteBlock("""
                    public static void List<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, global::System.Collections.Generic.IList<T>? list, AtlasJsonValueWriter<T> writeItem, bool writeReadOnly)
                    {
                        if (list is not null)
                        {
                            writer.WritePropertyName(name);
                            ListValue(writer, list, writeItem, writeReadOnly);
                        }
                    }

                    public static void Map<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, global::System.Collections.Generic.IDictionary<string, T>? map, AtlasJsonValueWriter<T> writeItem, bool writeReadOnly)
                    {
                        if (map is not null)
                        {
                            writer.WritePropertyName(name);
                            MapValue(writer, map, writeItem, writeReadOnly);
                        }
                    }

                    /// <summary>Items of reference type may still be null at run time (the annotations are not enforced).</summary>
                    public static void ListValue<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IList<T> list, AtlasJsonValueWriter<T> writeItem, bool writeReadOnly)
                    {
                        writer.WriteStartArray();
                        for (int i = 0; i < list.Count; i++)
                        {
                            T item = list[i];
                            if (item is null)
                            {
                                writer.WriteNullValue();
                            }
                            else
                            {
                                writeItem(writer, item, writeReadOnly);
                            }
                        }

                        writer.WriteEndArray();
                    }

                    public static void MapValue<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IDictionary<string, T> map, AtlasJsonValueWriter<T> writeItem, bool writeReadOnly)
                    {
                        writer.WriteStartObject();
                        foreach (var entry in map)
                        {
                            writer.WritePropertyName(entry.Key);
                            if (entry.Value is null)
                            {
                                writer.WriteNullValue();
                            }
                            else
                            {
                                writeItem(writer, entry.Value, writeReadOnly);
                            }
                        }

                        writer.WriteEndObject();
                    }

                """);
            writer.Indent();
            WriteScalarWriters(writer, named: false);
            writer.Unindent();
            writer.WriteBlock("""
                    public static void JsonValue(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonElement value, bool writeReadOnly) => value.WriteTo(writer);

                    /// <summary>UTC instants are written with 'Z', as Atlas writes them; other offsets are kept.</summary>
                    public static void DateTimeOffsetValue(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTimeOffset value, bool writeReadOnly)
                    {
                        if (value.Offset == global::System.TimeSpan.Zero)
                        {
                            writer.WriteStringValue(value.UtcDateTime);
                        }
                        else
                        {
                            writer.WriteStringValue(value);
                        }
                    }
                }
                """);
            writer.CloseBrace();
        }

        /// <summary>The scalars <c>AtlasJsonReader</c> and <c>AtlasJsonWriter</c> have a method for, named by their <see cref="TypeKind"/>.</summary>
        private static readonly (TypeKind Kind, string Type, string Write)[] Scalars =
        {
            (TypeKind.String, "string", "String"),
            (TypeKind.Int32, "int", "Number"),
            (TypeKind.Int64, "long", "Number"),
            (TypeKind.Double, "double", "Number"),
            (TypeKind.Single, "float", "Number"),
            (TypeKind.Boolean, "bool", "Boolean"),
            (TypeKind.Guid, "global::System.Guid", "String"),
        };

        /// <summary>The item readers of <c>AtlasJsonReader</c>: <c>Int32Value</c> and so on (see <see cref="ItemReader"/>).</summary>
        private static void WriteScalarReaders(SourceWriter writer)
        {
            foreach ((TypeKind kind, string type, _) in Scalars)
            {
                string name = kind.ToString();
                writer.WriteLine($"public static {type} {name}Value(ref global::System.Text.Json.Utf8JsonReader reader) => reader.Get{name}(){(kind == TypeKind.String ? "!" : string.Empty)};");
                writer.WriteLine();
            }

            writer.WriteLine("public static global::System.DateTimeOffset DateTimeOffsetValue(ref global::System.Text.Json.Utf8JsonReader reader) => reader.GetDateTimeOffset();");
            writer.WriteLine();
            writer.WriteLine("public static global::System.Text.Json.JsonElement JsonValue(ref global::System.Text.Json.Utf8JsonReader reader) => global::System.Text.Json.JsonElement.ParseValue(ref reader);");
            writer.WriteLine();
        }

        /// <summary>
        /// The writers of <c>AtlasJsonWriter</c>: <paramref name="named"/>, <c>Int32(writer, name, value)</c> and so on, which write
        /// a property unless its value is null (see <see cref="OptionalValueStatement"/>); else the item writers <c>Int32Value</c>
        /// and so on (see <see cref="ItemWriter"/>).
        /// </summary>
        private static void WriteScalarWriters(SourceWriter writer, bool named)
        {
            foreach ((TypeKind kind, string type, string write) in Scalars)
            {
                string name = kind.ToString();
                if (!named)
                {
                    writer.WriteLine($"public static void {name}Value(global::System.Text.Json.Utf8JsonWriter writer, {type} value, bool writeReadOnly) => writer.Write{write}Value(value);");
                    writer.WriteLine();
                    continue;
                }

                string isSet = kind == TypeKind.String ? "value is not null" : "value.HasValue";
                string get = kind == TypeKind.String ? "value" : "value.GetValueOrDefault()";
                writer.WriteLine($"public static void {name}(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, {type}? value)");
                writer.OpenBrace();
                writer.WriteLine($"if ({isSet})");
                writer.OpenBrace();
                writer.WriteLine($"writer.Write{write}(name, {get});");
                writer.CloseBrace();
                writer.CloseBrace();
                writer.WriteLine();
            }
        }
    }
}
