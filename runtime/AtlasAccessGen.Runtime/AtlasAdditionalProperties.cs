using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// The JSON properties of a generated model that its spec does not declare, e.g. the ones a newer server adds,
    /// by name and in the order they were read. <c>AtlasJson.Complete</c> writes every one back unchanged;
    /// <c>AtlasJson.Default</c>, the request-body writer, writes only the ones set through this dictionary, never
    /// those read from a response (the client cannot know whether a server sends them back as readOnly).
    /// </summary>
    /// <remarks>
    /// It also remembers, per property, the text of a date-time that <see cref="DateTimeOffset"/> cannot hold
    /// exactly (more than 7 fractional digits, <c>.000</c>, <c>+00:00</c>): while the property keeps the value
    /// read, that text is written back. That part is not visible through the dictionary.
    /// </remarks>
    public sealed class AtlasAdditionalProperties : IDictionary<string, JsonElement>
    {
        private readonly List<Entry> _entries = new List<Entry>();
        private List<KeptDateTime>? _dateTimes;

        /// <summary>The number of additional properties.</summary>
        public int Count => _entries.Count;

        /// <summary>The names, in order.</summary>
        public ICollection<string> Keys => _entries.Select(e => e.Name).ToList().AsReadOnly();

        /// <summary>The values, in order.</summary>
        public ICollection<JsonElement> Values => _entries.Select(e => e.Value).ToList().AsReadOnly();

        bool ICollection<KeyValuePair<string, JsonElement>>.IsReadOnly => false;

        /// <summary>Gets or sets a property's raw JSON; a property set here is also written into request bodies.</summary>
        public JsonElement this[string key]
        {
            get => TryGetValue(key, out JsonElement value) ? value : throw new KeyNotFoundException("No additional property '" + key + "'.");
            set => Set(key, value, fromJson: false);
        }

        /// <summary>Adds a property that is written into request bodies too.</summary>
        public void Add(string key, JsonElement value)
        {
            if (IndexOf(key) >= 0)
            {
                throw new ArgumentException("An additional property '" + key + "' already exists.", nameof(key));
            }

            Set(key, value, fromJson: false);
        }

        /// <summary>Whether the property was read or set.</summary>
        public bool ContainsKey(string key) => IndexOf(key) >= 0;

        /// <summary>Removes a property.</summary>
        public bool Remove(string key)
        {
            int index = IndexOf(key);
            if (index < 0)
            {
                return false;
            }

            _entries.RemoveAt(index);
            return true;
        }

        /// <summary>Gets a property's raw JSON.</summary>
        public bool TryGetValue(string key, out JsonElement value)
        {
            int index = IndexOf(key);
            value = index >= 0 ? _entries[index].Value : default;
            return index >= 0;
        }

        /// <summary>Removes every property (kept date-time texts stay).</summary>
        public void Clear() => _entries.Clear();

        /// <summary>The properties in order.</summary>
        public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator()
        {
            foreach (Entry entry in _entries)
            {
                yield return new KeyValuePair<string, JsonElement>(entry.Name, entry.Value);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        void ICollection<KeyValuePair<string, JsonElement>>.Add(KeyValuePair<string, JsonElement> item) => Add(item.Key, item.Value);

        bool ICollection<KeyValuePair<string, JsonElement>>.Contains(KeyValuePair<string, JsonElement> item) =>
            TryGetValue(item.Key, out JsonElement value) && value.GetRawText() == item.Value.GetRawText();

        void ICollection<KeyValuePair<string, JsonElement>>.CopyTo(KeyValuePair<string, JsonElement>[] array, int arrayIndex)
        {
            foreach (KeyValuePair<string, JsonElement> pair in this)
            {
                array[arrayIndex++] = pair;
            }
        }

        bool ICollection<KeyValuePair<string, JsonElement>>.Remove(KeyValuePair<string, JsonElement> item) =>
            ((ICollection<KeyValuePair<string, JsonElement>>)this).Contains(item) && Remove(item.Key);

        /// <summary>
        /// For generated converters: from a property name the model does not declare, reads the name and its value
        /// into <paramref name="properties"/>, created on the first one.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static void Read(ref Utf8JsonReader reader, ref AtlasAdditionalProperties? properties)
        {
            string name = reader.GetString()!;
            reader.Read();
            (properties ??= new AtlasAdditionalProperties()).Set(name, JsonElement.ParseValue(ref reader), fromJson: true);
        }

        /// <summary>
        /// For generated converters: writes the additional properties, all of them when <paramref name="writeReadOnly"/>
        /// (<c>AtlasJson.Complete</c>), else only those set in code.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static void Write(Utf8JsonWriter writer, AtlasAdditionalProperties? properties, bool writeReadOnly)
        {
            if (properties is null)
            {
                return;
            }

            foreach (Entry entry in properties._entries)
            {
                if (writeReadOnly || !entry.FromJson)
                {
                    writer.WritePropertyName(entry.Name);
                    entry.Value.WriteTo(writer);
                }
            }
        }

        /// <summary>
        /// For generated converters: reads a date-time property; when writing the value back would not give the same
        /// text, keeps the text under <paramref name="name"/> in <paramref name="properties"/>.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static DateTimeOffset ReadDateTime(ref Utf8JsonReader reader, ref AtlasAdditionalProperties? properties, JsonEncodedText name)
        {
            DateTimeOffset value = reader.GetDateTimeOffset();
            if (reader.HasValueSequence || reader.ValueIsEscaped)
            {
                (properties ??= new AtlasAdditionalProperties()).KeepDateTime(name.Value, value, reader.GetString()!, raw: false);
            }
            else if (!WritesAs(value, reader.ValueSpan))
            {
                // Kept as the JSON token it was, so that e.g. '+' is not written back escaped.
                (properties ??= new AtlasAdditionalProperties()).KeepDateTime(name.Value, value, "\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"", raw: true);
            }

            return value;
        }

        /// <summary>
        /// For generated converters: writes a date-time property, with the text it was read as while it holds the value
        /// read; else UTC instants with 'Z', as Atlas writes them, and other offsets as they are.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static void WriteDateTime(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value, AtlasAdditionalProperties? properties)
        {
            if (properties?._dateTimes is { } kept)
            {
                foreach (KeptDateTime dateTime in kept)
                {
                    if (dateTime.Name == name.Value && dateTime.Value.EqualsExact(value))
                    {
                        if (dateTime.IsRawToken)
                        {
                            writer.WritePropertyName(name);
                            writer.WriteRawValue(dateTime.Text, skipInputValidation: true);
                        }
                        else
                        {
                            writer.WriteString(name, dateTime.Text);
                        }

                        return;
                    }
                }
            }

            if (value.Offset == TimeSpan.Zero)
            {
                writer.WriteString(name, value.UtcDateTime);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        /// <summary>Whether the UTF-8 text is what <see cref="WriteDateTime"/> writes for the value (ISO 8601, trailing zeros of the fraction cut).</summary>
        private static bool WritesAs(DateTimeOffset value, ReadOnlySpan<byte> text)
        {
            if (IsCanonicalUtc(text))
            {
                return true;
            }

            Span<char> formatted = stackalloc char[40];
            bool utc = value.Offset == TimeSpan.Zero;
            if (!value.TryFormat(formatted, out int length, utc ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
                || length != text.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (formatted[i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The form Atlas sends, checked without formatting (it is on every date read): <c>yyyy-MM-ddTHH:mm:ss</c>, then
        /// 1 to 7 fractional digits of which the last is not 0, or none, then <c>Z</c>. Parsed, it is written back as is.
        /// </summary>
        private static bool IsCanonicalUtc(ReadOnlySpan<byte> text)
        {
            if (text.Length < 20 || text.Length == 21 || text.Length > 28 || text[text.Length - 1] != (byte)'Z'
                || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':' || text[17] > (byte)'5')
            {
                return false;
            }

            for (int i = 0; i < text.Length - 1; i++)
            {
                bool digit = text[i] >= (byte)'0' && text[i] <= (byte)'9';
                if (digit != (i is not (4 or 7 or 10 or 13 or 16 or 19)) && !(i == 19 && text[i] == (byte)'.'))
                {
                    return false;
                }
            }

            return text.Length == 20 || (text[19] == (byte)'.' && text[text.Length - 2] != (byte)'0');
        }

        private void KeepDateTime(string name, DateTimeOffset value, string text, bool raw)
        {
            _dateTimes ??= new List<KeptDateTime>();
            _dateTimes.RemoveAll(d => d.Name == name);
            _dateTimes.Add(new KeptDateTime(name, value, text, raw));
        }

        private void Set(string name, JsonElement value, bool fromJson)
        {
            int index = IndexOf(name);
            if (index >= 0)
            {
                _entries[index] = new Entry(name, value, fromJson);
            }
            else
            {
                _entries.Add(new Entry(name, value, fromJson));
            }
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private readonly record struct Entry(string Name, JsonElement Value, bool FromJson);

        // IsRawToken: Text is the JSON string token as read (quotes included, nothing escaped).
        private readonly record struct KeptDateTime(string Name, DateTimeOffset Value, string Text, bool IsRawToken);
    }
}
