using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AtlasAccessGen.Runtime
{
    /// <summary>The User-Agent every request carries, so Atlas can tell this client and its version apart.</summary>
    internal static class AtlasUserAgent
    {
        private static readonly string Base =
            "AtlasAccessGen/" + (typeof(AtlasUserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0")
            + " (.NET " + Environment.Version + "; " + Sanitize(RuntimeInformation.OSDescription) + ")";

        public static string Build(string? product) => string.IsNullOrWhiteSpace(product) ? Base : Base + " " + product.Trim();

        /// <summary>A comment may not hold parentheses or control characters.</summary>
        private static string Sanitize(string text)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] is '(' or ')' or '\\' || char.IsControl(chars[i]) || chars[i] > 126)
                {
                    chars[i] = ' ';
                }
            }

            return new string(chars).Trim();
        }
    }
}
