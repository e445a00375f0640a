using System;
using System.Collections.Generic;
using System.Globalization;

namespace AtlasAccessGen.Runtime.Resilience
{
    /// <summary>Reads <c>Retry-After</c>: delta seconds, or an HTTP date (also with a one-digit day, which HttpHeaders rejects).</summary>
    internal static class RetryAfterHeader
    {
        private static readonly string[] DateFormats = { "r", "ddd, d MMM yyyy HH:mm:ss 'GMT'", "dddd, d-MMM-yy HH:mm:ss 'GMT'" };

        /// <summary>
        /// The wait the first readable value asks for, or null when none is readable. Seconds too many for an
        /// <see cref="int"/> read as <see cref="TimeSpan.MaxValue"/>: longer than any wait allowed, not absent.
        /// </summary>
        public static TimeSpan? Parse(IEnumerable<string> values, DateTimeOffset now)
        {
            foreach (string raw in values)
            {
                string value = raw.Trim();
                if (value.Length > 0 && IsDigits(value))
                {
                    return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
                }

                if (DateTimeOffset.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset when))
                {
                    return when <= now ? TimeSpan.Zero : when - now;
                }
            }

            return null;
        }

        private static bool IsDigits(string value)
        {
            foreach (char c in value)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
