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
                /// <summary>Checks and look-ahead shared by the generated converters.</summary>
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

                    public static global::System.Text.Json.JsonException MissingProperty(string typeName, string propertyName) =>
                        new global::System.Text.Json.JsonException("The JSON object for " + typeName + " has no '" + propertyName + "', which the spec requires.");

                    public static global::System.Text.Json.JsonException UnknownSubtype(string typeName, global::System.Type type) =>
                        new global::System.Text.Json.JsonException("Cannot write " + type + ": it is not a variant of " + typeName + " generated from the spec.");
                }

                /// <summary>Writing helpers shared by the generated converters.</summary>
                internal static class AtlasJsonWriter
                {
                """);
            writer.Indent();
            if (!_keepsUnknown)
            {
                // Without the runtime, whose helper also writes back the text a date-time was read as.
                writer.WriteBlock("""
                    /// <summary>UTC instants are written with 'Z', as Atlas writes them; other offsets are kept.</summary>
                    public static void WriteDateTime(global::System.Text.Json.Utf8JsonWriter writer, global::System.Text.Json.JsonEncodedText name, global::System.DateTimeOffset value)
                    {
                        if (value.Offset == global::System.TimeSpan.Zero)
                        {
                            writer.WriteString(name, value.UtcDateTime);
                        }
                        else
                        {
                            writer.WriteString(name, value);
                        }
                    }

                    """);
            }

            writer.Unindent();
            writer.WriteBlock("""
                    /// <summary>UTC instants are written with 'Z', as Atlas writes them; other offsets are kept.</summary>
                    public static void WriteDateTimeValue(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTimeOffset value)
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
    }
}
