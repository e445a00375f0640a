using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Argument checks the generated clients run before building a request, so a bad argument fails
    /// with an exception naming the parameter and nothing is sent.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class AtlasArguments
    {
        private static readonly ConcurrentDictionary<string, Regex> Patterns = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);

        /// <summary>Checks a path parameter and escapes it as one path segment.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="value"/> is empty, <c>.</c> or <c>..</c>, which would change the path.</exception>
        public static string PathSegment(string value, string parameterName)
        {
            ArgumentNullException.ThrowIfNull(value, parameterName);
            if (value.Length == 0 || value == "." || value == "..")
            {
                throw new ArgumentException("The path parameter '" + parameterName + "' must not be empty, '.' or '..'; got '" + value + "'.", parameterName);
            }

            return Uri.EscapeDataString(value);
        }

        /// <summary>Checks a string against the spec's <c>pattern</c>; null passes (optional values are checked only when given).</summary>
        /// <exception cref="ArgumentException">The value does not match.</exception>
        public static void Matches(string? value, string pattern, string parameterName)
        {
            if (value is null)
            {
                return;
            }

            Regex regex = Patterns.GetOrAdd(pattern, static p => new Regex(EndAnchorsAtEndOfInput(p), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            if (!regex.IsMatch(value))
            {
                throw new ArgumentException("The parameter '" + parameterName + "' must match " + pattern + "; got '" + value + "'.", parameterName);
            }
        }

        /// <summary>
        /// OpenAPI patterns follow ECMA-262, where <c>$</c> matches only at the end of the input; .NET's also
        /// matches before a final newline, which would let <c>"id\n"</c> through. So every <c>$</c> outside a
        /// character class and not escaped becomes <c>\z</c>.
        /// </summary>
        internal static string EndAnchorsAtEndOfInput(string pattern)
        {
            var result = new System.Text.StringBuilder(pattern.Length + 4);
            bool inClass = false;
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length)
                {
                    result.Append(c).Append(pattern[++i]);
                    continue;
                }

                inClass = c == '[' ? true : c == ']' ? false : inClass;
                result.Append(c == '$' && !inClass ? "\\z" : c.ToString());
            }

            return result.ToString();
        }

        /// <summary>Checks that an enum argument holds a value the spec lists.</summary>
        /// <exception cref="ArgumentException">It does not.</exception>
        public static void Known(bool isKnown, string value, string allowedValues, string parameterName)
        {
            if (!isKnown)
            {
                throw new ArgumentException("The parameter '" + parameterName + "' must be one of " + allowedValues + "; got '" + value + "'.", parameterName);
            }
        }

        /// <summary>Checks a number against the spec's <c>minimum</c> and <c>maximum</c>; null passes.</summary>
        /// <exception cref="ArgumentOutOfRangeException">It is outside them.</exception>
        public static void InRange(double? value, double? minimum, double? maximum, string parameterName)
        {
            if (value is { } v && ((minimum is { } min && v < min) || (maximum is { } max && v > max)))
            {
                string range = (minimum is null ? "at most " : "at least " + minimum.Value.ToString(CultureInfo.InvariantCulture) + (maximum is null ? string.Empty : " and at most "))
                    + (maximum is null ? string.Empty : maximum.Value.ToString(CultureInfo.InvariantCulture));
                throw new ArgumentOutOfRangeException(parameterName, value, "The parameter '" + parameterName + "' must be " + range + ".");
            }
        }
    }
}
