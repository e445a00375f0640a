using System;
using System.Threading;
using AtlasAccessGen.Generator.Input;

namespace AtlasAccessGen.Generator.Parsing
{
    /// <summary>
    /// One spec's parse, started on a thread of its own as soon as its text is read, so that it runs beside what the
    /// pipeline does on the compiler's thread before it needs the result (<see cref="Input.RuntimeFeatures.Of"/>, #16).
    /// </summary>
    /// <remarks>
    /// Whoever asks first runs the parse: <see cref="Result"/> runs it on the asking thread when the job's thread has
    /// not started it yet, so nothing ever waits for a thread to be scheduled. Equal when the inputs are, so an
    /// unchanged spec keeps its job, and its result, from one run of the driver to the next.
    /// </remarks>
    internal sealed class ParseJob : IEquatable<ParseJob>
    {
        private readonly Lazy<ParseResult> _result;

        private ParseJob(SpecInput input, CancellationToken cancellationToken)
        {
            Input = input;
            _result = new Lazy<ParseResult>(() => SpecParser.Parse(input, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public SpecInput Input { get; }

        /// <summary>The parse's result; blocks only while another thread is running it. Throws only when cancelled.</summary>
        public ParseResult Result => _result.Value;

        /// <summary>The result is there (false while the parse runs, and after a cancelled one).</summary>
        public bool IsDone => _result.IsValueCreated;

        public static ParseJob Start(SpecInput input, CancellationToken cancellationToken)
        {
            var job = new ParseJob(input, cancellationToken);

            // A thread of its own, with the stack SpecLimits are made for (a pool thread's differs by host), so the
            // fuzz tests, which run the generator on such a stack, also test the parse.
            new Thread(static state => ((ParseJob)state!).RunAhead(), SpecLimits.StackSize) { IsBackground = true, Name = "AtlasAccessGen parse" }.Start(job);
            return job;
        }

        private void RunAhead()
        {
            try
            {
                _ = _result.Value;
            }
            catch (Exception)
            {
                // Never let it escape this thread, which would end the compiler's process: the Lazy keeps it (only a
                // cancellation is expected; the parse reports everything else as diagnostics), and the pipeline's
                // thread meets it in Result, where the driver handles it as it did when the parse ran there.
            }
        }

        public bool Equals(ParseJob? other) => other is not null && Input.Equals(other.Input);

        public override bool Equals(object? obj) => Equals(obj as ParseJob);

        public override int GetHashCode() => Input.GetHashCode();
    }
}
