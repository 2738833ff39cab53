using System.Diagnostics;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Tables;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Preparation;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Dataset.Linking;

/// <summary>
/// The one place where the store drives the linkage pipeline (<see cref="LinkagePlan.Create"/>, then
/// <see cref="LinkageJob.RunPlan"/>).
/// A wave is read and standardised once per link job (<see cref="PrepareWave"/>); it is linked to the spine's
/// representatives kept prepared in the store (<see cref="LinkToSpine"/>, joined with <see cref="PreparedComposition"/>)
/// and, where the spec asks for it, to itself (<see cref="DedupeWithinWave"/>), each time with the stored model (or
/// training one when there is none yet). The rule of each link comes with it (<c>match_rule</c>).
/// </summary>
/// <remarks>
/// NOTE: nothing of earlier waves is read or standardised here. The joined records are exactly those a run of the job
/// on the wave file and a spine file of the representatives would prepare (same values, counts and order), so links do
/// not depend on how the spine side was kept; the spine side adds O(entities) work on values already standardised
/// (interning, blocking keys), not on raw records.
/// </remarks>
internal sealed class WaveLinker(int maxDegreeOfParallelism)
{
    /// <summary>Reads and standardises the wave's side of a link job (sources <c>wave</c> and <c>spine</c>).</summary>
    /// <param name="jobJson">The link job.</param>
    /// <param name="wavePath">The wave file.</param>
    /// <param name="workDirectory">Base folder for the job's relative paths.</param>
    public PreparedWave PrepareWave(string jobJson, string wavePath, string workDirectory)
    {
        var clock = Stopwatch.StartNew();
        // The wave file stands in for ${spine} so the job loads: the spine side is never read from a file here, it is
        // joined prepared (LinkToSpine) or prepared from the representatives it lacks (PrepareSpineSide).
        var link = Quiet(LinkJobRules.Load(jobJson, wavePath, wavePath, workDirectory));
        var prepared = LinkagePreparation.Prepare(link with { Sources = [link.Sources[0]] });
        return new PreparedWave(link, prepared, ObjectSha(jobJson), clock.Elapsed.TotalSeconds);
    }

    /// <summary>The SHA-256 of a link job's text and its column names (what names its prepared spines), without reading the wave.</summary>
    public static (string JobSha256, IReadOnlyList<string> Columns) JobColumns(string jobJson, string wavePath, string workDirectory) =>
        (ObjectSha(jobJson), LinkJobRules.Load(jobJson, wavePath, wavePath, workDirectory).Columns.Select(c => c.Name).ToList());

