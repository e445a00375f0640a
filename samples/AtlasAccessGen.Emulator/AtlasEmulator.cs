using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AtlasAccessGen.Emulator;

/// <summary>
/// The Atlas Administration API's Cloud Provider Access resource on 127.0.0.1, as the spec and Atlas's
/// documentation describe it: Digest and Service Account authentication, versioned media types (and the deprecated
/// v1.0 routes in plain JSON), envelope and pretty, ApiError bodies, an in-memory store per project, a record of the
/// latest requests, and faults to inject on demand.
/// </summary>
public sealed class AtlasEmulator : IAsyncDisposable
{
    /// <summary>
    /// The project id the emulator suggests to callers (the demo uses it too). Any 24 hex digits name a project: each one
    /// starts empty and lives as long as the emulator.
    /// </summary>
    public const string ExampleProjectId = "5f3c2b1a0e9d8c7b6a594837";

    internal const string Version = "2023-01-01";

    /// <summary>The media type of the deprecated v1.0 API: plain JSON, no version date.</summary>
    internal const string PlainJson = "application/json";

    /// <summary>How many of the latest authenticated requests <see cref="RecentRequests"/> keeps.</summary>
    public const int RecentRequestLimit = 64;

    private static readonly string[] SupportedVersions = { Version };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<EmulatorFault> _faults = new();
    private readonly ConcurrentQueue<EmulatorRequest> _recent = new();
    private int _requests;

    private AtlasEmulator(WebApplication app, AtlasEmulatorOptions options)
    {
        _app = app;
        Options = options;
        Authentication = new EmulatorAuthentication(options);
        Store = new CloudProviderAccessStore(options);
        Projects = new ProjectStore(options);
    }

    /// <summary>The emulator's address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The credentials and timings in use.</summary>
    public AtlasEmulatorOptions Options { get; }

    /// <summary>Requests received so far (token requests included).</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>
    /// The latest authenticated API requests, oldest first (at most <see cref="RecentRequestLimit"/>, so a long
    /// benchmark run stays bounded): what a test asserts a client sent, exactly as it arrived.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<EmulatorRequest> RecentRequests => _recent.ToArray();

    internal EmulatorAuthentication Authentication { get; }

    internal CloudProviderAccessStore Store { get; }

    internal ProjectStore Projects { get; }

    /// <summary>Starts the emulator on 127.0.0.1.</summary>
    public static async Task<AtlasEmulator> StartAsync(AtlasEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AtlasEmulatorOptions();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        WebApplication app = builder.Build();
        var emulator = new AtlasEmulator(app, options);
        emulator.Configure(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>The id of the seeded project at <paramref name="index"/> (from 0) of <see cref="AtlasEmulatorOptions.SeededProjects"/>: listGroups answers them in this order.</summary>
    public static string SeededProjectId(int index) => ProjectStore.Id(index);

    /// <summary>Makes the next request (of <see cref="EmulatorFault.Method"/>, if set) meet <paramref name="fault"/>.</summary>
    public void InjectFault(EmulatorFault fault) => _faults.Enqueue(fault);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Configure(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            await WithFaults(context, next).ConfigureAwait(false);
        });

        app.MapPost("/api/oauth/token", Authentication.IssueTokenAsync);
        app.MapPost("/api/oauth/revoke", Authentication.RevokeAsync);

        // listGroups, the one list operation that pages (v2 only: v1.0 has no such operation here).
        app.MapGet("/api/atlas/v2/groups", (HttpContext c) => Handle(c, groupId: null, legacy: false, body: false, () => Projects.List(c.Request)));

        // The v2 API, and the deprecated v1.0 one over the same store: same operations, plain application/json.
        foreach ((string prefix, bool legacy) in new[] { ("/api/atlas/v2", false), ("/api/atlas/v1.0", true) })
        {
            string roles = prefix + "/groups/{groupId}/cloudProviderAccess";
            app.MapGet(roles, (HttpContext c, string groupId) => Handle(c, groupId, legacy, body: false, () => Store.List(groupId)));
            app.MapPost(roles, (HttpContext c, string groupId) => Handle(c, groupId, legacy, body: true, () => Store.Create(groupId, Body(c))));
            app.MapGet(roles + "/{roleId}", (HttpContext c, string groupId, string roleId) => Handle(c, groupId, legacy, body: false, () => Store.Get(groupId, roleId)));
            app.MapMethods(roles + "/{roleId}", new[] { "PATCH" }, (HttpContext c, string groupId, string roleId) => Handle(c, groupId, legacy, body: true, () => Store.Authorize(groupId, roleId, Body(c))));
            app.MapDelete(roles + "/{cloudProvider}/{roleId}", (HttpContext c, string groupId, string cloudProvider, string roleId) => Handle(c, groupId, legacy, body: false, () => Store.Deauthorize(groupId, cloudProvider, roleId)));
        }

        app.MapFallback((HttpContext c) => Write(c, EmulatorResult.Error(404, "RESOURCE_NOT_FOUND", "No such resource: " + c.Request.Path + ".")));
    }

