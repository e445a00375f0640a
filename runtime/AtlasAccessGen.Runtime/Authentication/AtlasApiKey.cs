using System;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// An Atlas programmatic API key: the public key is the Digest user name, the private key its password.
    /// <see cref="ToString"/> never shows the private key.
    /// </summary>
    public sealed class AtlasApiKey
    {
        /// <summary>Creates the key pair.</summary>
        /// <exception cref="ArgumentException">Either part is null or empty.</exception>
        public AtlasApiKey(string publicKey, string privateKey)
        {
            ArgumentException.ThrowIfNullOrEmpty(publicKey);
            ArgumentException.ThrowIfNullOrEmpty(privateKey);
            PublicKey = publicKey;
            PrivateKey = privateKey;
        }

        /// <summary>The public key (the Digest user name); not a secret.</summary>
        public string PublicKey { get; }

        /// <summary>The private key (the Digest password). Never logged.</summary>
        public string PrivateKey { get; }

        /// <inheritdoc/>
        public override string ToString() => "AtlasApiKey { PublicKey = " + PublicKey + ", PrivateKey = *** }";
    }
}
