using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Says where in a body a <see cref="JsonException"/> happened, as a JSON path and the property there.
    /// </summary>
    /// <remarks>
    /// System.Text.Json fills <see cref="JsonException.Path"/> from its own read stack, but the generated converters
    /// read whole objects by hand, so that path stops at the converter (<c>$</c>). The line and byte position it
    /// fills are the reader's own, though, so the path is found again by reading the body up to that position.
    /// </remarks>
    internal static class JsonFailure
    {
        /// <summary>The path and property where <paramref name="exception"/> happened in <paramref name="json"/>, and what went wrong in words.</summary>
        public static (string? Path, string? Property, string Detail) Locate(JsonException exception, ReadOnlySpan<byte> json)
        {
            string? path = exception.Path;
            string? property = null;
            if (exception.LineNumber is long line && exception.BytePositionInLine is long column && Offset(json, line, column) is long offset)
            {
                (path, property) = PathAt(json, offset);
            }

            return (path, property, Detail(exception));
        }

        /// <summary>"property 'x' at path $.a.x: detail", the problem as an exception message states it.</summary>
        public static string Describe(string? path, string? property, string detail) =>
            (property is null ? string.Empty : "property '" + property + "' ") + (path is null ? string.Empty : "at path " + path + ": ") + detail;

        private static long? Offset(ReadOnlySpan<byte> json, long line, long column)
        {
            int start = 0;
            for (long i = 0; i < line; i++)
            {
                int newline = json.Slice(start).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return null;
                }

                start += newline + 1;
            }

            return start + column;
        }

        /// <summary>Reads up to the token that ends at or after <paramref name="offset"/> and gives its path.</summary>
        private static (string Path, string? Property) PathAt(ReadOnlySpan<byte> json, long offset)
        {
            var frames = new List<Frame>();
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            frames[^1].Property = reader.GetString();
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            // A check at the end of an object (a missing property) is about that object: its own path.
                            frames.RemoveAt(frames.Count - 1);
                            break;
                        default:
                            if (frames.Count > 0 && frames[^1].IsArray)
                            {
                                frames[^1].Index++;
                            }

                            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                            }

                            break;
                    }

                    if (reader.BytesConsumed >= offset)
                    {
                        break;
                    }
                }
            }
            catch (JsonException)
            {
                // The body breaks off or is not JSON where reading failed: the path so far is the place.
            }

            return Build(frames);
        }

        private static (string Path, string? Property) Build(List<Frame> frames)
        {
            var path = new StringBuilder("$");
            string? last = null;
            foreach (Frame frame in frames)
            {
                if (frame.IsArray && frame.Index >= 0)
                {
                    path.Append('[').Append(frame.Index).Append(']');
                    last = null;
                }
                else if (!frame.IsArray && frame.Property is { } name)
                {
                    path.Append(IsPlain(name) ? "." + name : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']");
                    last = name;
                }
            }

            return (path.ToString(), last);
        }

        private static bool IsPlain(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0]))
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The reader's own words when System.Text.Json wrapped them ("could not be converted" says less than "cannot get
        /// a Number as a string"); otherwise the message without the position suffix System.Text.Json appends.
        /// </summary>
        private static string Detail(JsonException exception)
        {
            if (exception.InnerException is InvalidOperationException or FormatException)
            {
                return exception.InnerException.Message;
            }

            string message = exception.Message;
            int suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
            return suffix > 0 && message.IndexOf("| LineNumber:", suffix, StringComparison.Ordinal) > 0 ? message.Substring(0, suffix) : message;
        }

        private sealed class Frame
        {
            public Frame(bool isArray) => IsArray = isArray;

            public bool IsArray { get; }

            public int Index { get; set; } = -1;

            public string? Property { get; set; }
        }
    }
}
