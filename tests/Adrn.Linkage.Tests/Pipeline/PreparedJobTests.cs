using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;

namespace Adrn.Linkage.Tests.Pipeline;

/// <summary>
/// Prepare once, ship partitions: a prepared job read back from its files is the job that was prepared, and a
/// partition scored (or counted) from its slice file and the value tables alone gives exactly the pairs (or the
/// histogram) of the same partition over the job's records.
/// </summary>
public sealed class PreparedJobTests
{
    [Theory]
    [InlineData("fake1000-dedupe.json")]
    [InlineData("febrl4.json")]
    public void A_prepared_job_read_from_its_files_equals_the_job_prepared_from_the_inputs(string example)
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example(example));
        var prepared = LinkagePreparation.Prepare(config);
        var dir = SharedData.TempDir();
        PreparedJobFiles.Write(dir, prepared, "hash-1");

        Assert.True(PreparedJobFiles.IsComplete(dir, "hash-1"));
        Assert.False(PreparedJobFiles.IsComplete(dir, "hash-2"));
        Assert.Throws<InvalidDataException>(() => PreparedJobFiles.Read(dir, config, "hash-2"));
        var read = PreparedJobFiles.Read(dir, config, "hash-1");

        Assert.Equal(prepared.Records.Ids, read.Records.Ids);
        Assert.Equal(prepared.Records.Rows, read.Records.Rows);
        Assert.Equal(prepared.Records.SourceStart, read.Records.SourceStart);
        Assert.Equal(prepared.Records.IdRank, read.Records.IdRank);
        Assert.Equal(prepared.TruthClusters, read.TruthClusters);
        Assert.Equal(prepared.Sources, read.Sources, (a, b) => a.Name == b.Name && a.RowsRead == b.RowsRead && a.RowsUsed == b.RowsUsed && a.RowsQuarantined == b.RowsQuarantined);
        Assert.Equal(prepared.Quarantine, read.Quarantine);
        for (var c = 0; c < prepared.Records.Columns.Count; c++)
        {
            var a = prepared.Records.Columns[c];
            var b = read.Records.Columns[c];
            Assert.Equal(a.ValueIds, b.ValueIds);
            Assert.Equal(a.Values, b.Values);
            Assert.Equal(a.TermFrequency, b.TermFrequency);
            Assert.Equal(a.SourceCounts, b.SourceCounts);
            Assert.Equal(a.DayNumbers, b.DayNumbers);
            Assert.Equal(a.PostcodeSectors, b.PostcodeSectors);
            Assert.Equal(a.RarestTokens, b.RarestTokens);
        }
    }

    [Theory]
    [InlineData("fake1000-dedupe.json")]
    [InlineData("febrl4.json")]
    public void Partitions_scored_and_counted_from_slice_files_equal_those_over_the_job_records(string example)
    {
        _ = SharedData.DataRoot;
        AssertSlicesScoreAndCountAsTheJob(LinkageJobConfig.Load(SharedData.Example(example)));
    }

    [Theory]
    [InlineData("employee-employer-hand-keyed.json", false)]
    [InlineData("cohort-employee-hand-keyed.json", false)]
    [InlineData("employee-employer-hand-keyed.json", true)]
    [InlineData("cohort-employee-hand-keyed.json", true)]
    public void Hand_keyed_partitions_scored_and_counted_from_slice_files_equal_those_over_the_job_records(string example, bool linkAndDedupe)
    {
        // MinHash bands, token phonetic codes, one-edit and PAYE-part keys (several keys per record), sorted
        // neighbourhood, soft TF-IDF levels and term frequencies of one source: a worker holding a slice and the value
        // tables must decide every rule and every level as the node holding every record.
        var data = SharedData.TempDir();
        Adrn.Synthetic.SyntheticPopulation.Generate(Adrn.Synthetic.NoiseProfiles.HandKeyed(new Adrn.Synthetic.SyntheticPopulationOptions
        {
            Employers = 400, Employees = 4_000, Cohort = 400, Years = 2, Seed = 11, Formats = Adrn.Synthetic.OutputFormats.Csv,
        }), data);
        var job = SharedData.Example(example);
        if (linkAndDedupe)
        {
            // The same rules over pairs within a source too (every record against every other, not only across the
            // sources): a slice's groups then pair records of one source, and the keys it carries must serve those.
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(job))!.AsObject();
            node["link_type"] = "link_and_dedupe";
            node["resolution"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "method": "clusters", "match_probability": 0.5, "keep_probability": 0.001 }""");
            node.Remove("truth");
            job = Path.Combine(SharedData.TempDir(), "link-and-dedupe-" + example);
            File.WriteAllText(job, node.ToJsonString());
        }

        AssertSlicesScoreAndCountAsTheJob(LinkageJobConfig.Load(job, new Dictionary<string, string> { ["data"] = data }));
    }

    private static void AssertSlicesScoreAndCountAsTheJob(LinkageJobConfig config)
    {
        var plan = LinkagePipeline.Open(config, partitions: 7);
        var model = LinkageJob.Train(plan);
        var dir = SharedData.TempDir();
        PreparedJobFiles.Write(dir, plan.Prepared, "h");

        // A worker's view: value tables only, and comparisons and a model bound to them.
        var values = PreparedJobFiles.ReadValues(dir, config, "h");
        Assert.Equal(0, values.Records.Count);
        var workerScorer = new FellegiSunterScorer(ScoringModel.Create(model, ComparisonSet.Create(values, config.Comparisons), values));
        var jobScorer = new FellegiSunterScorer(ScoringModel.Create(model, plan.Comparisons, plan.Prepared));
        long pairs = 0;
        foreach (var partition in plan.Blocking.Partitions)
        {
            var path = Path.Combine(dir, $"score-{partition.Index}.arrow");
            PartitionSliceFile.Write(path, partition);
            var slice = PartitionSliceFile.Read(path, values, config.BlockingRules);
            Assert.True(slice.Records.IsSlice);
            Assert.True(slice.Records.Count <= plan.Prepared.Records.Count);
            Assert.Equal(partition.PairUpperBound, slice.PairUpperBound);

            var expected = LinkagePipeline.ScorePartition(partition, jobScorer, 0);
            var actual = LinkagePipeline.ScorePartition(slice, workerScorer, 0);
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected.Left.AsSpan(0, expected.Count).ToArray(), actual.Left.AsSpan(0, actual.Count).ToArray());
            Assert.Equal(expected.Right.AsSpan(0, expected.Count).ToArray(), actual.Right.AsSpan(0, actual.Count).ToArray());
            Assert.Equal(expected.Weight.AsSpan(0, expected.Count).ToArray(), actual.Weight.AsSpan(0, actual.Count).ToArray());
            Assert.Equal(expected.Rules.AsSpan(0, expected.Count).ToArray(), actual.Rules.AsSpan(0, actual.Count).ToArray());
            Assert.Equal(expected.Gammas.AsSpan(0, expected.Count * expected.ComparisonCount).ToArray(), actual.Gammas.AsSpan(0, actual.Count * actual.ComparisonCount).ToArray());
            pairs += actual.Count;
        }

        Assert.Equal(plan.BlockingReport.TotalComparisons, pairs);

        var workerComparisons = ComparisonSet.Create(values, config.Comparisons);
        for (var unit = 0; unit < plan.CountingUnitCount; unit++)
        {
            var path = Path.Combine(dir, $"count-{unit}.arrow");
            var partition = plan.Training.UnitPartition(unit);
            PartitionSliceFile.Write(path, partition);
            var expected = AgreementPatternCounter.Count(partition, plan.Comparisons);
            var actual = AgreementPatternCounter.Count(PartitionSliceFile.Read(path, values, partition.Keys.Rules), workerComparisons);
            Assert.Equal(expected.TotalPairs, actual.TotalPairs);
            Assert.Equal(expected.Counts.OrderBy(x => x.Key), actual.Counts.OrderBy(x => x.Key));
        }
    }

    [Fact]
    public void A_worker_reads_the_value_tables_before_the_records_are_written()
    {
        // The value tables and their own manifest are written first: a folder holding only those (the records still
        // being written) opens for a worker and not for a resuming coordinator.
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var prepared = LinkagePreparation.Prepare(config);
        var dir = SharedData.TempDir();
        PreparedJobFiles.Write(dir, prepared, "hash-1");
        File.Delete(Path.Combine(dir, "manifest.json"));
        File.Delete(Path.Combine(dir, "records.arrow"));

        Assert.Null(PreparedJobFiles.HashOf(dir));
        Assert.Equal("hash-1", PreparedJobFiles.HashOfValues(dir));
        Assert.Throws<InvalidDataException>(() => PreparedJobFiles.Read(dir, config, "hash-1"));
        Assert.Throws<InvalidDataException>(() => PreparedJobFiles.ReadValues(dir, config, "hash-2"));
        var values = PreparedJobFiles.ReadValues(dir, config, "hash-1");
        Assert.Equal(0, values.Records.Count);
        for (var c = 0; c < prepared.Records.Columns.Count; c++)
            Assert.Equal(prepared.Records.Columns[c].Values, values.Records.Columns[c].Values);
    }

    [Theory]
    [InlineData("febrl4.json")]
    [InlineData("employee-employer-hand-keyed.json")]
    public void A_slice_holds_each_record_once_and_only_the_keys_a_pair_check_can_read(string example)
    {
        // Expected lengths from the partition itself: its distinct members, and per key slot of rule r the records
        // whose highest rule in the partition is above r (or is r, for a rule that is not one plain key).
        var config = example.Contains("hand-keyed", StringComparison.Ordinal) ? HandKeyedConfig(example) : LinkageJobConfig.Load(SharedData.Example(example));
        var plan = LinkagePipeline.Open(config, partitions: 5);
        var dir = SharedData.TempDir();
        var keys = plan.Blocking.Keys;
        var slotsSeen = 0;
        // A worker's value tables build company-name token tables only when asked: asked, they are the preparer's.
        var values = PreparedJobFiles.ReadValues(WriteValues(plan), config, "h");
        for (var c = 0; c < values.Records.Columns.Count; c++)
        {
            var (mine, theirs) = (plan.Prepared.Records.Columns[c], values.Records.Columns[c]);
            Assert.Equal(mine.RarestTokens, theirs.RarestTokens);
            Assert.Equal(mine.TokenWeights, theirs.TokenWeights);
            Assert.Equal(mine.Tokens, theirs.Tokens);
        }

        Assert.Equal(example.Contains("hand-keyed", StringComparison.Ordinal), values.Records.Columns.Any(c => c.Tokens is not null));
        foreach (var partition in plan.Blocking.Partitions)
        {
            var highest = new Dictionary<int, int>();
            for (var r = 0; r + 1 < partition.RuleGroupStart.Length; r++)
                for (var g = partition.RuleGroupStart[r]; g < partition.RuleGroupStart[r + 1]; g++)
                    for (var a = partition.GroupStart[g]; a < partition.GroupStart[g + 1]; a++)
                        highest[partition.Members[a]] = Math.Max(highest.GetValueOrDefault(partition.Members[a], -1), r);

            var path = Path.Combine(dir, $"p{partition.Index}.arrow");
            PartitionSliceFile.Write(path, partition);
            using var reader = new Apache.Arrow.Ipc.ArrowFileReader(File.OpenRead(path));
            var lengths = reader.Schema.Metadata["lengths"].Split(',').Select(int.Parse).ToArray();
            var names = reader.Schema.FieldsList.Select(f => f.Name).ToList();
            Assert.Equal(highest.Count, lengths[names.IndexOf("records")]);
            Assert.Equal(partition.Members.Length, lengths[names.IndexOf("members")]);
            for (var r = 0; r < keys.Rules.Count; r++)
            {
                var plain = keys.SlotCount(r) == 1 && keys.Rules[r].Kind != BlockingRuleKind.SortedNeighbourhood && !BlockingKeySet.IsBandedRule(keys.Rules[r]);
                var carriers = highest.Values.Count(h => r < h || (r == h && !plain));
                for (var s = 0; s < keys.SlotCount(r); s++)
                {
                    Assert.Equal(carriers, lengths[names.IndexOf($"k_{r}_{s}")]);
                    slotsSeen++;
                }
            }

            // Read back against a job with other blocking rules, it is refused rather than misread.
            var ex = Assert.Throws<InvalidDataException>(() => PartitionSliceFile.Read(path, values, config.BlockingRules.Take(config.BlockingRules.Count - 1).ToList()));
            Assert.Contains("does not fit", ex.Message, StringComparison.Ordinal);
        }

        Assert.True(slotsSeen > 0);
    }

    [Fact]
    public void A_plan_builds_its_training_and_blocking_plans_again_identical_after_letting_go_of_them()
    {
        // A driver lets go of the plans once their stage is over; a partition counted or scored again later (a resumed
        // job whose result file is damaged) gets them built again, and they must be the same plans.
        _ = SharedData.DataRoot;
        var plan = LinkagePipeline.Open(LinkageJobConfig.Load(SharedData.Example("febrl4.json")), partitions: 4);
        var (training, blocking) = (plan.Training, plan.Blocking);
        var counts = Enumerable.Range(0, plan.CountingUnitCount).Select(u => AgreementPatternCounter.Count(training.UnitPartition(u), plan.Comparisons)).ToList();
        Assert.NotEmpty(counts);

        plan.ReleaseTraining();
        Assert.Same(blocking, plan.Blocking);
        var trainingAgain = plan.Training;
        Assert.NotSame(training, trainingAgain);
        for (var u = 0; u < counts.Count; u++)
        {
            var again = AgreementPatternCounter.Count(trainingAgain.UnitPartition(u), plan.Comparisons);
            Assert.Equal(counts[u].TotalPairs, again.TotalPairs);
            Assert.Equal(counts[u].Counts.OrderBy(x => x.Key), again.Counts.OrderBy(x => x.Key));
        }

        plan.ReleaseBlocking();
        var blockingAgain = plan.Blocking;
        Assert.NotSame(blocking, blockingAgain);
        Assert.Equal(4, plan.PartitionCount);
        Assert.Equal(blocking.Partitions.Count, blockingAgain.Partitions.Count);
        for (var p = 0; p < blocking.Partitions.Count; p++)
        {
            Assert.Equal(blocking.Partitions[p].Members, blockingAgain.Partitions[p].Members);
            Assert.Equal(blocking.Partitions[p].GroupStart, blockingAgain.Partitions[p].GroupStart);
            Assert.Equal(blocking.Partitions[p].PairUpperBound, blockingAgain.Partitions[p].PairUpperBound);
        }
    }

    private static string WriteValues(LinkagePlan plan)
    {
        var dir = SharedData.TempDir();
        PreparedJobFiles.Write(dir, plan.Prepared, "h");
        return dir;
    }

    private static LinkageJobConfig HandKeyedConfig(string example)
    {
        var data = SharedData.TempDir();
        Adrn.Synthetic.SyntheticPopulation.Generate(Adrn.Synthetic.NoiseProfiles.HandKeyed(new Adrn.Synthetic.SyntheticPopulationOptions
        {
            Employers = 300, Employees = 3_000, Cohort = 300, Years = 2, Seed = 5, Formats = Adrn.Synthetic.OutputFormats.Csv,
        }), data);
        return LinkageJobConfig.Load(SharedData.Example(example), new Dictionary<string, string> { ["data"] = data });
    }

    [Fact]
    public void A_comparer_refuses_records_whose_columns_do_not_share_its_value_tables()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json"));
        var a = LinkagePreparation.Prepare(config);
        var b = LinkagePreparation.Prepare(config);
        var comparer = ComparisonSet.Create(a, config.Comparisons).CreateComparer();
        var ex = Assert.Throws<ArgumentException>(() => comparer.Bind(b.Records));
        Assert.Contains("does not share", ex.Message, StringComparison.Ordinal);
        comparer.Bind(a.Records.Slice([0, 5, 9]));
    }
}
