using System.Diagnostics;
using System.Globalization;
using Adrn.Dataset.Spec;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;

namespace Adrn.Dataset.Linking;

/// <summary>
/// The one place where the store runs the linkage pipeline. A wave is linked to a spine's representative records
/// (<see cref="LinkToSpine"/>) and, where the spec asks for it, to itself (<see cref="DedupeWithinWave"/>), each time by
/// <see cref="LinkageJob.Run"/> on the spec's job with the stored model (or training one when there is none yet).
/// </summary>
/// <remarks>
/// NOTE: each call reads, standardises and blocks the wave and the spine's representative records (one per entity, not
/// one per stored record), so adding a wave costs a link of (wave × entities); the rule of each link comes with it
/// (<c>match_rule</c>).
/// </remarks>
internal sealed class WaveLinker(int maxDegreeOfParallelism)
{
    /// <summary>Links every record of the wave to at most one spine record (the job's resolution), with its rule.</summary>
    /// <param name="jobJson">The link job (sources <c>wave</c> and <c>spine</c>).</param>
    /// <param name="wavePath">The wave file.</param>
    /// <param name="spinePath">The spine's representative file (Arrow, id column <c>record_key</c>).</param>
    /// <param name="modelPath">The stored model, or null to train one from this run.</param>
    /// <param name="workDirectory">Folder for the run's outputs (created).</param>
    /// <param name="matchProbability">Overrides the job's threshold, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public WaveLinkRun LinkToSpine(string jobJson, string wavePath, string spinePath, string? modelPath, string workDirectory, double? matchProbability, CancellationToken ct)
    {
        var config = Quiet(LinkJobRules.Load(jobJson, wavePath, spinePath, workDirectory));
        var (result, links, rules, pipeline) = RunAndName(config, workDirectory, modelPath, matchProbability, ct);
        var byRecord = new Dictionary<string, LinkedPair>(StringComparer.Ordinal);
        for (var i = 0; i < links.Count; i++)
        {
            var (waveId, spineKey) = links[i].LeftSource == LinkJobRules.WaveSource ? (links[i].Left, links[i].Right) : (links[i].Right, links[i].Left);
            byRecord[waveId] = new LinkedPair(spineKey, links[i].Probability, rules[i]);
        }

        return new WaveLinkRun(byRecord, null, Path.Combine(workDirectory, "model.json"), modelPath is null, QuarantinedRows(result, wavePath), pipeline);
    }

    /// <summary>
    /// Links the records of the wave among themselves: the link job's <c>wave</c> side as a dedupe job with clusters
    /// resolution. Returns the cluster of every record and, per record, its most probable pair inside its cluster.
    /// </summary>
    public WaveLinkRun DedupeWithinWave(string jobJson, string wavePath, string? modelPath, string workDirectory, double? matchProbability, CancellationToken ct)
    {
        // The spine side is dropped: the wave file stands in for ${spine} only so the job loads.
        var link = Quiet(LinkJobRules.Load(jobJson, wavePath, wavePath, workDirectory));
        var config = link with
        {
            Name = link.Name + "-within-wave",
            LinkType = LinkType.DedupeOnly,
            Sources = [link.Sources[0]],
            Resolution = link.Resolution with { Method = ResolutionMethod.Clusters },
        };
        var (result, links, rules, pipeline) = RunAndName(config, workDirectory, modelPath, matchProbability, ct);
        var best = new Dictionary<string, LinkedPair>(StringComparer.Ordinal);
        for (var i = 0; i < links.Count; i++)
        {
            Keep(best, links[i].Left, new LinkedPair(links[i].Right, links[i].Probability, rules[i]));
            Keep(best, links[i].Right, new LinkedPair(links[i].Left, links[i].Probability, rules[i]));
        }

        var clusters = SourceReader.Read(result.Files["clusters"][0], SourceFormat.Arrow, ["id", "cluster_id"]);
        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = clusters.Column("id");
        var clusterIds = clusters.Column("cluster_id");
        for (var i = 0; i < clusters.RowCount; i++) clusterOf[ids[i]!] = clusterIds[i]!;
        return new WaveLinkRun(best, clusterOf, Path.Combine(workDirectory, "model.json"), modelPath is null, QuarantinedRows(result, wavePath), pipeline);
    }

    /// <summary>Runs the pipeline and reads its links, each with the blocking rule that made it a candidate (<c>match_rule</c>).</summary>
    private (LinkageRunResult Result, List<ScoredLink> Links, string[] Rules, double PipelineSeconds) RunAndName(
        LinkageJobConfig config, string workDirectory, string? modelPath, double? matchProbability, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var result = Run(config, workDirectory, modelPath, matchProbability, ct);
        var links = ReadPairs(result.Files["links"][0]);
        return (result, links, links.Select(l => l.Rule).ToArray(), clock.Elapsed.TotalSeconds);
    }

    private static void Keep(Dictionary<string, LinkedPair> best, string record, LinkedPair pair)
    {
        if (!best.TryGetValue(record, out var current) || pair.Probability > current.Probability
            || (pair.Probability == current.Probability && string.CompareOrdinal(pair.Other, current.Other) < 0))
            best[record] = pair;
    }

    private static LinkageJobConfig Quiet(LinkageJobConfig config) => config with
    {
        Truth = null,
        Outputs = new OutputConfig { Formats = [SourceFormat.Arrow], WritePairs = false },
    };

    private LinkageRunResult Run(LinkageJobConfig config, string workDirectory, string? modelPath, double? matchProbability, CancellationToken ct)
    {
        Directory.CreateDirectory(workDirectory);
        return LinkageJob.Run(config, workDirectory, new LinkageRunOptions
        {
            ModelPath = modelPath,
            MaxDegreeOfParallelism = maxDegreeOfParallelism,
            Formats = [SourceFormat.Arrow],
            MatchProbability = matchProbability,
        }, null, ct);
    }

    private static List<ScoredLink> ReadPairs(string path)
    {
        var t = SourceReader.Read(path, SourceFormat.Arrow, ["id_l", "id_r", "source_l", "source_r", "match_probability", "match_rule"]);
        var l = t.Column("id_l");
        var r = t.Column("id_r");
        var sl = t.Column("source_l");
        var sr = t.Column("source_r");
        var p = t.Column("match_probability");
        var rule = t.Column("match_rule");
        var list = new List<ScoredLink>(t.RowCount);
        for (var i = 0; i < t.RowCount; i++)
            list.Add(new ScoredLink(l[i]!, sl[i]!, r[i]!, sr[i]!, double.Parse(p[i]!, NumberStyles.Float, CultureInfo.InvariantCulture), rule[i] ?? "?"));
        return list;
    }

    private static IReadOnlySet<int> QuarantinedRows(LinkageRunResult result, string wavePath)
    {
        var rows = new HashSet<int>();
        var path = result.Files["quarantine"][0];
        var t = SourceReader.Read(path, SourceFormat.Csv, ["file", "row"]);
        var files = t.Column("file");
        var numbers = t.Column("row");
        var full = Path.GetFullPath(wavePath);
        for (var i = 0; i < t.RowCount; i++)
            if (files[i] is { } f && Path.GetFullPath(f) == full) rows.Add(int.Parse(numbers[i]!, CultureInfo.InvariantCulture));
        return rows;
    }

    private sealed record ScoredLink(string Left, string LeftSource, string Right, string RightSource, double Probability, string Rule);
}
