using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace AtlasAccessGen.Generator
{
    /// <summary>An indent-tracking text writer for emitted C#; lines always end in '\n' so output is byte-identical on every OS.</summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _builder;
        private int _indent;

        public SourceWriter()
            : this(new StringBuilder())
        {
        }

        /// <summary>Writes into <paramref name="buffer"/>, cleared first: a buffer reused across files keeps its capacity.</summary>
        public SourceWriter(StringBuilder buffer) => _builder = buffer.Clear();

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        public void OpenBrace()
        {
            WriteLine("{");
            _indent++;
        }

        public void CloseBrace(string suffix = "")
        {
            _indent--;
            WriteLine("}" + suffix);
        }

        public void WriteLine() => _builder.Append('\n');

        public void WriteLine(string line)
        {
            if (line.Length == 0)
            {
                _builder.Append('\n');
                return;
            }

            for (int i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(line).Append('\n');
        }

        /// <summary>
        /// Writes an interpolated line (<c>writer.WriteLine($"public {type} {name};")</c>) straight into the
        /// buffer, as <see cref="WriteLine(string)"/> would write the formatted string, without building it first.
        /// </summary>
        public void WriteLine([InterpolatedStringHandlerArgument("")] ref LineHandler line) => _builder.Append('\n');

        /// <summary>Writes a block of text line by line at the current indentation (for raw string literals).</summary>
        public void WriteBlock(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                WriteLine(line);
            }
        }

        public override string ToString() => _builder.ToString();

        /// <summary>Appends the parts of an interpolated line; the indentation goes before the first non-empty part, so an empty line stays empty.</summary>
        [InterpolatedStringHandler]
        public ref struct LineHandler
        {
            private readonly SourceWriter _writer;
            private bool _started;

            public LineHandler(int literalLength, int formattedCount, SourceWriter writer)
            {
                _writer = writer;
                _started = false;
            }

            public void AppendLiteral(string value) => AppendFormatted(value);

            public void AppendFormatted(int value) => AppendFormatted(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

            public void AppendFormatted(string? value)
            {
                if (string.IsNullOrEmpty(value))
                {
                    return;
                }

                if (!_started)
                {
                    _started = true;
                    for (int i = 0; i < _writer._indent; i++)
                    {
                        _writer._builder.Append(IndentUnit);
                    }
                }

                _writer._builder.Append(value);
            }
        }
    }
}
