using System.Net.Http;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// The token request got no answer (a refused or dropped connection, a body cut short). The call it was for has
    /// not been sent, and the token request is safe to repeat, so the retry handler retries it whatever the call's method.
    /// </summary>
    internal sealed class TokenRequestFailedException : HttpRequestException
    {
        public TokenRequestFailedException(System.Exception inner)
            : base((inner as HttpRequestException)?.HttpRequestError ?? HttpRequestError.ResponseEnded, "The request to the Atlas token endpoint (POST /api/oauth/token) got no whole answer: " + inner.Message, inner)
        {
        }
    }
}
