using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AtlasAccessGen.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
