using System;

namespace AtlasAccessGen.Runtime
{
    /// <summary>Client-wide settings of a generated Atlas client.</summary>
    public sealed class AtlasClientOptions
    {
        /// <summary>The public Atlas endpoint.</summary>
        public static readonly Uri DefaultBaseAddress = new Uri("https://cloud.mongodb.com/");

        /// <summary>
        /// Where requests go when the <see cref="System.Net.Http.HttpClient"/> has no
        /// <see cref="System.Net.Http.HttpClient.BaseAddress"/> of its own. Defaults to <see cref="DefaultBaseAddress"/>.
        /// </summary>
        public Uri BaseAddress { get; set; } = DefaultBaseAddress;

        /// <summary>
        /// Asks Atlas to wrap every response in <c>{"status": ..., "content": ...}</c> (<c>envelope=true</c>); the client
        /// unwraps it, so results are the same either way. A call's <see cref="AtlasRequestOptions.Envelope"/> overrides it.
        /// </summary>
        public bool Envelope { get; set; }

        /// <summary>Asks Atlas to indent response bodies (<c>pretty=true</c>). A call's <see cref="AtlasRequestOptions.Pretty"/> overrides it.</summary>
        public bool Pretty { get; set; }
    }
}
