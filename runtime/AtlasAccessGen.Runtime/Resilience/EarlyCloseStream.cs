using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Resilience
{
    /// <summary>
    /// A connection's stream on which the server closing the connection after a request and before the first byte of
    /// its answer is an <see cref="IOException"/>, not an end of stream.
    /// </summary>
    /// <remarks>
    /// SocketsHttpHandler treats an end of stream before any byte of the answer to a request without a body (a GET or
    /// DELETE) as a closed pooled connection and silently sends the request again, up to three times, on new connections
    /// (HttpConnection sets <c>_canRetry</c>, HttpConnectionPool retries up to <c>MaxConnectionFailureRetries</c>). Under
    /// <see cref="AtlasRetryHandler"/> that multiplied the attempts: <c>MaxRetries = 2</c> became 12 requests. An
    /// exception instead of the end of stream is not resent by the pool, so each attempt is one request and the retry
    /// handler alone decides, by its rules, whether there is another. A connection that closes while idle still ends
    /// normally: the answer to the last request arrived on it, so it is merely not reused.
    /// </remarks>
    internal sealed class EarlyCloseStream : Stream
    {
        private readonly Stream _inner;

        // Bytes read since the last write; -1 before the first write, when there is no request to answer yet.
        private long _readSinceWrite = -1;

        public EarlyCloseStream(Stream inner) => _inner = inner;

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Check(_inner.Read(buffer), buffer.Length);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Check(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Interlocked.Exchange(ref _readSinceWrite, 0);
            _inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Exchange(ref _readSinceWrite, 0);
            return _inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => _inner.DisposeAsync();

        private int Check(int read, int requested)
        {
            if (read > 0)
            {
                Interlocked.Add(ref _readSinceWrite, read);
            }
            else if (requested > 0 && Interlocked.Read(ref _readSinceWrite) == 0)
            {
                // A zero-byte read (the pool's idle check) returns 0 without meaning an end of stream: only a real read counts.
                throw new IOException("The server closed the connection before answering the request.");
            }

            return read;
        }
    }
}
