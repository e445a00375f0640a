using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;
using Xunit.Abstractions;

namespace AtlasAccessGen.Generator.Tests.Fuzz;

/// <summary>
/// Runs every spec of <see cref="FuzzCorpus"/> through the generator, as a compiler on Windows would (a 1 MB stack),
/// and compiles and emits everything it generates with warnings as errors and XML docs checked. Any crash (an
/// exception, CS8785, ATLAS099), hang, silence (no output and no error), uncompilable output or compiler warning in
/// generated code fails the test, naming the case: <c>FuzzCorpus.Case("names-0042")</c> gives the spec back.
/// </summary>
public abstract class FuzzTests
{
    /// <summary>The corpus is split into this many shards, one test class each, so xunit runs them on every core.</summary>
    public const int Shards = 2;

    /// <summary>Outputs compiled together: each case generates into its own namespace, so they do not clash.</summary>
    private const int BatchSize = 40;

    /// <summary>Far above any case's run on a loaded 2-core machine (a few ms to a second), far below a real hang.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;
    private readonly int _shard;

    protected FuzzTests(ITestOutputHelper output, int shard)
    {
        _output = output;
        _shard = shard;
    }

    [Fact]
    public void No_spec_of_the_corpus_crashes_hangs_silences_or_breaks_the_build()
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally();
        var batch = new List<(FuzzCase Case, string Namespace, IReadOnlyList<SyntaxTree> Trees)>();
        var compiled = new HashSet<string>(StringComparer.Ordinal);
        // ATLAS_FUZZ_KINDS=names,cycle runs only those kinds, for working on one of them.
        string[]? kinds = Environment.GetEnvironmentVariable("ATLAS_FUZZ_KINDS")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<FuzzCase> shard = FuzzCorpus.All().Where((_, index) => index % Shards == _shard);
        foreach (FuzzCase fuzz in shard.Where(c => kinds is null || kinds.Contains(c.Kind, StringComparer.Ordinal)))
        {
            tally.Cases++;
            string ns = "FuzzCase" + tally.Cases.ToString(System.Globalization.CultureInfo.InvariantCulture);
            long started = clock.ElapsedTicks;
            GeneratorHarness.GeneratorOutcome? outcome = RunWithLimit(fuzz, ns, out Exception? error);
            tally.GeneratorTicks += clock.ElapsedTicks - started;
            if (outcome is null)
            {
                tally.Fail(fuzz, error is null ? "hang" : "crash", error?.ToString() ?? "still running after " + HangLimit.TotalSeconds + " s");
                continue;
            }

            if (outcome.Result.Exception is { } exception)
            {
                tally.Fail(fuzz, "crash", exception.ToString());
                continue;
            }

            if (outcome.DriverDiagnostics.FirstOrDefault(d => d.Id is "CS8785" or "ATLAS099" or "AD0001") is { } internalError)
            {
                tally.Fail(fuzz, "crash", internalError.ToString());
                continue;
            }

            if (outcome.Sources.Count == 0)
            {
                if (!outcome.DriverDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error && d.Id.StartsWith("ATLAS", StringComparison.Ordinal)))
                {
                    tally.Fail(fuzz, "silence", "no output and no error: " + string.Join("; ", outcome.DriverDiagnostics));
                }

                tally.Diagnosed++;
                continue;
            }

            tally.Generated++;
            List<SyntaxTree> trees = outcome.Sources.Select(s => s.SyntaxTree).ToList();
            foreach (Diagnostic diagnostic in trees.SelectMany(tree => tree.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning))
            {
                tally.Fail(fuzz, diagnostic.Severity == DiagnosticSeverity.Warning ? "warning" : "uncompilable", diagnostic.ToString());
            }

            // Outputs that differ only in comments bind to the same program: compile each program once (their docs were checked above).
            if (!compiled.Add(CodeKey(trees, ns)))
            {
                tally.SameCode++;
                continue;
            }

