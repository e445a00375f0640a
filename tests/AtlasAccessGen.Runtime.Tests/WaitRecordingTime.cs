using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace AtlasAccessGen.Runtime.Tests;

/// <summary>
/// A fake clock that hands out the due time of each timer as it is created, so a test can move time by exactly the
/// wait the code under test asked for, when it asked: no polling, no real sleep, nothing a slow machine changes.
/// </summary>
internal sealed class WaitRecordingTime : TimeProvider
{
    /// <summary>
    /// Runs <paramref name="call"/> on a clock that moves only when the handler waits, by exactly that wait, and
    /// returns each backoff delay (the budget's own timer left out): every figure is exact, however slow the machine.
    /// </summary>
    public static async Task<List<TimeSpan>> RunWaitByWait(Func<TimeProvider, Task> call, TimeSpan totalTimeout, DateTimeOffset? start = null)
    {
        var clock = new WaitRecordingTime(new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
        Task running = call(clock);
        var delays = new List<TimeSpan>();
        while (!running.IsCompleted)
        {
            Task<TimeSpan> wait = clock.NextWaitAsync();
            if (await Task.WhenAny(running, wait).WaitAsync(TimeSpan.FromSeconds(30)) == wait && wait.Result != totalTimeout)
            {
                delays.Add(wait.Result);
                clock.Fake.Advance(wait.Result);
            }
        }

        await running.ContinueWith(_ => { }, TaskScheduler.Default);
        return delays;
    }

    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public WaitRecordingTime(FakeTimeProvider fake) => Fake = fake;

    public FakeTimeProvider Fake { get; }

    public Task<TimeSpan> NextWaitAsync() => _waits.Reader.ReadAsync().AsTask();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(Fake.CreateTimer(callback, state, dueTime, period), _waits.Writer);
        timer.Record(dueTime);
        return timer;
    }

    /// <summary>Task.Delay creates its timer stopped and then starts it with Change: both say when it is due.</summary>
    private sealed class RecordingTimer : ITimer
    {
        private readonly ITimer _inner;
        private readonly ChannelWriter<TimeSpan> _waits;

        public RecordingTimer(ITimer inner, ChannelWriter<TimeSpan> waits)
        {
            _inner = inner;
            _waits = waits;
        }

        public void Record(TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _waits.TryWrite(dueTime);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = _inner.Change(dueTime, period);
            Record(dueTime);
            return changed;
        }

        public void Dispose() => _inner.Dispose();

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
