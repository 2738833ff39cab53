using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Linkage.Tests.Pipeline;

/// <summary>
/// What a driver that keeps only a run's links takes from the run itself (the dataset store): the links and clusters in
/// the run's result are the rows the run wrote to its <c>links</c> and <c>clusters</c> files (read back here with the
/// Arrow reader, independently of the pipeline); a run without report pages writes the same links and no report; and a
/// job joined from one prepared part of another job with the same columns is the job's own preparation of the file.
/// </summary>
public sealed class RunResultInMemoryTests
{
    [Theory]
    [InlineData("fake1000-dedupe.json")]
    [InlineData("febrl4.json")]
    public void The_links_and_clusters_of_a_run_result_are_the_rows_of_its_links_and_clusters_files(string example)
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example(example));
        var result = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Arrow] });
        var records = LinkagePreparation.Prepare(config).Records;

        var pairs = result.LinkedPairs!;
        var rules = config.BlockingRules.Select(r => r.Name).ToList();
        var inMemory = Enumerable.Range(0, pairs.Count).Select(i =>
            (records.Ids[pairs.Left[i]], records.SourceNames[records.SourceOf(pairs.Left[i])], records.Ids[pairs.Right[i]],
                records.SourceNames[records.SourceOf(pairs.Right[i])], pairs.Probability[i], rules[pairs.Rules[i]])).ToList();
        var written = new List<(string, string, string, string, double, string)>();
        ReadArrow(result.Files["links"][0], batch =>
        {
            var (l, r, sl, sr) = ((StringArray)batch.Column("id_l"), (StringArray)batch.Column("id_r"), (StringArray)batch.Column("source_l"), (StringArray)batch.Column("source_r"));
            var (p, rule) = ((DoubleArray)batch.Column("match_probability"), (StringArray)batch.Column("match_rule"));
            for (var i = 0; i < batch.Length; i++) written.Add((l.GetString(i), sl.GetString(i), r.GetString(i), sr.GetString(i), p.GetValue(i)!.Value, rule.GetString(i)));
        });
        Assert.NotEmpty(written);
        Assert.Equal(written, inMemory);
        Assert.Equal(result.Links, pairs.Count);

        if (config.Resolution.Method != ResolutionMethod.Clusters)
        {
            Assert.Null(result.ClusterIds);
            return;
        }

        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        ReadArrow(result.Files["clusters"][0], batch =>
        {
            var (id, cluster) = ((StringArray)batch.Column("id"), (StringArray)batch.Column("cluster_id"));
            for (var i = 0; i < batch.Length; i++) clusterOf[id.GetString(i)] = cluster.GetString(i);
        });
        Assert.Equal(records.Count, clusterOf.Count);
        for (var i = 0; i < records.Count; i++) Assert.Equal(clusterOf[records.Ids[i]], result.ClusterIds![i]);
        Assert.True(clusterOf.Values.Distinct().Count() < records.Count, "the job links some records into one cluster");
    }

    [Fact]
    public void A_run_without_report_pages_writes_the_same_links_and_no_report()
    {
        _ = SharedData.DataRoot;
        var config = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var with = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Arrow] });
        var without = LinkageJob.Run(config, SharedData.TempDir(), new LinkageRunOptions { Formats = [SourceFormat.Arrow], WriteReport = false });

        Assert.True(File.Exists(with.Files["report"][0]));
        Assert.True(File.Exists(with.Files["report_html"][0]));
        Assert.False(without.Files.ContainsKey("report"));
        Assert.False(without.Files.ContainsKey("report_html"));
        Assert.False(File.Exists(Path.Combine(without.OutputDirectory, "report.json")));
        Assert.False(File.Exists(Path.Combine(without.OutputDirectory, "report.html")));
        Assert.Equal(File.ReadAllBytes(with.Files["links"][0]), File.ReadAllBytes(without.Files["links"][0]));
        Assert.Equal(with.Links, without.Links);
    }

    [Fact]
    public void One_prepared_part_joined_for_a_job_with_the_same_columns_is_that_jobs_own_preparation()
    {
        // The dataset store's within-wave job: the link job's first source alone, as a dedupe job resolved into clusters.
        _ = SharedData.DataRoot;
        var link = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var part = LinkagePreparation.Prepare(link with { Sources = [link.Sources[0]] });
        var within = link with { Name = link.Name + "-within", LinkType = LinkType.DedupeOnly, Sources = [link.Sources[0]], Resolution = link.Resolution with { Method = ResolutionMethod.Clusters } };

        var joined = PreparedComposition.Combine(within, [part]);
        var own = LinkagePreparation.Prepare(within);

        Assert.Same(within, joined.Config);
        Assert.Equal(own.Records.Ids, joined.Records.Ids);
        Assert.Equal(own.Records.Rows, joined.Records.Rows);
        Assert.Equal(own.Records.SourceStart, joined.Records.SourceStart);
        Assert.Equal(own.Records.IdRank, joined.Records.IdRank);
        Assert.Equal(own.Quarantine, joined.Quarantine);
        for (var c = 0; c < own.Records.Columns.Count; c++)
        {
            var (a, b) = (own.Records.Columns[c], joined.Records.Columns[c]);
            Assert.Equal(a.ValueIds, b.ValueIds);
            Assert.Equal(a.Values, b.Values);
            Assert.Equal(a.TermFrequency, b.TermFrequency);
            Assert.Equal(a.SourceCounts, b.SourceCounts);
        }
    }

    private static void ReadArrow(string path, Action<RecordBatch> read)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch) read(batch);
        }
    }
}
