using System.Diagnostics;
using Adrn.Stats.Data;
using Adrn.Stats.Production;
using Adrn.Synthetic;

namespace Adrn.Stats.Benchmarks;

/// <summary>
/// Wall-clock timing of one production-function fit (no bootstrap) on 20 000 firms × 10 years of the planted
/// business survey (Adrn.Synthetic, seed 1): 200 000 firm-years. The acceptance figure is ACF in at most 30 s on 2 cores.
/// </summary>
internal static class ProductionFunctionTiming
{
    public static void Run()
    {
        var sw = Stopwatch.StartNew();
        var data = AcfProductionFunctionBenchmark.Panel();
        Console.WriteLine($"simulated {data.RowCount:N0} firm-years in {sw.Elapsed.TotalSeconds:F2} s; {Environment.ProcessorCount} cores");
        foreach (var method in new[] { ProductionFunctionMethod.Acf, ProductionFunctionMethod.Acf, ProductionFunctionMethod.LevinsohnPetrin, ProductionFunctionMethod.OlleyPakes, ProductionFunctionMethod.Ols })
        {
            var before = GC.GetTotalAllocatedBytes();
            sw.Restart();
            var fit = ProductionFunction.Fit(data, new ProductionFunctionOptions
            {
                Method = method, Proxy = method == ProductionFunctionMethod.OlleyPakes ? "log(investment)" : "log(intermediate_inputs)",
            });
            Console.WriteLine($"{ProductionFunctionResult.MethodName(method)}: {sw.Elapsed.TotalSeconds:F2} s, allocated {(GC.GetTotalAllocatedBytes() - before) / 1e6:F0} MB; " +
                              $"labour {fit["log(employment)"].Estimate:F4}, capital {fit["log(capital)"].Estimate:F4} (planted 0.6, 0.3)");
        }
    }
}
