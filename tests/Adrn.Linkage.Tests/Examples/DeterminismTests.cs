using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;

namespace Adrn.Linkage.Tests.Examples;

public sealed class DeterminismTests
{
    [Fact]
    public void Outputs_are_identical_whatever_the_partition_count_and_thread_count()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var a = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Partitions = 1, MaxDegreeOfParallelism = 1, Formats = [SourceFormat.Csv] });
        var b = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Partitions = 13, MaxDegreeOfParallelism = 4, Formats = [SourceFormat.Csv] });
        Assert.True(a.Links > 100);
        Assert.Equal(File.ReadAllText(a.Files["links"][0]), File.ReadAllText(b.Files["links"][0]));
        Assert.Equal(File.ReadAllText(a.Files["clusters"][0]), File.ReadAllText(b.Files["clusters"][0]));
        // The model's parameters must agree exactly (its training log also records wall-clock seconds, which may not).
        Assert.Equal((a.Model with { Training = [] }).ToJson(), (b.Model with { Training = [] }).ToJson());
        var lines = File.ReadAllLines(a.Files["links"][0]);
        Assert.StartsWith("id_l,id_r,source_l,source_r,match_weight,match_probability,match_key,match_rule,gamma_first_name,gamma_surname", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Links_round_trip_through_arrow_and_parquet_and_evaluate_like_the_run()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var run = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Arrow, SourceFormat.Parquet, SourceFormat.Csv] });

        // Truth pairs written independently of the engine: every pair of rows sharing fake_1000's cluster column.
        var rows = File.ReadAllLines(Path.Combine(SharedData.DataRoot, "fake_1000", "fake_1000.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var truth = Path.Combine(SharedData.TempDir(), "truth.csv");
        using (var w = new StreamWriter(truth))
        {
            w.WriteLine("id_a,id_b");
            foreach (var g in rows.GroupBy(r => r[^1]))
            {
                var ids = g.Select(r => r[0]).ToList();
                for (var i = 0; i < ids.Count; i++)
                    for (var j = i + 1; j < ids.Count; j++) w.WriteLine($"{ids[i]},{ids[j]}");
            }
        }

        Assert.Equal(3, run.Files["links"].Count);
        foreach (var path in run.Files["links"])
        {
            var e = LinkEvaluation.Evaluate(path, truth, config.Resolution.MatchProbability);
            Assert.Equal(2031, e.TruthPairs);
            Assert.Equal(run.Evaluation.TruePositives, e.TruePositives);
            Assert.Equal(run.Evaluation.PredictedLinks, e.PredictedLinks);
            Assert.Equal(run.Evaluation.F1, e.F1);
        }
    }

    [Fact]
    public void A_saved_model_scores_the_same_links_when_loaded_instead_of_training()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var trained = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Csv] });
        var loaded = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Csv], ModelPath = trained.Files["model"][0] });
        Assert.Equal(File.ReadAllText(trained.Files["links"][0]), File.ReadAllText(loaded.Files["links"][0]));
        Assert.Equal(trained.Evaluation.F1, loaded.Evaluation.F1);
    }

    [Fact]
    public void Explaining_a_written_link_reproduces_its_match_weight_and_gammas()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var run = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Csv] });
        var first = File.ReadLines(run.Files["links"][0]).Skip(1).First().Split(',');
        var e = LinkageJob.Explain(config, run.Files["model"][0], first[2], first[0], first[3], first[1]);
        Assert.Equal(double.Parse(first[4], System.Globalization.CultureInfo.InvariantCulture), e.MatchWeight, 9);
        for (var c = 0; c < e.Comparisons.Count; c++) Assert.Equal(int.Parse(first[8 + c], System.Globalization.CultureInfo.InvariantCulture), e.Comparisons[c].Gamma);
        Assert.Equal(e.MatchWeight, e.PriorMatchWeight + e.Comparisons.Sum(x => x.Weight + x.TermFrequencyAdjustment), 9);
    }

    private sealed class ProgressLog : IProgress<LinkageProgress>
    {
        public List<LinkageProgress> Reports { get; } = [];

        public void Report(LinkageProgress value)
        {
            lock (Reports) Reports.Add(value);
        }
    }

    [Fact]
    public void A_run_reports_progress_for_every_stage_with_pair_throughput_while_scoring()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var log = new ProgressLog();
        LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Partitions = 5 }, log);
        var stages = log.Reports.Select(r => r.Stage).Distinct().ToList();
        Assert.Equal(["prepare", "blocking", "counting", "u_sampling", "lambda", "scoring", "merging", "resolution", "writing"], stages);
        var scoring = log.Reports.Where(r => r.Stage == "scoring").ToList();
        Assert.Equal(5, scoring.Count);
        Assert.Equal(5, scoring.Max(r => r.Done));
        Assert.All(scoring, r => Assert.Equal(5, r.Total));
        Assert.True(scoring[^1].PairsPerSecond > 0);
    }
}