    private async Task WithFaults(HttpContext context, RequestDelegate next)
    {
        EmulatorFault? fault = _faults.TryPeek(out EmulatorFault? head) && head.Matches(context.Request) && _faults.TryDequeue(out head) ? head : null;
        switch (fault)
        {
            case EmulatorFault.TooManyRequests tooMany:
                context.Response.Headers["Retry-After"] = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Write(context, EmulatorResult.Error(429, "RATE_LIMITED", "Too many requests; retry later.")).ConfigureAwait(false);
                return;
            case EmulatorFault.ServerError error:
                await Write(context, EmulatorResult.Error(error.StatusCode, error.StatusCode == 503 ? "SERVICE_UNAVAILABLE" : "UNEXPECTED_ERROR", "An injected server error.")).ConfigureAwait(false);
                return;
            case EmulatorFault.Latency latency:
                await Task.Delay(latency.Delay, context.RequestAborted).ConfigureAwait(false);
                await next(context).ConfigureAwait(false);
                return;
            case EmulatorFault.DroppedConnection:
            case EmulatorFault.TruncatedBody:
                Stream original = context.Response.Body;
                using (var buffer = new MemoryStream())
                {
                    context.Response.Body = buffer;
                    await next(context).ConfigureAwait(false);
                    context.Response.Body = original;
                    if (fault is EmulatorFault.DroppedConnection)
                    {
                        // The request took effect; the client never hears so.
                        context.Abort();
                        return;
                    }

                    byte[] bytes = buffer.ToArray();
                    context.Response.ContentLength = null;
                    await original.WriteAsync(bytes.AsMemory(0, bytes.Length / 2)).ConfigureAwait(false);
                }

                return;
            default:
                await next(context).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Authentication, then recording what arrived, then media type negotiation (dated versions for v2, plain JSON for
    /// v1.0), then the operation; every answer written the Atlas way.
    /// </summary>
    /// <param name="groupId">The project in the path; null for an operation without one.</param>
    private async Task Handle(HttpContext context, string? groupId, bool legacy, bool body, Func<EmulatorResult> operation)
    {
        if (Authentication.Check(context) is { } refused)
        {
            // A challenge needs a real 401 to carry it, envelope or not.
            await Write(context, refused, allowEnvelope: false).ConfigureAwait(false);
            return;
        }

        string? text = body ? await ReadBody(context).ConfigureAwait(false) : null;
        Record(context, text);
        if ((legacy ? NegotiateLegacy(context, body) : Negotiate(context, body)) is { } unacceptable)
        {
            await Write(context, unacceptable).ConfigureAwait(false);
            return;
        }

        if (groupId is not null && !CloudProviderAccessStore.IsId(groupId))
        {
            await Write(context, EmulatorResult.Error(400, "INVALID_GROUP_ID", "The specified group ID " + groupId + " is invalid.")).ConfigureAwait(false);
            return;
        }

        EmulatorResult result;
        try
        {
            context.Items["body"] = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
            result = operation();
        }
        catch (JsonException)
        {
            result = EmulatorResult.Error(400, "MALFORMED_JSON", "The request body is not valid JSON.");
        }

        await Write(context, result).ConfigureAwait(false);
    }

    /// <summary>Atlas does no content negotiation: the Accept must name a version the operation has (the newest on or before it wins).</summary>
    private static EmulatorResult? Negotiate(HttpContext context, bool body)
    {
        string accept = context.Request.Headers.Accept.ToString();
        string? version = ResolveVersion(accept);
        if (version is null)
        {
            return EmulatorResult.Error(406, "INVALID_VERSION_DATE", "The Accept header '" + accept + "' names no supported version; send application/vnd.atlas.2023-01-01+json.");
        }

        context.Items["version"] = version;
        context.Items["mediaType"] = "application/vnd.atlas." + version + "+json;charset=utf-8";
        if (body && ResolveVersion(context.Request.ContentType ?? string.Empty) is null)
        {
            return EmulatorResult.Error(415, "UNSUPPORTED_MEDIA_TYPE", "The Content-Type '" + context.Request.ContentType + "' is not a supported versioned media type.");
        }

        return null;
    }

    /// <summary>The v1.0 API has no version dates: it answers <c>application/json</c>, and the request must ask for it.</summary>
    private static EmulatorResult? NegotiateLegacy(HttpContext context, bool body)
    {
        context.Items["mediaType"] = PlainJson;
        string accept = context.Request.Headers.Accept.ToString();
        if (!IsPlainJson(accept))
        {
            return EmulatorResult.Error(406, "INVALID_MEDIA_TYPE", "The Accept header '" + accept + "' is not application/json, the only media type of the v1.0 API.");
        }

        if (body && !IsPlainJson(context.Request.ContentType ?? string.Empty))
        {
            return EmulatorResult.Error(415, "UNSUPPORTED_MEDIA_TYPE", "The Content-Type '" + context.Request.ContentType + "' is not application/json.");
        }

        return null;
    }

    private static bool IsPlainJson(string mediaType) => string.Equals(mediaType.Split(';')[0].Trim(), PlainJson, StringComparison.OrdinalIgnoreCase);

    private static string? ResolveVersion(string mediaType)
    {
        string value = mediaType.Split(';')[0].Trim();
        const string Prefix = "application/vnd.atlas.";
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith("+json", StringComparison.Ordinal))
        {
            return null;
        }

        string date = value.Substring(Prefix.Length, value.Length - Prefix.Length - "+json".Length);
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return null;
        }

        return SupportedVersions.Where(v => string.CompareOrdinal(v, date) <= 0).OrderByDescending(v => v, StringComparer.Ordinal).FirstOrDefault();
    }

    private static async Task<string> ReadBody(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private void Record(HttpContext context, string? body)
    {
        HttpRequest request = context.Request;
        _recent.Enqueue(new EmulatorRequest(request.Method, request.Path + request.QueryString, request.Headers.Accept.ToArray()!, request.ContentType, body));
        while (_recent.Count > RecentRequestLimit && _recent.TryDequeue(out _))
        {
        }
    }

    private static JsonNode? Body(HttpContext context) => context.Items["body"] as JsonNode;

    private int _served;

    internal async Task Write(HttpContext context, EmulatorResult result, bool allowEnvelope = true)
    {
        HttpResponse response = context.Response;
        response.Headers["RateLimit-Limit"] = "100";
        // A window of 100 requests that starts over, so the header counts down as a client would see it.
        int used = (Interlocked.Increment(ref _served) - 1) % 100;
        response.Headers["RateLimit-Remaining"] = (99 - used).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach ((string name, string value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        bool envelope = allowEnvelope && string.Equals(context.Request.Query["envelope"], "true", StringComparison.OrdinalIgnoreCase);
        bool pretty = string.Equals(context.Request.Query["pretty"], "true", StringComparison.OrdinalIgnoreCase);
        JsonNode? body = result.Body;
        int status = result.Status;
        if (envelope)
        {
            body = new JsonObject { ["status"] = status, ["content"] = body?.DeepClone() };
            status = 200;
        }

        response.StatusCode = status;
        string mediaType = context.Items["mediaType"] as string ?? "application/vnd.atlas." + Version + "+json;charset=utf-8";
        if (body is null)
        {
            // Atlas's 204s still name the version they answer with.
            response.ContentType = mediaType;
            return;
        }

        response.ContentType = result.IsError && !envelope ? PlainJson : mediaType;
        await response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = pretty }), context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>An authenticated API request as the emulator received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string.</param>
/// <param name="Accept">Every <c>Accept</c> header value, as sent.</param>
/// <param name="ContentType">The <c>Content-Type</c>, if any.</param>
/// <param name="Body">The body text of a POST or PATCH, verbatim; null for methods without one.</param>
public sealed record EmulatorRequest(string Method, string PathAndQuery, System.Collections.Generic.IReadOnlyList<string> Accept, string? ContentType, string? Body);

/// <summary>What an operation answers: a status, a JSON body (null for none) and extra headers.</summary>
internal sealed record EmulatorResult(int Status, JsonNode? Body, bool IsError = false)
{
    public (string Name, string Value)[] Headers { get; init; } = Array.Empty<(string, string)>();

    public static EmulatorResult Error(int status, string errorCode, string detail) =>
        new(status, new JsonObject
        {
            ["detail"] = detail,
            ["error"] = status,
            ["errorCode"] = errorCode,
            ["parameters"] = new JsonArray(),
            ["reason"] = ReasonPhrases(status),
        }, IsError: true);

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
