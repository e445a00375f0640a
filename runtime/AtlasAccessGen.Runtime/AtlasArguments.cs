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
        /// <param name="value">The value.</param>
        /// <param name="parameterName">The parameter, for the exception.</param>
        /// <param name="preEncoded">
        /// The spec asks for the value already percent-encoded (an access-list entry <c>192.0.2.0%2F24</c>): its
        /// <c>%XX</c> escapes are kept and only the rest is escaped.
        /// </param>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="value"/> is empty, <c>.</c> or <c>..</c>, which would change the path.</exception>
        public static string PathSegment(string value, string parameterName, bool preEncoded = false)
        {
            ArgumentNullException.ThrowIfNull(value, parameterName);
            string segment = preEncoded ? EscapeKeepingEscapes(value) : Uri.EscapeDataString(value);
            string decoded = preEncoded ? Uri.UnescapeDataString(segment) : value;
            if (decoded.Length == 0 || decoded == "." || decoded == "..")
            {
                throw new ArgumentException("The path parameter '" + parameterName + "' must not be empty, '.' or '..'.", parameterName);
            }

            return segment;
        }

        private static string EscapeKeepingEscapes(string value)
        {
            var result = new System.Text.StringBuilder(value.Length + 8);
            int start = 0;
            for (int i = 0; i <= value.Length; i++)
            {
                bool escape = i + 2 < value.Length && value[i] == '%' && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]);
                if (i == value.Length || escape)
                {
                    result.Append(Uri.EscapeDataString(value.Substring(start, i - start)));
                    if (escape)
                    {
                        result.Append(value, i, 3);
                        i += 2;
                    }

                    start = i + 1;
                }
            }

            return result.ToString();
        }

        /// <summary>Checks a string against the spec's <c>pattern</c>; null passes (optional values are checked only when given).</summary>
        /// <exception cref="ArgumentException">The value does not match.</exception>
        public static void Matches(string? value, string pattern, string parameterName)
        {
            if (value is null)
            {
                return;
            }

            Regex regex = Patterns.GetOrAdd(pattern, static p => Compile(EndAnchorsAtEndOfInput(p)));
            bool matches;
            try
            {
                matches = regex.IsMatch(value);
            }
            catch (RegexMatchTimeoutException e)
            {
                throw new ArgumentException("The parameter '" + parameterName + "' could not be checked against " + pattern + " in time.", parameterName, e);
            }

            if (!matches)
            {
                // The value is left out: a parameter may carry a token, and exception messages end up in logs.
                throw new ArgumentException("The parameter '" + parameterName + "' must match " + pattern + "; the value given (" + value.Length + " characters) does not.", parameterName);
            }
        }

        /// <summary>ECMA-262 semantics (<c>\d</c> is ASCII only) where .NET supports them for the pattern, .NET's otherwise.</summary>
        private static Regex Compile(string pattern)
        {
            try
            {
                return new Regex(pattern, RegexOptions.ECMAScript, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
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