            tally.CompiledLines += trees.Sum(tree => tree.GetText().Lines.Count);
            batch.Add((fuzz, ns + ".", trees));
            if (batch.Count == BatchSize)
            {
                started = clock.ElapsedTicks;
                CompileAndEmit(batch, tally);
                tally.CompilerTicks += clock.ElapsedTicks - started;
                batch.Clear();
            }
        }

        CompileAndEmit(batch, tally);
        string summary = "fuzz shard " + (_shard + 1) + "/" + Shards + ": " + tally.Cases + " specs (" + tally.Generated + " generated and compiled, " + tally.SameCode + " of them the same code as another, " + tally.CompiledLines + " lines compiled; " + tally.Diagnosed + " refused with an error) in "
            + Seconds(clock.ElapsedTicks) + " s (generator " + Seconds(tally.GeneratorTicks) + " s, compiler " + Seconds(tally.CompilerTicks) + " s): "
            + tally.Count("crash") + " crashes, " + tally.Count("hang") + " hangs, " + tally.Count("silence") + " silent, "
            + tally.Count("uncompilable") + " uncompilable outputs, " + tally.Count("warning") + " warnings";
        _output.WriteLine(summary);
        foreach (string failure in tally.Failures)
        {
            _output.WriteLine(failure);
        }

        if (Environment.GetEnvironmentVariable("ATLAS_FUZZ_SUMMARY") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "fuzz-shard-" + (_shard + 1) + ".txt"), summary + "\n");
        }

        Assert.True(tally.Failures.Count == 0, summary + "\n" + string.Join("\n", tally.Failures.Take(30)));
    }

    /// <summary>The tokens the compiler binds (no comments), with the case's namespace taken out, as a hash.</summary>
    private static string CodeKey(IEnumerable<SyntaxTree> trees, string ns)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (SyntaxToken token in trees.SelectMany(tree => tree.GetRoot().DescendantTokens()))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(token.Text.Replace(ns, "FuzzCase", StringComparison.Ordinal) + "\u0001"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string Seconds(long ticks) => (ticks / (double)Stopwatch.Frequency).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs the generator on a thread with the stack a Windows compiler has; null when it crashed the thread or did not end in time.</summary>
    private static GeneratorHarness.GeneratorOutcome? RunWithLimit(FuzzCase fuzz, string ns, out Exception? error)
    {
        GeneratorHarness.GeneratorOutcome? outcome = null;
        Exception? failure = null;
        var spec = new SpecFile(fuzz.Path, fuzz.Text, ns);
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = GeneratorHarness.Run(new[] { spec }, ParseOptions);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            1024 * 1024)
        {
            IsBackground = true,
            Name = "fuzz " + fuzz.Name,
        };
        thread.Start();
        bool ended = thread.Join(HangLimit);
        error = failure;
        return ended ? outcome : null;
    }

    private static CSharpParseOptions ParseOptions { get; } = GeneratorHarness.ParseOptions().WithDocumentationMode(DocumentationMode.Diagnose);

    private static void CompileAndEmit(List<(FuzzCase Case, string Namespace, IReadOnlyList<SyntaxTree> Trees)> batch, Tally tally)
    {
        if (batch.Count == 0)
        {
            return;
        }

        CSharpCompilation compilation = GeneratorHarness.Compilation(ParseOptions).AddSyntaxTrees(batch.SelectMany(b => b.Trees));
        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image);
        foreach (Diagnostic diagnostic in result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            string file = diagnostic.Location.SourceTree?.FilePath ?? string.Empty;
            var owners = batch.Where(b => file.Contains("/" + b.Namespace, StringComparison.Ordinal) || file.Contains("\\" + b.Namespace, StringComparison.Ordinal)).ToList();
            foreach (var owner in owners.Count > 0 ? owners : batch)
            {
                tally.Fail(owner.Case, diagnostic.DefaultSeverity == DiagnosticSeverity.Warning ? "warning" : "uncompilable", diagnostic.ToString());
            }
        }
    }

    private sealed class Tally
    {
        private readonly Dictionary<string, HashSet<string>> _byProblem = new(StringComparer.Ordinal);

        public int Cases { get; set; }

        public int Generated { get; set; }

        public int Diagnosed { get; set; }

        public int SameCode { get; set; }

        public long CompiledLines { get; set; }

        public long GeneratorTicks { get; set; }

        public long CompilerTicks { get; set; }

        public List<string> Failures { get; } = new();

        public int Count(string problem) => _byProblem.TryGetValue(problem, out HashSet<string>? cases) ? cases.Count : 0;

        public void Fail(FuzzCase fuzz, string problem, string detail)
        {
            if (!_byProblem.TryGetValue(problem, out HashSet<string>? cases))
            {
                _byProblem[problem] = cases = new HashSet<string>(StringComparer.Ordinal);
            }

            if (cases.Add(fuzz.Name))
            {
                Failures.Add(fuzz.Name + " (" + fuzz.Path + "): " + problem + ": " + (detail.Length > 400 ? detail[..400] + "..." : detail));
            }
        }
    }
}

public sealed class FuzzShard1Tests : FuzzTests
{
    public FuzzShard1Tests(ITestOutputHelper output)
        : base(output, shard: 0)
    {
    }
}

public sealed class FuzzShard2Tests : FuzzTests
{
    public FuzzShard2Tests(ITestOutputHelper output)
        : base(output, shard: 1)
    {
    }
}

public class FuzzCorpusTests
{
    [Fact]
    public void Each_case_is_the_same_every_time_and_found_again_by_its_name()
    {
        List<FuzzCase> cases = FuzzCorpus.All().ToList();

        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        Assert.All(FuzzCorpus.Kinds, kind => Assert.Equal(FuzzCorpus.Case(kind.Kind, kind.Count - 1), FuzzCorpus.Case(kind.Kind + "-" + (kind.Count - 1))));
        Assert.Equal(cases[123], FuzzCorpus.Case(cases[123].Name));
    }
}
