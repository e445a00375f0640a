using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// One server challenge (RFC 7616) and the nonce count of the requests answered with it. Shared by
    /// concurrent requests: only <see cref="NextNonceCount"/> changes, atomically.
    /// </summary>
    internal sealed class DigestChallenge
    {
        private long _nonceCount;

        private DigestChallenge(string realm, string nonce, string? opaque, string algorithm, bool qopAuth, bool stale)
        {
            Realm = realm;
            Nonce = nonce;
            Opaque = opaque;
            Algorithm = algorithm;
            QopAuth = qopAuth;
            Stale = stale;
        }

        public string Realm { get; }

        public string Nonce { get; }

        public string? Opaque { get; }

        /// <summary>MD5, MD5-sess, SHA-256 or SHA-256-sess.</summary>
        public string Algorithm { get; }

        /// <summary>The server offers <c>qop=auth</c>; otherwise the RFC 2069 form without nc and cnonce is used.</summary>
        public bool QopAuth { get; }

        /// <summary>The server says the previous nonce expired but the credentials were right.</summary>
        public bool Stale { get; }

        public long NextNonceCount() => Interlocked.Increment(ref _nonceCount);

        /// <summary>The strongest Digest challenge this client supports among the response's, or null.</summary>
        public static DigestChallenge? Select(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges)
        {
            DigestChallenge? best = null;
            foreach (AuthenticationHeaderValue challenge in challenges)
            {
                if (!string.Equals(challenge.Scheme, "Digest", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is null)
                {
                    continue;
                }

                Dictionary<string, string> values = ParseParameters(challenge.Parameter);
                string algorithm = values.TryGetValue("algorithm", out string? a) ? a.ToUpperInvariant() : "MD5";
                if (algorithm is not ("MD5" or "MD5-SESS" or "SHA-256" or "SHA-256-SESS")
                    || !values.TryGetValue("nonce", out string? nonce)
                    || !values.TryGetValue("realm", out string? realm))
                {
                    continue;
                }

                bool qopAuth = values.TryGetValue("qop", out string? qop) && Array.Exists(qop.Split(','), q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
                if (values.ContainsKey("qop") && !qopAuth)
                {
                    continue; // auth-int only: the body would have to be hashed, which Atlas never asks for.
                }

                var candidate = new DigestChallenge(
                    realm,
                    nonce,
                    values.TryGetValue("opaque", out string? opaque) ? opaque : null,
                    algorithm.Replace("-SESS", "-sess"),
                    qopAuth,
                    values.TryGetValue("stale", out string? stale) && stale.Equals("true", StringComparison.OrdinalIgnoreCase));
                if (best is null || (candidate.Algorithm.StartsWith("SHA-256", StringComparison.Ordinal) && !best.Algorithm.StartsWith("SHA-256", StringComparison.Ordinal)))
                {
                    best = candidate;
                }
            }

            return best;
        }

        /// <summary>The <c>Authorization</c> parameter for one request.</summary>
        /// <param name="method">The request method.</param>
        /// <param name="digestUri">The request target exactly as sent (path and query).</param>
        /// <param name="key">The API key.</param>
        /// <param name="cnonce">The client nonce; random per request (fixed only in tests).</param>
        public string Authorize(string method, string digestUri, AtlasApiKey key, string cnonce)
        {
            string nc = NextNonceCount().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            bool sha256 = Algorithm.StartsWith("SHA-256", StringComparison.Ordinal);
            string ha1 = Hash(sha256, key.PublicKey + ":" + Realm + ":" + key.PrivateKey);
            if (Algorithm.EndsWith("-sess", StringComparison.Ordinal))
            {
                ha1 = Hash(sha256, ha1 + ":" + Nonce + ":" + cnonce);
            }

            string ha2 = Hash(sha256, method + ":" + digestUri);
            string response = QopAuth
                ? Hash(sha256, ha1 + ":" + Nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : Hash(sha256, ha1 + ":" + Nonce + ":" + ha2);

            var header = new StringBuilder("username=").Append(Quote(key.PublicKey))
                .Append(", realm=").Append(Quote(Realm))
                .Append(", nonce=").Append(Quote(Nonce))
                .Append(", uri=").Append(Quote(digestUri))
                .Append(", algorithm=").Append(Algorithm)
                .Append(", response=").Append(Quote(response));
            if (QopAuth)
            {
                header.Append(", qop=auth, nc=").Append(nc).Append(", cnonce=").Append(Quote(cnonce));
            }

            if (Opaque is not null)
            {
                header.Append(", opaque=").Append(Quote(Opaque));
            }

            return header.ToString();
        }

        public static string NewClientNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

        private static string Hash(bool sha256, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Convert.ToHexString(sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes)).ToLowerInvariant();
        }

        private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>Reads <c>key=value, key="quoted, \"value\""</c> lists (RFC 7235 auth-params).</summary>
        internal static Dictionary<string, string> ParseParameters(string text)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
                {
                    i++;
                }

                int nameStart = i;
                while (i < text.Length && text[i] != '=' && text[i] != ',')
                {
                    i++;
                }

                string name = text.Substring(nameStart, i - nameStart).Trim();
                if (i >= text.Length || text[i] != '=')
                {
                    continue;
                }

                i++;
                var value = new StringBuilder();
                if (i < text.Length && text[i] == '"')
                {
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                    }

                    i++;
                }
                else
                {
                    for (; i < text.Length && text[i] != ','; i++)
                    {
                        value.Append(text[i]);
                    }
                }

                if (name.Length > 0)
                {
                    values[name] = value.ToString().Trim();
                }
            }

            return values;
        }
    }
}
