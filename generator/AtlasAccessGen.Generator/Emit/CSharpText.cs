using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AtlasAccessGen.Generator.Emit
{
    /// <summary>
    /// The one place where spec text becomes C# source text: one method per context it can land in (XML doc,
    /// <c>//</c> comment, string literal). The spec is third-party input, so each method assumes the worst:
    /// C# ends a comment at any of its line terminators (CR, LF, U+0085, U+2028, U+2029), and a terminator
    /// that reached a comment unescaped would turn the rest of the line into code.
    /// </summary>
    internal static class CSharpText
    {
        /// <summary>Text for one line of XML doc element content.</summary>
        /// <remarks>Markup characters are escaped; line terminators become spaces; other control characters and lone surrogates are dropped.</remarks>
        public static string XmlDoc(string text) => XmlDoc(text, quote: false);

        /// <summary>Text for a double-quoted XML doc attribute value (an <c>href</c>, say).</summary>
        public static string XmlAttribute(string text) => XmlDoc(text, quote: true);

        private static string XmlDoc(string text, bool quote)
        {
            // Most spec text needs no escaping: then the string itself is the answer, with no copy.
            if (!NeedsChange(text, quote ? UnsafeInXmlAttribute : UnsafeInXmlText))
            {
                return text;
            }

            var builder = new StringBuilder(text.Length + 16);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '&': builder.Append("&amp;"); break;
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    case '"' when quote: builder.Append("&quot;"); break;
                    default: AppendCommentChar(builder, text, ref i); break;
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// One line of spec prose (descriptions are CommonMark) as XML doc: <c>`code`</c> becomes <c>&lt;c&gt;</c>, a link to
        /// an absolute http(s) URL <c>&lt;see href&gt;</c>, a link within upstream's docs page (<c>#tag/...</c>, which has no
        /// address outside it) its text, and <c>**strong**</c> or <c>__strong__</c> plain text. The rest is <see cref="XmlDoc(string)"/>.
        /// </summary>
        public static string XmlDocFromMarkdown(string line)
        {
            if (line.IndexOfAny(MarkdownMarks) < 0)
            {
                return XmlDoc(line);
            }

            var builder = new StringBuilder(line.Length + 16);
            string[] spans = line.Split('`');

            // An odd number of spans has every backtick paired; with an even number the last one is literal.
            int pairedSpans = spans.Length % 2 == 1 ? spans.Length : spans.Length - 1;
            for (int i = 0; i < spans.Length; i++)
            {
                if (i % 2 == 1 && i < pairedSpans)
                {
                    builder.Append("<c>").Append(XmlDoc(spans[i])).Append("</c>");
                }
                else
                {
                    AppendProse(builder, (i % 2 == 1 ? "`" : string.Empty) + spans[i]);
                }
            }

            return builder.ToString();
        }

        private static readonly char[] MarkdownMarks = { '`', '[', '*', '_' };

        private static readonly System.Text.RegularExpressions.Regex MarkdownLink =
            new System.Text.RegularExpressions.Regex(@"\[([^\[\]]+)\]\(([^()\s]+)\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static readonly System.Text.RegularExpressions.Regex Strong =
            new System.Text.RegularExpressions.Regex(@"\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static void AppendProse(StringBuilder builder, string text)
        {
            int position = 0;
            foreach (System.Text.RegularExpressions.Match link in MarkdownLink.Matches(text))
            {
                builder.Append(XmlDoc(Plain(text.Substring(position, link.Index - position))));
                string label = XmlDoc(Plain(link.Groups[1].Value));
                string url = link.Groups[2].Value;
                if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                {
                    builder.Append("<see href=\"").Append(XmlAttribute(url)).Append("\">").Append(label).Append("</see>");
                }
                else
                {
                    builder.Append(label);
                }

                position = link.Index + link.Length;
            }

            builder.Append(XmlDoc(Plain(text.Substring(position))));
        }

        private static string Plain(string text) => text.IndexOfAny(MarkdownMarks) < 0 ? text : Strong.Replace(text, match => match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);

        /// <summary>Text for a <c>//</c> comment: line terminators become spaces; other control characters and lone surrogates are dropped.</summary>
        public static string Comment(string text)
        {
            if (!NeedsChange(text, IsUnsafeInComment))
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                AppendCommentChar(builder, text, ref i);
            }

            return builder.ToString();
        }

        /// <summary>Splits spec text into lines at every line terminator C# knows, so each line can go into its own <c>///</c> line.</summary>
        public static string[] Lines(string text)
        {
            if (!NeedsChange(text, IsLineTerminator))
            {
                return new[] { text };
            }

            var lines = new List<string>();
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (IsLineTerminator(text[i]))
                {
                    lines.Add(text.Substring(start, i - start));
                    if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }
            }

            lines.Add(text.Substring(start));
            return lines.ToArray();
        }

        /// <summary>A C# string literal for any text; everything outside printable ASCII is written as an escape, so the literal is one line of ASCII.</summary>
        public static string Literal(string value)
        {
            if (!NeedsChange(value, c => c is '"' or '\\' || c < ' ' || c > '~'))
            {
                return "\"" + value + "\"";
            }

            var builder = new StringBuilder(value.Length + 8);
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ' || c > '~')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>A UTF-8 literal (C# 11 <c>u8</c>) for comparing JSON text without allocating.</summary>
        public static string Utf8Literal(string value) => Literal(value) + "u8";

        /// <summary>The characters C# ends a line (and so a <c>//</c> or <c>///</c> comment) at.</summary>
        public static bool IsLineTerminator(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

        /// <summary>
        /// The last line of defence: generated source may hold a line terminator only as the '\n' that ends a line.
        /// Any other one came from spec text past its escaping, and would let that text escape a comment.
        /// </summary>
        public static void EnsureOnlyNewlines(string source, string fileName)
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                if (c != '\n' && (IsLineTerminator(c) || (char.IsControl(c) && c != '\t')))
                {
                    int line = 1;
                    for (int j = 0; j < i; j++)
                    {
                        line += source[j] == '\n' ? 1 : 0;
                    }

                    throw new InvalidOperationException(
                        "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " reached line " + line.ToString(CultureInfo.InvariantCulture) + " of " + fileName + " unescaped.");
                }
            }
        }

        // Static, so the check that most spec text passes allocates no closure on every call.
        private static readonly Func<char, bool> UnsafeInXmlText = c => c is '&' or '<' or '>' || IsUnsafeInComment(c);
        private static readonly Func<char, bool> UnsafeInXmlAttribute = c => c is '&' or '<' or '>' or '"' || IsUnsafeInComment(c);

        private static bool IsUnsafeInComment(char c) => (char.IsControl(c) && c != '\t') || IsLineTerminator(c) || char.IsSurrogate(c);

        private static void AppendCommentChar(StringBuilder builder, string text, ref int i)
        {
            char c = text[i];
            if (IsLineTerminator(c))
            {
                builder.Append(' ');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsControl(c) || c == '\t')
            {
                if (!char.IsSurrogate(c))
                {
                    builder.Append(c);
                }
            }
        }

        private static bool NeedsChange(string text, Func<char, bool> changes)
        {
            foreach (char c in text)
            {
                if (changes(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
