using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace AtlasAccessGen.Generator.Parsing
{
    internal static partial class SpecStructureScan
    {
        /// <summary>
        /// The JSON pass without Json.NET: a walk over plain JSON (RFC 8259) that learns exactly what
        /// <see cref="ScanJson"/> learns, positions included, without making a string of every key and value (garbage
        /// collection is a sixth of the whole API's cold run; #16, BENCHMARKS.md section 11).
        /// Null for whatever it does not read plainly, which <see cref="ScanJson"/> then reads: comments, single
        /// quotes, bare keys, an escape in a key or in a value it keeps, a number where <c>openapi</c> is, whitespace
        /// other than JSON's four, a scalar document, and every syntax error, so errors keep Json.NET's messages
        /// and positions. Positions follow Json.NET's: lines end at '\n', '\r' or "\r\n", a key's column is its ':'.
        /// </summary>
        internal static SpecStructure? TryScanPlainJson(string path, string fileName, string text, CancellationToken cancellationToken)
        {
            var references = new List<ReferenceSite>();
            var sunsets = new Dictionary<string, string>(StringComparer.Ordinal);
            string? version = null;
            bool swagger = false;
            var frames = new List<Frame>();
            int position = 0;
            int line = 1;
            int lineStart = 0;
            int tokens = 0;

            if (!SkipWhitespace(text, ref position, ref line, ref lineStart) || (text[position] != '{' && text[position] != '['))
            {
                return null;
            }

            while (true)
            {
                if (++tokens % CancellationStride == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // A value: the root, an array element, or the value of the key just read.
                Frame? parent = frames.Count == 0 ? null : frames[frames.Count - 1];
                int index = parent is { IsSequence: true } ? parent.NextIndex++ : -1;
                char first = text[position];
                if (first is '{' or '[')
                {
                    position++;
                    if (frames.Count + 1 > SpecLimits.MaxNestingDepth)
                    {
                        return new SpecStructure(version, swagger, references, sunsets, TooDeep(path, fileName, frames, SegmentOf(parent, index, text), line, position - lineStart));
                    }

                    frames.Add(parent is null ? new Frame(string.Empty, first == '[')
                        : parent.IsSequence ? Frame.OfIndex(index, first == '[')
                        : Frame.OfKey(text, parent.KeyStart, parent.KeyLength, first == '['));
                    if (!SkipWhitespace(text, ref position, ref line, ref lineStart))
                    {
                        return null;
                    }

                    if (text[position] == (first == '{' ? '}' : ']'))
                    {
                        position++;
                        frames.RemoveAt(frames.Count - 1);
                    }
                    else if (first == '[')
                    {
                        continue;
                    }
                    else if (!ReadKey(text, frames[frames.Count - 1], ref position, ref line, ref lineStart))
                    {
                        return null;
                    }
                    else
                    {
                        continue;
                    }
                }
                else
                {
                    // Only a $ref, an x-sunset or a root key is kept; every other scalar is only checked.
                    bool kept = parent is { IsSequence: false }
                        && (frames.Count == 1 || KeyIs(text, parent, "$ref") || KeyIs(text, parent, "x-sunset"));
                    int start = position;
                    switch (first)
                    {
                        case '"':
                            if (!SkipString(text, ref position, out bool escaped) || (kept && escaped))
                            {
                                return null;
                            }

                            if (kept)
                            {
                                NoteScalar(frames, KeyOf(text, parent!), text.Substring(start + 1, position - start - 2), isString: true, parent!.KeyLine, parent.KeyColumn, references, sunsets, ref version, ref swagger);
                            }

                            break;
                        case 'n' when SkipLiteral(text, ref position, "null"):
                            string segment = SegmentOf(parent, index, text);
                            if (!MayBeNull(frames, segment))
                            {
                                return new SpecStructure(version, swagger, references, sunsets, NullValue(path, fileName, frames, segment, line - 1, Math.Max(0, position - lineStart - 4)));
                            }

                            if (kept)
                            {
                                NoteScalar(frames, KeyOf(text, parent!), null, isString: false, parent!.KeyLine, parent.KeyColumn, references, sunsets, ref version, ref swagger);
                            }

                            break;
                        case 't' when SkipLiteral(text, ref position, "true"):
                        case 'f' when SkipLiteral(text, ref position, "false"):
                            if (kept)
                            {
                                string value = Convert.ToString(first == 't', CultureInfo.InvariantCulture);
                                NoteScalar(frames, KeyOf(text, parent!), value, isString: false, parent!.KeyLine, parent.KeyColumn, references, sunsets, ref version, ref swagger);
                            }

                            break;
                        case '-':
                        case >= '0' and <= '9':
                            // Json.NET would hand a number over as a long or a double, whose text may differ from the spec's.
                            if (!SkipNumber(text, ref position) || (kept && frames.Count == 1 && KeyIs(text, parent!, "openapi")))
                            {
                                return null;
                            }

                            if (kept && frames.Count == 1 && KeyIs(text, parent!, "swagger"))
                            {
                                swagger = true;
                            }

                            break;
                        default:
                            return null;
                    }
                }

                // After a value: the next element or key, or the end of containers.
                while (true)
                {
                    if (frames.Count == 0)
                    {
                        return new SpecStructure(version, swagger, references, sunsets, null);
                    }

                    Frame open = frames[frames.Count - 1];
                    if (!SkipWhitespace(text, ref position, ref line, ref lineStart))
                    {
                        return null;
                    }

                    char next = text[position];
                    if (next == ',')
                    {
                        position++;
                        if (!SkipWhitespace(text, ref position, ref line, ref lineStart) || (!open.IsSequence && !ReadKey(text, open, ref position, ref line, ref lineStart)))
                        {
                            return null;
                        }

                        break;
                    }

                    if (next != (open.IsSequence ? ']' : '}'))
                    {
                        return null;
                    }

                    position++;
                    frames.RemoveAt(frames.Count - 1);
                }
            }
        }

        private static string SegmentOf(Frame? parent, int index, string text) =>
            parent is null ? string.Empty : parent.IsSequence ? index.ToString(CultureInfo.InvariantCulture) : KeyOf(text, parent);

        private static string KeyOf(string text, Frame frame) => text.Substring(frame.KeyStart, frame.KeyLength);

        private static bool KeyIs(string text, Frame frame, string key) =>
            frame.KeyLength == key.Length && string.CompareOrdinal(text, frame.KeyStart, key, 0, key.Length) == 0;

        /// <summary>Reads <c>"key" :</c> and whitespace after it into <paramref name="frame"/>; false for anything else, or a key with an escape.</summary>
        private static bool ReadKey(string text, Frame frame, ref int position, ref int line, ref int lineStart)
        {
            int start = position;
            if (text[position] != '"' || !SkipString(text, ref position, out bool escaped) || escaped)
            {
                return false;
            }

            int end = position;
            if (!SkipWhitespace(text, ref position, ref line, ref lineStart) || text[position] != ':')
            {
                return false;
            }

            position++;
            frame.KeyStart = start + 1;
            frame.KeyLength = end - start - 2;
            frame.KeyLine = line - 1;
            frame.KeyColumn = Math.Max(0, position - lineStart - 1);
            return SkipWhitespace(text, ref position, ref line, ref lineStart);
        }

        /// <summary>JSON's whitespace; false at the end of the text or on any other whitespace (Json.NET takes more).</summary>
        private static bool SkipWhitespace(string text, ref int position, ref int line, ref int lineStart)
        {
            while (position < text.Length)
            {
                switch (text[position])
                {
                    case ' ':
                    case '\t':
                        position++;
                        break;
                    case '\n':
                        position++;
                        line++;
                        lineStart = position;
                        break;
                    case '\r':
                        position += position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                        line++;
                        lineStart = position;
                        break;
                    default:
                        return !char.IsWhiteSpace(text[position]);
                }
            }

            return false;
        }

        /// <summary>A string from its opening quote to past its closing one; false if unterminated, with a raw control character or a bad escape.</summary>
        private static bool SkipString(string text, ref int position, out bool escaped)
        {
            escaped = false;
            for (int i = position + 1; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"')
                {
                    position = i + 1;
                    return true;
                }

                if (c < ' ')
                {
                    return false;
                }

                if (c == '\\')
                {
                    escaped = true;
                    if (++i >= text.Length)
                    {
                        return false;
                    }

                    switch (text[i])
                    {
                        case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                            break;
                        case 'u' when i + 4 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]) && IsHex(text[i + 3]) && IsHex(text[i + 4]):
                            i += 4;
                            break;
                        default:
                            return false;
                    }
                }
            }

            return false;
        }

        private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

        /// <summary><c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>, then a separator.</summary>
        private static bool SkipNumber(string text, ref int position)
        {
            int i = position;
            if (text[i] == '-')
            {
                i++;
            }

            if (i < text.Length && text[i] == '0')
            {
                i++;
            }
            else if (!SkipDigits(text, ref i))
            {
                return false;
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (!SkipDigits(text, ref i))
                {
                    return false;
                }
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                i++;
                if (i < text.Length && text[i] is '+' or '-')
                {
                    i++;
                }

                if (!SkipDigits(text, ref i))
                {
                    return false;
                }
            }

            position = i;
            return EndsValue(text, i);
        }

        private static bool SkipDigits(string text, ref int i)
        {
            int start = i;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                i++;
            }

            return i > start;
        }

        private static bool SkipLiteral(string text, ref int position, string literal)
        {
            if (string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0 || !EndsValue(text, position + literal.Length))
            {
                return false;
            }

            position += literal.Length;
            return true;
        }

        /// <summary>What may follow a scalar in plain JSON (the end of the text is for the caller to refuse).</summary>
        private static bool EndsValue(string text, int i) => i >= text.Length || text[i] is ' ' or '\t' or '\n' or '\r' or ',' or ']' or '}';
    }
}
