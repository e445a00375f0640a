using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using AtlasAccessGen.Runtime.Diagnostics;
using AtlasAccessGen.Runtime.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtlasAccessGen.Runtime.DependencyInjection
{
    /// <summary>
    /// Registers a generated Atlas client as a typed client on <c>IHttpClientFactory</c>, with the same pipeline
    /// <see cref="AtlasHttp"/> builds without DI: retries, logging, then authentication. The generated
    /// <c>AddAtlasClient</c> extension of each spec's namespace calls this.
    /// </summary>
    public static class AtlasServices
    {
        /// <summary>Registers <typeparamref name="TClient"/> under <paramref name="name"/>, configured by <paramref name="configure"/>.</summary>
        /// <param name="services">The service collection.</param>
        /// <param name="name">The HTTP client and options name (one per spec namespace).</param>
        /// <param name="configure">Sets the options; they are validated when the first client is created.</param>
        /// <param name="create">Creates the client over the factory's <see cref="HttpClient"/>.</param>
        public static IHttpClientBuilder AddAtlasHttpClient<TClient>(
            IServiceCollection services,
            string name,
            Action<AtlasClientOptions> configure,
            Func<HttpClient, AtlasClientOptions, TClient> create)
            where TClient : class
        {
            ArgumentNullException.ThrowIfNull(services);
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(configure);
            ArgumentNullException.ThrowIfNull(create);

            // A second call for the same name adds its configuration, not a second copy of the handlers.
            bool registered = services.Any(d => d.ServiceType == typeof(Registration) && d.ImplementationInstance is Registration r && r.Name == name);
            services.AddOptions<AtlasClientOptions>(name).Configure(configure);
            if (registered)
            {
                return services.AddHttpClient(name);
            }

            services.AddSingleton(new Registration(name));
            services.AddOptions<AtlasClientOptions>(name)
                .Validate(
                    options =>
                    {
                        options.Validate();
                        return true;
                    });

            static AtlasClientOptions Options(IServiceProvider provider, string name) => provider.GetRequiredService<IOptionsMonitor<AtlasClientOptions>>().Get(name);

            return services
                .AddHttpClient<TClient, TClient>(name, (HttpClient http, IServiceProvider provider) => create(http, Options(provider, name)))
                .ConfigureHttpClient((provider, http) =>
                {
                    AtlasClientOptions options = Options(provider, name);
                    http.BaseAddress = options.BaseAddress;
                    http.Timeout = options.Timeout;
                })
                .ConfigurePrimaryHttpMessageHandler(AtlasHttp.CreatePrimaryHandler)

                // The handlers keep the Digest nonce and the Service Account token; recycling them would throw both away.
                // DNS changes are still picked up: the primary handler renews its connections every 5 minutes.
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .AddHttpMessageHandler(provider =>
                {
                    AtlasClientOptions options = Options(provider, name);
                    return new AtlasRetryHandler(options.Retry, options.TimeProvider);
                })
                .AddHttpMessageHandler(provider =>
                {
                    AtlasClientOptions options = Options(provider, name);
                    ILoggerFactory? loggers = options.LoggerFactory ?? provider.GetService<ILoggerFactory>();
                    return new AtlasLoggingHandler(loggers?.CreateLogger("AtlasAccessGen.Http"), options.TimeProvider);
                })
                .AddHttpMessageHandler(provider => AtlasHttp.CreateAuthenticationHandler(Options(provider, name)) ?? new PassThroughHandler())

                // The factory's own logging sits below authentication and logs request headers at Trace in .NET 8:
                // Authorization (Basic with the client secret, Bearer tokens, Digest responses) must not reach it.
                .RedactLoggedHeaders(static _ => true);
        }

        /// <summary>Marks a name as registered, so registering it again does not stack the handlers.</summary>
        private sealed record Registration(string Name);

        /// <summary>Stands in for authentication when the options carry no credentials.</summary>
        private sealed class PassThroughHandler : DelegatingHandler
        {
        }
    }
}
