using System;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Some servers and proxies put a UTF-8 byte order mark before a JSON body; the JSON readers refuse it, so it is
    /// stepped over before reading. Raw bodies kept on exceptions keep it.
    /// </summary>
    internal static class Utf8Bom
    {
        private static ReadOnlySpan<byte> Bom => new byte[] { 0xEF, 0xBB, 0xBF };

        public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> utf8) => utf8.StartsWith(Bom) ? utf8.Slice(Bom.Length) : utf8;

        public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> utf8) => utf8.Span.StartsWith(Bom) ? utf8.Slice(Bom.Length) : utf8;
    }
}
