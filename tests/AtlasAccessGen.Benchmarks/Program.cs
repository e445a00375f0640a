using System;
using System.Linq;
using AtlasAccessGen.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "--size")
{
    // How much code each benchmarked configuration generates (files, lines), for BENCHMARKS.md.
    var benchmark = new GeneratorBenchmarks();
    foreach (string spec in new[] { "cloud-provider-access.json", "atlas-api-v2.json" })
    {
        foreach (string tags in new[] { string.Empty, "Cloud Provider Access" })
        {
            benchmark.Spec = spec;
            benchmark.Tags = tags;
            benchmark.Setup();
            var trees = benchmark.GeneratedTrees();
            int lines = trees.Sum(tree => tree.GetText().Lines.Count);
            Console.WriteLine($"{spec} | tags '{tags}' | {trees.Length} files | {lines} lines");
            if (tags.Length == 0)
            {
                Console.WriteLine($"{spec} | NSwag codegen | {benchmark.NSwagCodegenLines()} lines");
            }
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
