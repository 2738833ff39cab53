using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;
using Adrn.Synthetic;
using BenchmarkDotNet.Attributes;

namespace Adrn.Linkage.Benchmarks;

/// <summary>
/// Kernels of the linkage pipeline on a synthetic employee-employer job (bench/configs/employee-employer-sql.json,
/// 50,000 employees, 5,000 employers), single-threaded: gamma vectors, scoring, pattern counting, one EM
/// iteration, Arrow writing.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private string _dir = "";
    private PreparedLinkage _prepared = null!;
    private BlockingPlan _plan = null!;
    private ComparisonSet _comparisons = null!;
    private ScoringModel _scoring = null!;
    private AgreementPatternCounts _counts = null!;
    private ScoredPairBatch _batch = null!;
    private double[][] _m = null!;
    private double[][] _u = null!;

    /// <summary>Generates the data and trains the model once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "adrn-kernel-bench");
        var data = Path.Combine(_dir, "data");
        if (!File.Exists(Path.Combine(data, "employers.csv")))
            SyntheticPopulation.Generate(new SyntheticPopulationOptions { Employees = 50_000, Employers = 5_000, Cohort = 500, Formats = OutputFormats.Csv }, data);
        var config = LinkageJobConfig.Load(Path.Combine(AppContext.BaseDirectory, "configs", "employee-employer-sql.json"), new Dictionary<string, string> { ["data"] = data });
        var linkage = LinkagePipeline.Open(config, partitions: 8);
        _prepared = linkage.Prepared;
        _plan = linkage.Blocking;
        _comparisons = linkage.Comparisons;
        var model = LinkageJob.Train(linkage);
        _scoring = ScoringModel.Create(model, _comparisons, _prepared);
        _counts = CountPatterns();
        Directory.CreateDirectory(Path.Combine(_dir, "out"));
        Console.WriteLine($"// candidate pairs: {_counts.TotalPairs}, distinct patterns: {_counts.PatternCount}");
        _batch = ScoredPairBatch.Merge(_plan.Partitions.Select(p => PartitionScorer.Score(p, _scoring, 0)).ToList(), _prepared.Records.IdRank, _comparisons.Count);
        _m = model.Comparisons.Select(c => Enumerable.Range(0, c.GammaCount).Select(g => c.Level(g).M ?? 0.5).ToArray()).ToArray();
        _u = model.Comparisons.Select(c => Enumerable.Range(0, c.GammaCount).Select(g => c.Level(g).U ?? 0.5).ToArray()).ToArray();
    }

    /// <summary>Gamma vectors of every candidate pair (PairComparer, value-pair cache included).</summary>
    /// <returns>Checksum.</returns>
    [Benchmark]
    public long GammaVectors()
    {
        var visitor = new GammaVisitor(_comparisons.CreateComparer());
        foreach (var p in _plan.Partitions) p.ForEachPair(ref visitor);
        return visitor.Sum;
    }

    /// <summary>Compare and score every candidate pair (PartitionScorer, all pairs kept).</summary>
    /// <returns>Pairs scored.</returns>
    [Benchmark]
    public long Scoring()
    {
        long n = 0;
        var comparer = _comparisons.CreateComparer();
        foreach (var p in _plan.Partitions) n += PartitionScorer.Score(p, _scoring, 0, comparer).Count;
        return n;
    }

    /// <summary>Agreement-pattern histogram of every candidate pair.</summary>
    /// <returns>Distinct patterns.</returns>
    [Benchmark]
    public int PatternCounting() => CountPatterns().PatternCount;

    /// <summary>One EM iteration on the pattern counts (cost depends on distinct patterns, not pairs).</summary>
    /// <returns>Lambda.</returns>
    [Benchmark]
    public double EmIteration() => ExpectationMaximisation.Run(_counts, 0.01, _m, _u, Enumerable.Repeat(true, _m.Length).ToArray(), estimateU: false, maxIterations: 1).Lambda;

    /// <summary>Writes all scored pairs as an Arrow IPC file.</summary>
    /// <returns>Path written.</returns>
    [Benchmark]
    public string ArrowWriting()
    {
        var path = Path.Combine(_dir, "out", "pairs.arrow");
        File.Delete(path);
        using var writer = new Output.PairTableWriter(path, _prepared.Records, _comparisons.Configs.Select(c => c.Name).ToList(), _prepared.Config.BlockingRules.Select(r => r.Name).ToList());
        var k = _batch.ComparisonCount;
        for (var i = 0; i < _batch.Count; i++) writer.Append(_batch.Left[i], _batch.Right[i], _batch.Weight[i], _batch.Probability[i], _batch.Rules[i], _batch.Gammas.AsSpan(i * k, k));
        writer.Complete();
        return path;
    }

    private AgreementPatternCounts CountPatterns()
    {
        var total = new AgreementPatternCounts(_comparisons.Count);
        var comparer = _comparisons.CreateComparer();
        foreach (var p in _plan.Partitions) total.Merge(AgreementPatternCounter.Count(p, comparer));
        return total;
    }

    private struct GammaVisitor(PairComparer comparer) : IPairVisitor
    {
        private readonly sbyte[] _g = new sbyte[comparer.Count];

        public long Sum { get; private set; }

        public void Visit(int left, int right, int rule)
        {
            comparer.Compare(left, right, _g);
            for (var c = 0; c < _g.Length; c++) Sum += _g[c];
        }
    }
}
