using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.IntegrationTests;

/// <summary>One request as the loopback server received it.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string method, string rawUrl, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string body)
    {
        Method = method;
        RawUrl = rawUrl;
        Headers = headers;
        Body = body;
        int question = rawUrl.IndexOf('?', StringComparison.Ordinal);
        Path = question < 0 ? rawUrl : rawUrl.Substring(0, question);
        Query = question < 0 ? string.Empty : rawUrl.Substring(question);
    }

    /// <summary>The HTTP method, e.g. <c>GET</c>.</summary>
    public string Method { get; }

    /// <summary>The request target exactly as received: path and query, still escaped.</summary>
    public string RawUrl { get; }

    /// <summary>The escaped path, without the query.</summary>
    public string Path { get; }

    /// <summary>The query including its leading <c>?</c>, or empty when there is none.</summary>
    public string Query { get; }

    /// <summary>Every header line received, by case-insensitive name; a header sent on several lines has several values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The body as UTF-8 text (empty when there was none).</summary>
    public string Body { get; }

    /// <summary>The <c>Content-Type</c> header, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>
    /// Every media type the request accepts: all <c>Accept</c> header lines, each split at its commas,
    /// so both <c>Accept: a, b</c> and two <c>Accept</c> lines count as two values.
    /// </summary>
    public IReadOnlyList<string> AcceptValues =>
        HeaderValues("Accept")
            .SelectMany(line => line.Split(','))
            .Select(value => value.Trim())
            .Where(value => value.Length > 0)
            .ToArray();

    /// <summary>All the lines of a header (empty when it was not sent).</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        Headers.TryGetValue(name, out IReadOnlyList<string>? values) ? values : Array.Empty<string>();

    /// <summary>The header's value (its lines joined with <c>, </c>), or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out IReadOnlyList<string>? values) ? string.Join(", ", values) : null;
}

/// <summary>What the loopback server answers.</summary>
public sealed class LoopbackResponse
{
    /// <summary>The versioned media type Atlas uses for this API's bodies.</summary>
    public const string VersionedJson = "application/vnd.atlas.2023-01-01+json";

    public LoopbackResponse(int statusCode, string body = "", string? contentType = VersionedJson, params (string Name, string Value)[] headers)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers;
    }

    public int StatusCode { get; }

    /// <summary>The body, sent as UTF-8; empty sends no body (<c>Content-Length: 0</c>).</summary>
    public string Body { get; }

    /// <summary>The <c>Content-Type</c> header, sent as written (it may carry <c>;charset=utf-8</c>); null sends none.</summary>
    public string? ContentType { get; }

    /// <summary>Further response headers; a name given twice is sent twice.</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    public static LoopbackResponse Json(string body, int statusCode = 200, string contentType = VersionedJson) => new(statusCode, body, contentType);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) that records every request and answers each from a
/// script. The accept loop runs in the background; requests are recorded before the answer is sent,
/// so a test that awaited its call sees the request in <see cref="Requests"/>.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly Task _acceptLoop;
    private volatile Func<RecordedRequest, CancellationToken, Task<LoopbackResponse>> _responder;

    public LoopbackServer()
        : this(new LoopbackResponse(200, "{}"))
    {
    }

    public LoopbackServer(LoopbackResponse response)
    {
        _responder = (_, _) => Task.FromResult(response);
        (_listener, BaseAddress) = StartListener();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Answers every following request with <paramref name="response"/>.</summary>
    public void RespondWith(LoopbackResponse response) => _responder = (_, _) => Task.FromResult(response);

    /// <summary>Answers every following request with the given status, body, content type and headers.</summary>
    public void RespondWith(int statusCode, string body = "", string? contentType = LoopbackResponse.VersionedJson, params (string Name, string Value)[] headers) =>
        RespondWith(new LoopbackResponse(statusCode, body, contentType, headers));

    /// <summary>
    /// Answers every following request through <paramref name="responder"/>, which may wait; its token is
    /// cancelled when the server is disposed.
    /// </summary>
    public void RespondWith(Func<RecordedRequest, CancellationToken, Task<LoopbackResponse>> responder) => _responder = responder;

    /// <summary>An <see cref="HttpClient"/> whose base address is this server (or <paramref name="baseAddress"/>), with a short timeout.</summary>
    public HttpClient CreateHttpClient(Uri? baseAddress = null) =>
        new HttpClient { BaseAddress = baseAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        // The loop ends once GetContextAsync fails on the closed listener; don't hang a test on it.
        _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        _stopping.Dispose();
    }

    private static (HttpListener Listener, Uri BaseAddress) StartListener()
    {
        // A port found free may be taken before the listener binds it; try a few.
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            string prefix = "http://127.0.0.1:" + port + "/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return (listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            RecordedRequest recorded = await RecordAsync(context.Request);
            lock (_gate)
            {
                _requests.Add(recorded);
            }

            LoopbackResponse response = await _responder(recorded, _stopping.Token);
            await WriteAsync(context.Response, response);
        }
        catch (Exception)
        {
            // The client went away (a cancelled call) or the server is stopping: drop the connection.
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
            }
        }
    }

    private static async Task<RecordedRequest> RecordAsync(HttpListenerRequest request)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string? name in request.Headers.AllKeys)
        {
            if (name is not null)
            {
                headers[name] = request.Headers.GetValues(name) ?? Array.Empty<string>();
            }
        }

        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        return new RecordedRequest(request.HttpMethod, request.RawUrl ?? string.Empty, headers, body);
    }

    private static async Task WriteAsync(HttpListenerResponse response, LoopbackResponse scripted)
    {
        response.StatusCode = scripted.StatusCode;
        if (scripted.ContentType is not null)
        {
            response.ContentType = scripted.ContentType;
        }

        foreach ((string name, string value) in scripted.Headers)
        {
            response.Headers.Add(name, value);
        }

        byte[] body = Encoding.UTF8.GetBytes(scripted.Body);
        response.ContentLength64 = body.Length;
        if (body.Length > 0)
        {
            await response.OutputStream.WriteAsync(body);
        }

        response.Close();
    }
}
