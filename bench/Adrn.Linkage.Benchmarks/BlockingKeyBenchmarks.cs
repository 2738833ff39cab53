using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Synthetic;
using BenchmarkDotNet.Attributes;

namespace Adrn.Linkage.Benchmarks;

/// <summary>
/// MinHash LSH key building on a million company names: the registered names of a synthetic register of 1,000,000
/// employers (all distinct), bench/configs/register-minhash.json (q = 2, similarity 0.7 → 17 bands × 5 rows). The data
/// is prepared once (not timed); each operation derives every record's band keys with <see cref="BlockingKeySet.Build"/>
/// on all cores (MinHash signatures are computed in parallel over distinct values).
/// </summary>
[MemoryDiagnoser]
public class BlockingKeyBenchmarks
{
    private PreparedLinkage _prepared = null!;
    private IReadOnlyList<BlockingRuleConfig> _rules = [];

    /// <summary>Generates (once, cached under the temp folder) and prepares the register.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(Path.GetTempPath(), "adrn-kernel-bench", "register-1m");
        if (!File.Exists(Path.Combine(data, "employers.csv")))
            SyntheticPopulation.Generate(new SyntheticPopulationOptions { Employers = 1_000_000, Employees = 1_000_000, Years = 1, Cohort = 0, Formats = OutputFormats.Csv }, data);
        var config = LinkageJobConfig.Load(Path.Combine(AppContext.BaseDirectory, "configs", "register-minhash.json"), new Dictionary<string, string> { ["data"] = data });
        _prepared = LinkagePreparation.Prepare(config);
        _rules = config.BlockingRules;
        var column = _prepared.Records.Column("registered_name");
        Console.WriteLine($"// records: {_prepared.Records.Count:N0}, distinct names: {column.Values.Length:N0}, rule: {_rules[0].Parts[0]}, threads: {Environment.ProcessorCount}");
    }

    /// <summary>Band keys of every record (1,000,000 names).</summary>
    /// <returns>The number of key slots (bands).</returns>
    [Benchmark]
    public int MinhashKeysMillionNames() => BlockingKeySet.Build(_prepared, _rules).Slots.Length;
}
