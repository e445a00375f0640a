namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// A large JSON spec cut in two texts at a member of <c>components.schemas</c>, so that two threads can each
    /// deserialize one (#16): <see cref="Head"/> is the spec without the schemas from the cut on, <see cref="Tail"/> a
    /// document holding only those schemas. Both are valid JSON whenever the spec is.
    /// </summary>
    internal sealed class SchemaSplit
    {
        /// <summary>Below this many characters a second thread costs about what it saves.</summary>
        public const int MinimumLength = 256 * 1024;

        private SchemaSplit(string head, string tail)
        {
            Head = head;
            Tail = tail;
        }

        public string Head { get; }

        public string Tail { get; }

        /// <summary>
        /// The split that leaves about half of the text on each side, or null for a text this reader does not
        /// understand plainly (comments, an escaped or repeated key on the way to the schemas, fewer than two schemas,
        /// anything but objects there): such a text is read whole, as before.
        /// </summary>
        public static SchemaSplit? TryCreate(string text, int minimumLength = MinimumLength)
        {
            if (text.Length < minimumLength)
            {
                return null;
            }

            var walker = new Walker(text);
            if (!walker.TryFindSchemaMembers(out System.Collections.Generic.List<(int Start, int End)> members, out int schemasEnd) || members.Count < 2)
            {
                return null;
            }

            // The first member whose start leaves at most half of the text to the tail (never the first member).
            int lastEnd = members[members.Count - 1].End;
            int cut = members.Count - 1;
            while (cut > 1 && lastEnd - members[cut - 1].Start <= text.Length / 2)
            {
                cut--;
            }

            string head = text.Substring(0, members[cut - 1].End) + text.Substring(schemasEnd);
            string tail = "{\"components\":{\"schemas\":{" + text.Substring(members[cut].Start, lastEnd - members[cut].Start) + "}}}";
            return new SchemaSplit(head, tail);
        }

        /// <summary>Walks the JSON text by hand, without recursion, far enough to know where each schema member lies.</summary>
        private struct Walker
        {
            private readonly string _text;
            private int _position;

            public Walker(string text)
            {
                _text = text;
                _position = 0;
            }

            /// <param name="members">Each schema member, from the opening quote of its key to just past its value.</param>
            /// <param name="schemasEnd">The position of the schemas object's closing brace.</param>
            public bool TryFindSchemaMembers(out System.Collections.Generic.List<(int Start, int End)> members, out int schemasEnd)
            {
                members = new System.Collections.Generic.List<(int Start, int End)>();
                schemasEnd = -1;
                if (!TryFindMember("components", out _) || !TryFindMember("schemas", out _) || !TryEnter())
                {
                    return false;
                }

                while (true)
                {
                    SkipWhitespace();
                    if (Peek() == '}')
                    {
                        schemasEnd = _position;
                        return true;
                    }

                    if (members.Count > 0 && !TryConsume(','))
                    {
                        return false;
                    }

                    SkipWhitespace();
                    int start = _position;
                    if (!TryReadString(out _) || !TryConsume(':') || !TrySkipValue())
                    {
                        return false;
                    }

                    members.Add((start, _position));
                }
            }

            /// <summary>
            /// Enters the object at the position and stops after the colon of its member named <paramref name="name"/>,
            /// having checked that no other key of the object is or may be that name (a repeated key wins last in Json.NET).
            /// </summary>
            private bool TryFindMember(string name, out int valueStart)
            {
                valueStart = -1;
                if (!TryEnter())
                {
                    return false;
                }

                bool first = true;
                while (true)
                {
                    SkipWhitespace();
                    if (Peek() == '}')
                    {
                        if (valueStart < 0)
                        {
                            return false;
                        }

                        _position = valueStart;
                        return true;
                    }

                    if (!first && !TryConsume(','))
                    {
                        return false;
                    }

                    first = false;
                    SkipWhitespace();
                    if (!TryReadString(out bool escaped) || escaped)
                    {
                        return false;
                    }

                    bool match = string.CompareOrdinal(_text, _lastStringStart, name, 0, name.Length) == 0 && _lastStringLength == name.Length;
                    if (!TryConsume(':'))
                    {
                        return false;
                    }

                    SkipWhitespace();
                    if (match)
                    {
                        if (valueStart >= 0)
                        {
                            return false;
                        }

                        valueStart = _position;
                    }

                    if (!TrySkipValue())
                    {
                        return false;
                    }
                }
            }

            private int _lastStringStart;
            private int _lastStringLength;

            private bool TryEnter()
            {
                SkipWhitespace();
                return TryConsume('{');
            }

            private bool TryConsume(char expected)
            {
                SkipWhitespace();
                if (Peek() != expected)
                {
                    return false;
                }

                _position++;
                return true;
            }

            private bool TryReadString(out bool escaped)
            {
                escaped = false;
                if (Peek() != '"')
                {
                    return false;
                }

                int start = ++_position;
                while (_position < _text.Length)
                {
                    char c = _text[_position++];
                    if (c == '"')
                    {
                        _lastStringStart = start;
                        _lastStringLength = _position - 1 - start;
                        return true;
                    }

                    if (c == '\\')
                    {
                        escaped = true;
                        _position++;
                    }
                }

                return false;
            }

            /// <summary>Skips one value of any kind, counting brackets; a comment (which Json.NET would accept) stops the walk.</summary>
            private bool TrySkipValue()
            {
                SkipWhitespace();
                int depth = 0;
                while (_position < _text.Length)
                {
                    char c = _text[_position];
                    switch (c)
                    {
                        case '"':
                            if (!TryReadString(out _))
                            {
                                return false;
                            }

                            break;
                        case '{' or '[':
                            depth++;
                            _position++;
                            break;
                        case '}' or ']':
                            if (depth == 0)
                            {
                                return true;
                            }

                            depth--;
                            _position++;
                            break;
                        case ',' when depth == 0:
                            return true;
                        case '/':
                            return false;
                        default:
                            _position++;
                            break;
                    }

                    if (depth == 0 && c is '"' or '}' or ']')
                    {
                        return true;
                    }
                }

                return false;
            }

            private void SkipWhitespace()
            {
                while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
                {
                    _position++;
                }
            }

            private char Peek() => _position < _text.Length ? _text[_position] : '\0';
        }
    }
}
