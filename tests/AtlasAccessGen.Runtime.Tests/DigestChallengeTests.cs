using System.Net.Http;
using AtlasAccessGen.Runtime.Authentication;
using Xunit;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>The Digest computation against RFC 7616's worked example (section 3.9.1).</summary>
public class DigestChallengeTests
{
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private const string ClientNonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestChallenge Challenge(string challenges)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        foreach (string challenge in challenges.Split('|'))
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        }

        return DigestChallenge.Select(response.Headers.WwwAuthenticate)!;
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Response_matches_the_rfc_example(string algorithm, string expected)
    {
        DigestChallenge challenge = Challenge("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm + ", nonce=\"" + Nonce + "\", opaque=\"" + Opaque + "\"");

        string header = challenge.Authorize("GET", "/dir/index.html", new AtlasApiKey("Mufasa", "Circle of Life"), ClientNonce);

        Assert.Contains("response=\"" + expected + "\"", header, System.StringComparison.Ordinal);
        Assert.Contains("nc=00000001", header, System.StringComparison.Ordinal);
        Assert.Contains("qop=auth,", header, System.StringComparison.Ordinal);
        Assert.Contains("opaque=\"" + Opaque + "\"", header, System.StringComparison.Ordinal);
        Assert.Contains("algorithm=" + algorithm, header, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Nonce_count_increments_per_request_on_the_same_challenge()
    {
        DigestChallenge challenge = Challenge("Digest realm=\"MMS Public API\", domain=\"\", nonce=\"abc\", qop=\"auth\", algorithm=MD5");
        var key = new AtlasApiKey("user", "secret");

        challenge.Authorize("GET", "/a", key, "c1");
        string second = challenge.Authorize("GET", "/a", key, "c2");

        Assert.Contains("nc=00000002", second, System.StringComparison.Ordinal);
        Assert.DoesNotContain("secret", second, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_strongest_offered_algorithm_is_chosen_and_quoted_commas_are_read_whole()
    {
        DigestChallenge challenge = Challenge("Digest realm=\"a, b\", nonce=\"n1\", qop=\"auth\", algorithm=MD5|Digest realm=\"a, b\", nonce=\"n2\", qop=\"auth\", algorithm=SHA-256, stale=TRUE");

        Assert.Equal("SHA-256", challenge.Algorithm);
        Assert.Equal("a, b", challenge.Realm);
        Assert.Equal("n2", challenge.Nonce);
        Assert.True(challenge.Stale);
    }

    [Theory]
    [InlineData("MD5", 10)]
    [InlineData("MD5", 3000)]
    [InlineData("SHA-256-sess", 3000)]
    public void Response_is_RFC_7616_for_any_uri_length_and_key_and_escapes_quotes(string algorithm, int uriLength)
    {
        DigestChallenge challenge = Challenge("Digest realm=\"MMS Public API\", nonce=\"n\\\"1\", qop=\"auth\", algorithm=" + algorithm);
        string uri = "/api/atlas/v2/groups?q=" + new string('x', uriLength);
        bool sha256 = algorithm.StartsWith("SHA-256", System.StringComparison.Ordinal);
        foreach (var key in new[] { new AtlasApiKey("user", "secret"), new AtlasApiKey("user", "other-secret-é") })
        {
            string header = challenge.Authorize("GET", uri, key, "c1");

            string ha1 = Reference(sha256, key.PublicKey + ":MMS Public API:" + key.PrivateKey);
            if (algorithm.EndsWith("-sess", System.StringComparison.Ordinal))
            {
                ha1 = Reference(sha256, ha1 + ":n\"1:c1");
            }

            string nc = header.Substring(header.IndexOf("nc=", System.StringComparison.Ordinal) + 3, 8);
            string expected = Reference(sha256, ha1 + ":n\"1:" + nc + ":c1:auth:" + Reference(sha256, "GET:" + uri));
            Assert.Contains("response=\"" + expected + "\"", header, System.StringComparison.Ordinal);
            Assert.Contains("nonce=\"n\\\"1\"", header, System.StringComparison.Ordinal);
        }

        static string Reference(bool sha256, string text)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
            return System.Convert.ToHexString(sha256 ? System.Security.Cryptography.SHA256.HashData(bytes) : System.Security.Cryptography.MD5.HashData(bytes)).ToLowerInvariant();
        }
    }

    [Fact]
    public void Api_key_ToString_never_shows_the_private_key()
    {
        Assert.DoesNotContain("s3cr3t", new AtlasApiKey("pub", "s3cr3t").ToString(), System.StringComparison.Ordinal);
    }
}
