using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AtlasAccessGen.Runtime
{
    /// <summary>
    /// The <c>ApiError</c> body Atlas sends with every error status, read by hand (no reflection) and
    /// leniently: a field of an unexpected type is left unset rather than failing the whole error.
    /// </summary>
    public sealed class AtlasApiError
    {
        private AtlasApiError(int? error, string? errorCode, string? detail, string? reason, IReadOnlyList<JsonElement> parameters, IReadOnlyList<AtlasBadRequestField> badRequestFields)
        {
            Error = error;
            ErrorCode = errorCode;
            Detail = detail;
            Reason = reason;
            Parameters = parameters;
            BadRequestFields = badRequestFields;
        }

        /// <summary>The HTTP status the body reports (<c>error</c>).</summary>
        public int? Error { get; }

        /// <summary>The application error code, e.g. <c>RESOURCE_NOT_FOUND</c> (<c>errorCode</c>).</summary>
        public string? ErrorCode { get; }

        /// <summary>What went wrong, in words (<c>detail</c>).</summary>
        public string? Detail { get; }

        /// <summary>The HTTP reason phrase (<c>reason</c>).</summary>
        public string? Reason { get; }

        /// <summary>The values the message refers to (<c>parameters</c>), kept as raw JSON.</summary>
        public IReadOnlyList<JsonElement> Parameters { get; }

        /// <summary>The invalid fields of a request body (<c>badRequestDetail.fields</c>).</summary>
        public IReadOnlyList<AtlasBadRequestField> BadRequestFields { get; }

        /// <summary>Reads an <c>ApiError</c>; null when the body is not a JSON object with <c>error</c> or <c>errorCode</c>.</summary>
        public static AtlasApiError? TryParse(ReadOnlySpan<byte> utf8Json)
        {
            try
            {
                var reader = new Utf8JsonReader(Utf8Bom.Skip(utf8Json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                using JsonDocument document = JsonDocument.ParseValue(ref reader);
                return FromElement(document.RootElement);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Reads an <c>ApiError</c> from an already parsed value (an enveloped <c>content</c>, say).</summary>
        public static AtlasApiError? FromElement(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            int? error = element.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int status) ? status : null;
            string? errorCode = String(element, "errorCode");
            if (error is null && errorCode is null)
            {
                return null;
            }

            var parameters = new List<JsonElement>();
            if (element.TryGetProperty("parameters", out JsonElement p) && p.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in p.EnumerateArray())
                {
                    parameters.Add(item.Clone());
                }
            }

            var fields = new List<AtlasBadRequestField>();
            if (element.TryGetProperty("badRequestDetail", out JsonElement detail) && detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("fields", out JsonElement f) && f.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in f.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        fields.Add(new AtlasBadRequestField(String(item, "field"), String(item, "description")));
                    }
                }
            }

            return new AtlasApiError(error, errorCode, String(element, "detail"), String(element, "reason"), parameters, fields);
        }

        /// <inheritdoc/>
        public override string ToString() => (ErrorCode ?? "(no errorCode)") + (Detail is null ? string.Empty : ": " + Detail);

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>One invalid field of a request body, from <c>badRequestDetail.fields</c>.</summary>
    /// <param name="Field">The field's name.</param>
    /// <param name="Description">Why it was rejected.</param>
    public sealed record AtlasBadRequestField(string? Field, string? Description);
}
