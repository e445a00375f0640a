using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AtlasAccessGen.Runtime.Diagnostics
{
    /// <summary>
    /// Replaces credentials with <c>***</c> in text a server sent back, before it becomes an exception's message, raw
    /// body or headers: servers echo requests (an OAuth <c>error_description</c> quoting the Authorization header, a
    /// proxy's error page), and exceptions end up in logs.
    /// </summary>
    /// <remarks>
    /// Each secret is looked for in every form it travels in: as written, URL- and form-encoded, JSON-escaped and
    /// Base64-encoded. Values shorter than <see cref="MinimumLength"/> are not looked for: they would match ordinary
    /// text, and real keys, client secrets and tokens are far longer.
    /// </remarks>
    internal sealed class SecretRedactor
    {
        /// <summary>The shortest value looked for.</summary>
        public const int MinimumLength = 8;

        private const string Mask = "***";

        private readonly string?[] _secrets;
        private string[]? _forms;

        private SecretRedactor(string?[] secrets) => _secrets = secrets;

        /// <summary>
        /// A redactor for the given secrets and every encoded form of them; null and short values are skipped. The forms
        /// are worked out on first use, so a call that succeeds pays for none of it.
        /// </summary>
        public static SecretRedactor For(params string?[] secrets) => new SecretRedactor(secrets);

        private string[] Forms => _forms ??= BuildForms(_secrets);

        private static string[] BuildForms(string?[] secrets)
        {
            var forms = new HashSet<string>(StringComparer.Ordinal);
            foreach (string? secret in secrets)
            {
                if (secret is null || secret.Length < MinimumLength)
                {
                    continue;
                }

                forms.Add(secret);
                forms.Add(Uri.EscapeDataString(secret));
                forms.Add(WebUtility.UrlEncode(secret));
                forms.Add(JsonEncodedText.Encode(secret).ToString());
                forms.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
            }

            // Longest first, so a secret inside a longer form (the Basic pair holds the secret) leaves no piece behind.
            return forms.OrderByDescending(f => f.Length).ToArray();
        }

        public string Redact(string text)
        {
            foreach (string form in Forms)
            {
                text = text.Replace(form, Mask, StringComparison.Ordinal);
            }

            return text;
        }

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Redact(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
        {
            if (Forms.Length == 0)
            {
                return headers;
            }

            var redacted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IReadOnlyList<string>> header in headers)
            {
                redacted[header.Key] = header.Value.Select(Redact).ToArray();
            }

            return redacted;
        }
    }
}
