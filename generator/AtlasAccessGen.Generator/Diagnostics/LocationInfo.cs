using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AtlasAccessGen.Generator.Diagnostics
{
    /// <summary>An equatable position inside a spec file (Roslyn's <see cref="Location"/> must not enter pipeline models).</summary>
    internal sealed record LocationInfo(string FilePath, int Line, int Column)
    {
        /// <summary>Line and column are zero-based, as Roslyn's <see cref="LinePosition"/>.</summary>
        public Location ToLocation()
        {
            var position = new LinePosition(Math.Max(0, Line), Math.Max(0, Column));
            return Location.Create(FilePath, default, new LinePositionSpan(position, position));
        }
    }
}
