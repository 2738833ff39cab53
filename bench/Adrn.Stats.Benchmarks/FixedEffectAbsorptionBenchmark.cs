using Adrn.Stats.Estimation;
using BenchmarkDotNet.Attributes;

namespace Adrn.Stats.Benchmarks;

/// <summary>BenchmarkDotNet version of the absorption timing (run with <c>--bdn</c>): demeaning one variable on worker + firm effects.</summary>
[MemoryDiagnoser]
public class FixedEffectAbsorptionBenchmark
{
    private WorkerFirmPanel _panel = null!;
    private FixedEffectSolver _solver = null!;
    private double[] _residual = null!;

    [GlobalSetup]
    public void Setup()
    {
        _panel = WorkerFirmPanel.Create(workers: 100_000, years: 10, firms: 50_000, moveRate: 0.1, seed: 1);
        _solver = new FixedEffectSolver([_panel.Worker, _panel.Firm], [_panel.Workers, _panel.Firms]);
        _residual = new double[_panel.Y.Length];
    }

    [Benchmark]
    public int DemeanOneVariable() => _solver.Demean(_panel.Y, _residual, 1e-8);
}
