using System;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasAccessGen.Runtime.Workflows
{
    /// <summary>How often and how long a workflow helper polls or retries.</summary>
    public sealed class AtlasPollOptions
    {
        /// <summary>The wait between two reads. Default 10 s.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long to keep trying before giving up with a <see cref="TimeoutException"/>. Default 10 minutes.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The clock for waits and the timeout; the system's when null.</summary>
        public TimeProvider? TimeProvider { get; set; }
    }

    /// <summary>What one read of a polled resource means.</summary>
    public enum AtlasPollState
    {
        /// <summary>Not there yet: wait and read again.</summary>
        Pending,

        /// <summary>The target state: stop and return the value.</summary>
        Done,

        /// <summary>A terminal failure: stop with <see cref="AtlasWorkflowException"/>.</summary>
        Failed,
    }

    /// <summary>A workflow reached a terminal failure state (e.g. a GCP service account whose provisioning FAILED).</summary>
    public sealed class AtlasWorkflowException : Exception
    {
        /// <summary>Creates the exception with the last value read.</summary>
        public AtlasWorkflowException(string message, object? lastValue)
            : base(message)
        {
            LastValue = lastValue;
        }

        /// <summary>The last value read before giving up.</summary>
        public object? LastValue { get; }
    }

    /// <summary>The waiting loops the generated workflow helpers are made of (poll until a state; retry while an error code).</summary>
    public static class AtlasPolling
    {
        /// <summary>Reads until <paramref name="classify"/> says done or failed, waiting <see cref="AtlasPollOptions.Interval"/> between reads.</summary>
        /// <exception cref="AtlasWorkflowException">A read was classified <see cref="AtlasPollState.Failed"/>.</exception>
        /// <exception cref="TimeoutException">The timeout passed first; the message holds the last state.</exception>
        public static async Task<T> PollAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, AtlasPollState> classify, Func<T, string> describe, AtlasPollOptions? options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(read);
            ArgumentNullException.ThrowIfNull(classify);
            ArgumentNullException.ThrowIfNull(describe);
            options ??= new AtlasPollOptions();
            TimeProvider time = options.TimeProvider ?? TimeProvider.System;
            DateTimeOffset deadline = time.GetUtcNow() + options.Timeout;
            while (true)
            {
                T value = await read(cancellationToken).ConfigureAwait(false);
                switch (classify(value))
                {
                    case AtlasPollState.Done:
                        return value;
                    case AtlasPollState.Failed:
                        throw new AtlasWorkflowException("The workflow failed: " + describe(value) + ".", value);
                }

                if (time.GetUtcNow() + options.Interval > deadline)
                {
                    throw new TimeoutException("Still " + describe(value) + " after " + options.Timeout + ".");
                }

                await Task.Delay(options.Interval, time, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Calls until it succeeds, retrying while it fails with the Atlas error code <paramref name="errorCode"/> (a
        /// condition that clears by itself, like IAM's eventual consistency behind <c>CANNOT_ASSUME_ROLE</c>).
        /// </summary>
        /// <exception cref="AtlasApiException">Any other error, or the same error once the timeout has passed.</exception>
        public static async Task<T> RetryWhileErrorCodeAsync<T>(Func<CancellationToken, Task<T>> call, string errorCode, AtlasPollOptions? options, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(call);
            ArgumentException.ThrowIfNullOrEmpty(errorCode);
            options ??= new AtlasPollOptions();
            TimeProvider time = options.TimeProvider ?? TimeProvider.System;
            DateTimeOffset deadline = time.GetUtcNow() + options.Timeout;
            while (true)
            {
                try
                {
                    return await call(cancellationToken).ConfigureAwait(false);
                }
                catch (AtlasApiException e) when (e.IsErrorCode(errorCode) && time.GetUtcNow() + options.Interval <= deadline)
                {
                    await Task.Delay(options.Interval, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