    /// <summary>Links every record of the wave to at most one spine record (the job's resolution), with its rule.</summary>
    /// <param name="wave">The prepared wave.</param>
    /// <param name="spine">The spine's representatives prepared by the same job (synchronised with the spine).</param>
    /// <param name="modelPath">The stored model, or null to train one from this run.</param>
    /// <param name="workDirectory">Folder for the run's outputs (created).</param>
    /// <param name="matchProbability">Overrides the job's threshold, or null.</param>
    /// <param name="ct">Cancellation.</param>
    public WaveLinkRun LinkToSpine(PreparedWave wave, PreparedSpine spine, string? modelPath, string workDirectory, double? matchProbability, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var config = wave.Config;
        var prepared = PreparedComposition.Combine(config, [wave.Prepared], spine.ToStandardised());
        var plan = LinkagePlan.Create(prepared, null, clock.Elapsed.TotalSeconds, ct);
        var result = Run(plan, workDirectory, modelPath, matchProbability, ct);
        var links = LinksOf(plan, result);
        var byRecord = new Dictionary<string, LinkedPair>(StringComparer.Ordinal);
        foreach (var l in links)
        {
            var (waveId, spineKey) = l.LeftSource == LinkJobRules.WaveSource ? (l.Left, l.Right) : (l.Right, l.Left);
            byRecord[waveId] = new LinkedPair(spineKey, l.Probability, l.Rule);
        }

        return new WaveLinkRun(byRecord, null, Path.Combine(workDirectory, "model.json"), modelPath is null,
            Work("link", plan, spine.Count, SpineRecordsInBlocks(plan), clock.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// Links the records of the wave among themselves: the link job's <c>wave</c> side as a dedupe job with clusters
    /// resolution. Returns the cluster of every record and, per record, its most probable pair inside its cluster.
    /// </summary>
    public WaveLinkRun DedupeWithinWave(PreparedWave wave, string? modelPath, string workDirectory, double? matchProbability, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var config = SourceLinkSpec.WithinWaveJob(wave.Config);
        var plan = LinkagePlan.Create(PreparedComposition.Combine(config, [wave.Prepared]), null, clock.Elapsed.TotalSeconds, ct);
        var result = Run(plan, workDirectory, modelPath, matchProbability, ct);
        var links = LinksOf(plan, result);
        var best = new Dictionary<string, LinkedPair>(StringComparer.Ordinal);
        foreach (var l in links)
        {
            Keep(best, l.Left, new LinkedPair(l.Right, l.Probability, l.Rule));
            Keep(best, l.Right, new LinkedPair(l.Left, l.Probability, l.Rule));
        }

        // The clusters as the run wrote them (one per record), taken from the run rather than read back from the file.
        var records = plan.Prepared.Records;
        var clusterIds = result.ClusterIds ?? throw new InvalidOperationException($"the within-wave run of job '{config.Name}' gave no clusters.");
        var clusterOf = new Dictionary<string, string>(records.Count, StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++) clusterOf[records.Ids[i]] = clusterIds[i];
        return new WaveLinkRun(best, clusterOf, Path.Combine(workDirectory, "model.json"), modelPath is null,
            Work("within_wave", plan, 0, 0, clock.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// Standardises representatives with the job's spine side, as a run on a spine file of them would: their raw values
    /// are written as a spine file (<c>record_key</c> and the spine's columns) and prepared. Returns, per representative in
    /// the order given, the value of every job column.
    /// </summary>
    public IReadOnlyList<string?[]> PrepareSpineSide(PreparedWave wave, SpineSpec spine, IReadOnlyList<SpineTable.Representative> representatives,
        IReadOnlyList<string?[]> rawValues, string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, $"representatives-{Guid.NewGuid():N}.arrow");
        try
        {
            var key = new ColumnBuffer(LinkJobRules.SpineIdColumn, VariableType.Text, nullable: false);
            var columns = spine.Columns.Select(c => new ColumnBuffer(c, VariableType.Text)).ToArray();
            for (var i = 0; i < representatives.Count; i++)
            {
                key.Add(representatives[i].RecordKey);
                for (var c = 0; c < columns.Length; c++) columns[c].Add(rawValues[i][c]);
            }

            ArrowTableFile.Write(path, [key, .. columns]);
            var side = wave.Config.Sources[1] with { Path = path, Format = SourceFormat.Arrow };
            var prepared = LinkagePreparation.Prepare(wave.Config with { Sources = [side] });
            var records = prepared.Records;
            var result = new string?[representatives.Count][];
            for (var i = 0; i < result.Length; i++)
            {
                var at = records.Find(0, representatives[i].RecordKey);
                if (at < 0) throw new InvalidDataException($"the spine side of job '{wave.Config.Name}' set aside representative {representatives[i].RecordKey} of spine '{spine.Name}'.");
                var values = new string?[records.Columns.Count];
                for (var c = 0; c < values.Length; c++) values[c] = records.Columns[c].ValueOf(at);
                result[i] = values;
            }

            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>SHA-256 (hex) of a job's text, naming the prepared spines it made.</summary>
    public static string ObjectSha(string jobJson) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(jobJson)));

    private static int SpineRecordsInBlocks(LinkagePlan plan)
    {
        // Spine records in some key group with a wave record: the blocks the wave touches.
        var first = plan.Prepared.Records.SourceStart[1];
        var touched = new bool[plan.Prepared.Records.Count - first];
        foreach (var partition in plan.Blocking.Partitions)
        foreach (var m in partition.Members)
            if (m >= first) touched[m - first] = true;
        return touched.Count(t => t);
    }

    // The spine's name and the representatives standardised for the run are the caller's to fill in.
    private static WaveLinkWork Work(string kind, LinkagePlan plan, int spineRecords, int spineRecordsInBlocks, double seconds)
    {
        var records = plan.Prepared.Records;
        return new WaveLinkWork(string.Empty, kind, records.SourceStart[1] - records.SourceStart[0], spineRecords, 0, spineRecordsInBlocks, plan.BlockingReport.TotalComparisons, seconds);
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

    private LinkageRunResult Run(LinkagePlan plan, string workDirectory, string? modelPath, double? matchProbability, CancellationToken ct)
    {
        Directory.CreateDirectory(workDirectory);
        return LinkageJob.RunPlan(plan, workDirectory, new LinkageRunOptions
        {
            ModelPath = modelPath,
            MaxDegreeOfParallelism = maxDegreeOfParallelism,
            Formats = [SourceFormat.Arrow],
            MatchProbability = matchProbability,
            // The store keeps a run's links, clusters and (when trained) model; its report pages would be discarded.
            WriteReport = false,
        }, null, ct);
    }

    /// <summary>
    /// The run's links as it wrote them to <c>links</c> (ids, sources, <c>match_probability</c>, <c>match_rule</c>), taken from
    /// the run rather than read back from the file: the ids are the prepared records' own strings.
    /// </summary>
    private static List<ScoredLink> LinksOf(LinkagePlan plan, LinkageRunResult result)
    {
        var links = result.LinkedPairs ?? throw new InvalidOperationException($"the run of job '{plan.Config.Name}' gave no links.");
        var records = plan.Prepared.Records;
        var rules = plan.Config.BlockingRules;
        var list = new List<ScoredLink>(links.Count);
        for (var i = 0; i < links.Count; i++)
        {
            int left = links.Left[i], right = links.Right[i], rule = links.Rules[i];
            list.Add(new ScoredLink(records.Ids[left], records.SourceNames[records.SourceOf(left)], records.Ids[right], records.SourceNames[records.SourceOf(right)],
                links.Probability[i], rule >= 0 && rule < rules.Count ? rules[rule].Name : string.Empty));
        }

        return list;
    }

    private sealed record ScoredLink(string Left, string LeftSource, string Right, string RightSource, double Probability, string Rule);
}
