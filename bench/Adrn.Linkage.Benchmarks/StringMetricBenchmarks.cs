using Adrn.Linkage.Comparison.Metrics;
using BenchmarkDotNet.Attributes;

namespace Adrn.Linkage.Benchmarks;

/// <summary>String metrics on standardised company names (one operation = all pairs of the sample).</summary>
[MemoryDiagnoser]
public class StringMetricBenchmarks
{
    private static readonly (string A, string B)[] Pairs =
    [
        ("ACME ENGINEERING", "ACME ENGINERING"), ("NORTHERN BAKERIES", "NORTHERN BAKERY"), ("SMITH AND SONS", "SMITH SONS"),
        ("BRITANNIA LOGISTICS", "BRITANIA LOGISTICS"), ("GREEN VALLEY FARMS", "GREENVALLEY FARM"), ("ORCHARD CARE HOMES", "ORCHID CARE HOME"),
        ("KESTREL SOFTWARE", "KESTREL SYSTEMS"), ("HIGHLAND DISTILLERS", "HIGHLANDS DISTILLING"), ("A1 TAXIS", "A 1 TAXIS"),
        ("WESSEX WATER SERVICES", "WESSEX WATER"), ("PAYE 123/AB456", "PAYE 123/AB465"), ("CROWN PAINTS", "CLOWN PAINTS"),
    ];

    /// <summary>Jaro-Winkler (prefix 4, scale 0.1, boost threshold 0.7).</summary>
    /// <returns>Sum (keeps the work alive).</returns>
    [Benchmark(OperationsPerInvoke = 12)]
    public double JaroWinkler()
    {
        var s = 0.0;
        foreach (var (a, b) in Pairs) s += StringMetrics.JaroWinkler(a, b);
        return s;
    }

    /// <summary>Levenshtein distance.</summary>
    /// <returns>Sum.</returns>
    [Benchmark(OperationsPerInvoke = 12)]
    public int Levenshtein()
    {
        var s = 0;
        foreach (var (a, b) in Pairs) s += StringMetrics.Levenshtein(a, b);
        return s;
    }

    /// <summary>Unrestricted Damerau-Levenshtein distance.</summary>
    /// <returns>Sum.</returns>
    [Benchmark(OperationsPerInvoke = 12)]
    public int DamerauLevenshtein()
    {
        var s = 0;
        foreach (var (a, b) in Pairs) s += StringMetrics.DamerauLevenshtein(a, b);
        return s;
    }
}
