using System;

namespace AtlasAccessGen.Runtime.Authentication
{
    /// <summary>
    /// An Atlas Service Account: an OAuth2 client id and secret, exchanged for bearer tokens with the client
    /// credentials grant. <see cref="ToString"/> never shows the secret.
    /// </summary>
    public sealed class AtlasServiceAccount
    {
        /// <summary>Creates the credentials.</summary>
        /// <exception cref="ArgumentException">Either part is null or empty.</exception>
        public AtlasServiceAccount(string clientId, string clientSecret)
        {
            ArgumentException.ThrowIfNullOrEmpty(clientId);
            ArgumentException.ThrowIfNullOrEmpty(clientSecret);
            ClientId = clientId;
            ClientSecret = clientSecret;
        }

        /// <summary>The client id (<c>mdb_sa_id_...</c>); not a secret.</summary>
        public string ClientId { get; }

        /// <summary>The client secret. Never logged.</summary>
        public string ClientSecret { get; }

        /// <inheritdoc/>
        public override string ToString() => "AtlasServiceAccount { ClientId = " + ClientId + ", ClientSecret = *** }";
    }
}
