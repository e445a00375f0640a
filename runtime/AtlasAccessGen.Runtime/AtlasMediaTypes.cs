using System;

namespace AtlasAccessGen.Runtime
{
    /// <summary>The media types the Atlas Admin API uses to select a resource version.</summary>
    public static class AtlasMediaTypes
    {
        /// <summary>The plain JSON media type: error bodies, and the legacy v1.0 API.</summary>
        public const string Json = "application/json";

        /// <summary>
        /// The versioned media type for an API version, e.g. <c>application/vnd.atlas.2023-01-01+json</c>.
        /// Atlas does no content negotiation, so a request names exactly one of these.
        /// </summary>
        /// <param name="version">A date (<c>yyyy-MM-dd</c>) or <c>preview</c>.</param>
        /// <exception cref="ArgumentException"><paramref name="version"/> is neither.</exception>
        public static string ForVersion(string version)
        {
            ArgumentNullException.ThrowIfNull(version);
            bool isDate = version.Length == 10
                && DateOnly.TryParseExact(version, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
            if (!isDate && version != "preview")
            {
                throw new ArgumentException("An Atlas API version is a date such as 2023-01-01, or 'preview'; got '" + version + "'.", nameof(version));
            }

            return "application/vnd.atlas." + version + "+json";
        }
    }
}
