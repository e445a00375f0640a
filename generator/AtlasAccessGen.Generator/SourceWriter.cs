using System;
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

        /// <summary>Writes a block of text line by line at the current indentation (for raw string literals).</summary>
        public void WriteBlock(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                WriteLine(line);
            }
        }

        public override string ToString() => _builder.ToString();
    }
}
