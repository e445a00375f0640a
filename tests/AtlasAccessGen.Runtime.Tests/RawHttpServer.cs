using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>One request as the raw server read it off the socket.</summary>
public sealed record RawRequest(string Method, string Path, string Body, int Connection);

/// <summary>What the raw server does with a request: the bytes it writes, and whether it closes the connection after them.</summary>
public sealed record RawReply(byte[] Bytes, bool Close)
{
    /// <summary>Closes the connection without writing a byte: the server took the request and never answered.</summary>
    public static RawReply CloseWithoutAnswer { get; } = new(Array.Empty<byte>(), Close: true);

    /// <summary>A whole response with a Content-Length; the connection stays open for the next request.</summary>
    public static RawReply Whole(int status, string body, string contentType = "application/json", params string[] headers) =>
        new(Head(status, contentType, headers.Append("Content-Length: " + Encoding.UTF8.GetByteCount(body))).Concat(Encoding.UTF8.GetBytes(body)).ToArray(), Close: false);

    /// <summary>Headers promising <paramref name="contentLength"/> bytes, then only the first <paramref name="sent"/> of <paramref name="body"/>, then a close.</summary>
    public static RawReply CutShort(int status, string body, int contentLength, int sent) =>
        new(Head(status, "application/json", new[] { "Content-Length: " + contentLength }).Concat(Encoding.UTF8.GetBytes(body).Take(sent)).ToArray(), Close: true);

    /// <summary>A chunked body whose first chunk is sent and whose terminating chunk never comes, then a close.</summary>
    public static RawReply ChunkedCutShort(int status, string firstChunk)
    {
        byte[] chunk = Encoding.UTF8.GetBytes(firstChunk);
        byte[] framing = Encoding.ASCII.GetBytes(chunk.Length.ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
        return new(Head(status, "application/json", new[] { "Transfer-Encoding: chunked" }).Concat(framing).Concat(chunk).Concat("\r\n"u8.ToArray()).ToArray(), Close: true);
    }

    private static byte[] Head(int status, string contentType, IEnumerable<string> headers) =>
        Encoding.ASCII.GetBytes("HTTP/1.1 " + status + " " + ((HttpStatusCode)status) + "\r\nContent-Type: " + contentType + "\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n");
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that writes replies byte for byte, so a test can cut a body short or close a
/// connection before answering, which HttpListener cannot. Records every request it reads, in order, before replying.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<RawRequest> _requests = new();
    private readonly Func<RawRequest, RawReply> _reply;
    private readonly Task _acceptLoop;
    private int _connections;

    public RawHttpServer(Func<RawRequest, RawReply> reply)
    {
        _reply = reply;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>A snapshot of every request read so far.</summary>
    public IReadOnlyList<RawRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>How many requests were read for <paramref name="path"/>.</summary>
    public int Count(string path) => Requests.Count(r => r.Path == path);

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            int connection = Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client, connection));
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                var buffer = new List<byte>();
                while (await ReadRequestAsync(stream, buffer, connection) is { } request)
                {
                    lock (_requests)
                    {
                        _requests.Add(request);
                    }

                    RawReply reply = _reply(request);
                    await stream.WriteAsync(reply.Bytes, _stopping.Token);
                    await stream.FlushAsync(_stopping.Token);
                    if (reply.Close)
                    {
                        // A FIN rather than a reset, so the client reads what was written and then the end of the stream.
                        client.Client.Shutdown(SocketShutdown.Both);
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task<RawRequest?> ReadRequestAsync(NetworkStream stream, List<byte> buffer, int connection)
    {
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
        {
            int read = await stream.ReadAsync(chunk, _stopping.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.Take(read));
        }

        string[] lines = Encoding.ASCII.GetString(buffer.Take(headerEnd).ToArray()).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        int length = lines.Skip(1)
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        buffer.RemoveRange(0, headerEnd + 4);
        while (buffer.Count < length)
        {
            int read = await stream.ReadAsync(chunk, _stopping.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.Take(read));
        }

        string body = Encoding.UTF8.GetString(buffer.Take(length).ToArray());
        buffer.RemoveRange(0, length);
        string target = requestLine[1];
        int query = target.IndexOf('?', StringComparison.Ordinal);
        return new RawRequest(requestLine[0], query < 0 ? target : target.Substring(0, query), body, connection);
    }

    private static int IndexOf(List<byte> buffer, byte[] pattern)
    {
        for (int i = 0; i + pattern.Length <= buffer.Count; i++)
        {
            int j = 0;
            while (j < pattern.Length && buffer[i + j] == pattern[j])
            {
                j++;
            }

            if (j == pattern.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
