namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// Checks a value bound for a request header. The handlers add headers without validation (so values are sent as
    /// written), which also means a CR or LF would end the header and start another: only printable ASCII may pass.
    /// </summary>
    internal static class HeaderValue
    {
        /// <summary>Why <paramref name="value"/> cannot go into a header, or null when it can. Never quotes the value.</summary>
        public static string? Problem(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] < ' ' || value[i] > '~')
                {
                    return "may hold only printable ASCII characters (space to '~'), since it is sent in a request header, where a control character such as CR or LF would end the header; found U+"
                        + ((int)value[i]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " at index " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
                }
            }

            return null;
        }
    }
}
