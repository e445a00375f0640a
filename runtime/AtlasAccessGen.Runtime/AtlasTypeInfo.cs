using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// JSON metadata, built without reflection, for the request and response types that are not
    /// generated classes: primitives, raw JSON and lists of any of them.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class AtlasTypeInfo
    {
        private static readonly JsonSerializerOptions Options = CreateOptions();
        private static readonly ConditionalWeakTable<JsonTypeInfo, JsonTypeInfo> Lists = new ConditionalWeakTable<JsonTypeInfo, JsonTypeInfo>();

        /// <summary>A JSON string.</summary>
        public static JsonTypeInfo<string> String { get; } = JsonMetadataServices.CreateValueInfo<string>(Options, JsonMetadataServices.StringConverter);

        /// <summary>A JSON boolean.</summary>
        public static JsonTypeInfo<bool> Boolean { get; } = JsonMetadataServices.CreateValueInfo<bool>(Options, JsonMetadataServices.BooleanConverter);

        /// <summary>A 32-bit JSON integer.</summary>
        public static JsonTypeInfo<int> Int32 { get; } = JsonMetadataServices.CreateValueInfo<int>(Options, JsonMetadataServices.Int32Converter);

        /// <summary>A 64-bit JSON integer.</summary>
        public static JsonTypeInfo<long> Int64 { get; } = JsonMetadataServices.CreateValueInfo<long>(Options, JsonMetadataServices.Int64Converter);

        /// <summary>A JSON number.</summary>
        public static JsonTypeInfo<double> Double { get; } = JsonMetadataServices.CreateValueInfo<double>(Options, JsonMetadataServices.DoubleConverter);

        /// <summary>Any JSON, kept raw.</summary>
        public static JsonTypeInfo<JsonElement> JsonElement { get; } = JsonMetadataServices.CreateValueInfo<JsonElement>(Options, JsonMetadataServices.JsonElementConverter);

        /// <summary>A JSON array whose items <paramref name="item"/> reads and writes; built once per item type.</summary>
        public static JsonTypeInfo<IList<T>> ListOf<T>(JsonTypeInfo<T> item) =>
            (JsonTypeInfo<IList<T>>)Lists.GetValue(item, static key =>
                JsonMetadataServices.CreateValueInfo<IList<T>>(Options, new ListConverter<T>((JsonTypeInfo<T>)key)));

        private static JsonSerializerOptions CreateOptions()
        {
            // A resolver that knows nothing: every type info here is built explicitly, never looked up.
            var options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() };
            options.MakeReadOnly();
            return options;
        }

        private sealed class ListConverter<T> : JsonConverter<IList<T>>
        {
            private readonly JsonTypeInfo<T> _item;
            private readonly JsonConverter<T> _itemConverter;

            public ListConverter(JsonTypeInfo<T> item)
            {
                _item = item;
                _itemConverter = (JsonConverter<T>)item.Converter;
            }

            public override IList<T>? Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    return null;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("Expected a JSON array, found " + reader.TokenType + ".");
                }

                var list = new List<T>();
                // The item converter reads from this reader, not through a nested JsonSerializer call, which would read a copy
                // of the item and report a failure's position within the item instead of within the body.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.TokenType == JsonTokenType.Null && !_itemConverter.HandleNull ? default! : _itemConverter.Read(ref reader, typeof(T), _item.Options)!);
                }

                return list;
            }

            public override void Write(Utf8JsonWriter writer, IList<T> value, JsonSerializerOptions options)
            {
                writer.WriteStartArray();
                foreach (T item in value)
                {
                    JsonSerializer.Serialize(writer, item, _item);
                }

                writer.WriteEndArray();
            }
        }
    }
}
