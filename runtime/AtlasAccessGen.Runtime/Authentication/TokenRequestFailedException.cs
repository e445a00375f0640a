using System.Net.Http;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// The token request got no answer (a refused or dropped connection, a body cut short). The call it was for has
    /// not been sent, and the token request is safe to repeat, so the retry handler retries it whatever the call's method.
    /// </summary>
    internal sealed class TokenRequestFailedException : HttpRequestException
    {
        public TokenRequestFailedException(HttpRequestException inner)
            : base(inner.HttpRequestError, "The request to the Atlas token endpoint (POST /api/oauth/token) got no answer: " + inner.Message, inner)
        {
        }
    }
}
