using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Adrn.Linkage.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Adrn.Linkage.Benchmarks.StringMetricBenchmarks).Assembly).Run(args);
