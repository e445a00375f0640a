using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace AtlasAccessGen.Benchmarks.WholeApi;

/// <summary>
/// <see cref="WholeApiBuildBenchmarks"/>' three clean builds, one of each per round, round after round. BenchmarkDotNet
/// runs all iterations of one case before the next, so on a machine whose speed drifts over the minutes of a run (a
/// shared 2-core machine) the drift lands on the ratios; taken in turns, it reaches every build alike. Prints each
/// build's times, median, ratio of medians to Kiota's and the median of its ratios to Kiota's build of the same round
/// (a drift between rounds cancels out of those), as a Markdown table.
/// </summary>
internal static class WholeApiBuildRounds
{
    public static int Run(int rounds)
    {
        var benchmarks = new WholeApiBuildBenchmarks();
        benchmarks.Setup();
        try
        {
            var builds = new (string Name, Action Build)[]
            {
                ("Kiota (baseline)", benchmarks.Kiota),
                ("AtlasAccessGen (generator)", benchmarks.Generator),
                ("The same code as plain files", benchmarks.GeneratedCodeAsPlainFiles),
            };
            var seconds = builds.ToDictionary(build => build.Name, _ => new List<double>());

            // One untimed round first, as BenchmarkDotNet's warm-up: the disk cache then holds every project's inputs.
            foreach ((_, Action build) in builds)
            {
                build();
            }

            for (int round = 1; round <= rounds; round++)
            {
                foreach ((string name, Action build) in builds)
                {
                    var clock = Stopwatch.StartNew();
                    build();
                    seconds[name].Add(clock.Elapsed.TotalSeconds);
                }

                Console.Error.WriteLine($"round {round} of {rounds} done");
            }

            Dictionary<string, double> medians = seconds.ToDictionary(pair => pair.Key, pair => Median(pair.Value));
            double baseline = medians[builds[0].Name];
            Console.WriteLine($"Whole-API clean builds, {rounds} rounds, one build of each per round; {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| Build | Times (s) | Median (s) | Ratio of medians | Median ratio within a round |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            List<double> baselineSeconds = seconds[builds[0].Name];
            foreach ((string name, _) in builds)
            {
                string times = string.Join(", ", seconds[name].Select(time => time.ToString("F2", CultureInfo.InvariantCulture)));
                double paired = Median(seconds[name].Select((time, round) => time / baselineSeconds[round]).ToList());
                Console.WriteLine(FormattableString.Invariant($"| {name} | {times} | {medians[name]:F2} | {medians[name] / baseline:F2} | {paired:F2} |"));
            }

            return 0;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
