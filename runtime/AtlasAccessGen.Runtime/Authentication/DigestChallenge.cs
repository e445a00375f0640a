using System;
using System.Buffers;
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
        private CachedHash? _credentialsHash;

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
            string ha1 = CredentialsHash(key, sha256);
            if (Algorithm.EndsWith("-sess", StringComparison.Ordinal))
            {
                ha1 = Hash(sha256, ha1, Nonce, cnonce);
            }

            string ha2 = Hash(sha256, method, digestUri);
            string response = QopAuth ? Hash(sha256, ha1, Nonce, nc, cnonce, "auth", ha2) : Hash(sha256, ha1, Nonce, ha2);

            var header = new StringBuilder(192 + digestUri.Length);
            AppendQuoted(header.Append("username="), key.PublicKey);
            AppendQuoted(header.Append(", realm="), Realm);
            AppendQuoted(header.Append(", nonce="), Nonce);
            AppendQuoted(header.Append(", uri="), digestUri);
            header.Append(", algorithm=").Append(Algorithm);
            AppendQuoted(header.Append(", response="), response);
            if (QopAuth)
            {
                AppendQuoted(header.Append(", qop=auth, nc=").Append(nc).Append(", cnonce="), cnonce);
            }

            if (Opaque is not null)
            {
                AppendQuoted(header.Append(", opaque="), Opaque);
            }

            return header.ToString();
        }

        public static string NewClientNonce()
        {
            Span<byte> random = stackalloc byte[16];
            RandomNumberGenerator.Fill(random);
            return LowerHex(random);
        }

        /// <summary>
        /// H(username:realm:password), the same for every request answered with this challenge, so it is hashed once
        /// (per key: a handler has one, but nothing stops two handlers sharing a challenge object in tests).
        /// </summary>
        private string CredentialsHash(AtlasApiKey key, bool sha256)
        {
            CachedHash? cached = Volatile.Read(ref _credentialsHash);
            if (cached is null || !ReferenceEquals(cached.Key, key))
            {
                cached = new CachedHash(key, Hash(sha256, key.PublicKey, Realm, key.PrivateKey));
                Volatile.Write(ref _credentialsHash, cached);
            }

            return cached.Value;
        }

        /// <summary>The lowercase hex digest of the parts joined with ':', hashed from one UTF-8 buffer.</summary>
        private static string Hash(bool sha256, params ReadOnlySpan<string> parts)
        {
            int length = parts.Length - 1;
            foreach (string part in parts)
            {
                length += Encoding.UTF8.GetByteCount(part);
            }

            byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
            Span<byte> text = rented ?? stackalloc byte[512];
            int written = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    text[written++] = (byte)':';
                }

                written += Encoding.UTF8.GetBytes(parts[i], text.Slice(written));
            }

            Span<byte> digest = stackalloc byte[32];
            int size = sha256 ? SHA256.HashData(text.Slice(0, written), digest) : MD5.HashData(text.Slice(0, written), digest);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true); // it held the private key
            }

            return LowerHex(digest.Slice(0, size));
        }

        private static string LowerHex(ReadOnlySpan<byte> bytes)
        {
            Span<char> chars = stackalloc char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
                chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        private static void AppendQuoted(StringBuilder header, string value)
        {
            header.Append('"');
            foreach (char c in value)
            {
                if (c is '\\' or '"')
                {
                    header.Append('\\');
                }

                header.Append(c);
            }

            header.Append('"');
        }

        /// <summary>A class, not a record: the hash stands in for the private key and must not reach a ToString.</summary>
        private sealed class CachedHash
        {
            public CachedHash(AtlasApiKey key, string value)
            {
                Key = key;
                Value = value;
            }

            public AtlasApiKey Key { get; }

            public string Value { get; }
        }

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
