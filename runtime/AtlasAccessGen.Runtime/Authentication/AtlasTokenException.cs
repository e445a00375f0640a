using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// The OAuth token endpoint refused to issue or revoke a token (e.g. 400 <c>invalid_client</c>, 401, 429).
    /// Keeps the endpoint's status, headers and raw body; the OAuth <c>error</c> fields are parsed when present.
    /// </summary>
    public sealed class AtlasTokenException : AtlasApiException
    {
        /// <summary>Creates the exception from the token endpoint's answer.</summary>
        public AtlasTokenException(HttpStatusCode statusCode, string method, string requestPath, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string rawBody, Exception? innerException = null)
            : base(statusCode, method, requestPath, headers, rawBody, AtlasApiError.TryParse(System.Text.Encoding.UTF8.GetBytes(rawBody)), Describe(statusCode, requestPath, rawBody, out string? error, out string? description), innerException)
        {
            OAuthError = error;
            OAuthErrorDescription = description;
        }

        /// <summary>The OAuth <c>error</c>, e.g. <c>invalid_client</c>.</summary>
        public string? OAuthError { get; }

        /// <summary>The OAuth <c>error_description</c>.</summary>
        public string? OAuthErrorDescription { get; }

        private static string Describe(HttpStatusCode status, string path, string body, out string? error, out string? description)
        {
            error = null;
            description = null;
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.TrimStart('\uFEFF'));
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    error = document.RootElement.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                    description = document.RootElement.TryGetProperty("error_description", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, say): the raw body is kept on the exception.
            }

            return Sentence("The Atlas token endpoint answered " + (int)status + " (" + status + ") to POST " + DisplayPath(path)
                + (error is null ? string.Empty : ": " + error + (description is null ? string.Empty : " (" + description + ")")));
        }
    }
}
