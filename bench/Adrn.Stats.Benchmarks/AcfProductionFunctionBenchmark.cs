using Adrn.Stats.Data;
using Adrn.Stats.Production;
using Adrn.Synthetic;
using BenchmarkDotNet.Attributes;

namespace Adrn.Stats.Benchmarks;

/// <summary>BenchmarkDotNet version of the ACF timing (run with <c>--bdn-acf</c>): one ACF fit, no bootstrap, on 20 000 firms × 10 years.</summary>
[MemoryDiagnoser]
public class AcfProductionFunctionBenchmark
{
    private RegressionData _data = null!;

    /// <summary>The planted business survey: 20 000 firms × 10 years, seed 1.</summary>
    public static RegressionData Panel()
    {
        var p = SyntheticBusinessSurvey.Simulate(firms: 20_000, years: 10, seed: 1);
        return RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["employer_id"] = p.EmployerId, ["year"] = p.Year, ["employment"] = p.Employment, ["capital"] = p.Capital,
            ["intermediate_inputs"] = p.IntermediateInputs, ["investment"] = p.Investment, ["value_added"] = p.ValueAdded,
        });
    }

    [GlobalSetup]
    public void Setup() => _data = Panel();

    [Benchmark]
    public double AcfFit() => ProductionFunction.Fit(_data, new ProductionFunctionOptions { Method = ProductionFunctionMethod.Acf })["log(employment)"].Estimate;
}
