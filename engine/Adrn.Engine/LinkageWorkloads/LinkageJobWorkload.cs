using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Output;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;
using Adrn.Tables;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// A linkage job (Adrn.Linkage) cut into the blocking plan's partitions: each node prepares the
/// records once (deterministically, from the shared input files), scores partitions to sorted
/// Arrow files, and the coordinator merges them by streaming into <c>pairs.arrow</c> and resolves
/// <c>links.arrow</c>.
/// </summary>
public sealed class LinkageJobWorkload : IJobWorkload
{
    private static readonly JsonSerializerOptions ReportJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly JobDescriptor _job;
    private readonly LinkageJobConfig _config;
    private readonly PreparedLinkage _prepared;
    private readonly ComparisonSet _comparisons;
    private readonly BlockingPlan _plan;
    private readonly TrainingPlan _training;
    private readonly ConcurrentDictionary<string, Lazy<ScoringModel>> _scoringModels = new(StringComparer.Ordinal);

    // Workers on this node call in concurrently; a comparer is single-threaded, so each call borrows one and gives
    // it back. The pool never holds more comparers than calls ever ran at once (the node's worker count).
    private readonly ConcurrentBag<PairComparer> _comparers = [];

    private LinkageJobWorkload(JobDescriptor job, LinkageJobConfig config, string configHash)
    {
        _job = job;
        _config = config;
        ConfigHash = configHash;
        _prepared = LinkagePreparation.Prepare(config);
        _comparisons = ComparisonSet.Create(_prepared, config.Comparisons);
        _plan = BlockingPlan.Build(_prepared, config.BlockingRules, config.Partitions);
        _training = TrainingPlan.Create(_prepared, _comparisons, config.Partitions);
        var blocking = _plan.Report(config.MaxComparisons, _prepared.TotalPossiblePairs);
        if (blocking.CapExceeded is not null)
        {
            throw new ComparisonCapExceededException(blocking.CapExceeded) { Report = blocking };
        }
    }

    /// <inheritdoc />
    public string ConfigHash { get; }

    /// <inheritdoc />
    public int PartitionCount => _plan.Partitions.Count;

    /// <inheritdoc />
    /// <remarks>
    /// One unit per (EM round, blocking partition of the round's rule), see <see cref="TrainingPlan"/>;
    /// 0 when every m is hand-set in the job file.
    /// </remarks>
    public int CountingUnitCount => _training.CountingUnitCount;

    private double Threshold => _config.Resolution.MatchProbability;

    private double KeepProbability => Math.Min(_config.Resolution.KeepProbability, Threshold);

    private PairComparer RentComparer() =>
        _comparers.TryTake(out var comparer) ? comparer : _comparisons.CreateComparer();

    /// <summary>Reads, validates and prepares the job of <paramref name="job"/>.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The workload.</returns>
    public static LinkageJobWorkload Open(JobDescriptor job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var config = LinkageJobConfig.Load(job.ConfigPath, job.Variables);
        return new LinkageJobWorkload(job, config, HashInputs(job, config));
    }

    /// <inheritdoc />
    public PartitionWork CountPatterns(int partition, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, CountingUnitCount);
        cancellationToken.ThrowIfCancellationRequested();
        var comparer = RentComparer();
        AgreementPatternCounts counts;
        try
        {
            counts = _training.CountUnit(partition, comparer);
        }
        finally
        {
            _comparers.Add(comparer);
        }

        PatternCountFile.Write(outputPath, counts);
        return new PartitionWork(counts.TotalPairs, counts.TotalPairs);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Merges the units' histograms round by round (integer addition, so the order of arrival does
    /// not matter), then <see cref="ModelTrainer.Finish"/>: u sampling, lambda and EM, on this node.
    /// </remarks>
    public string TrainModel(IReadOnlyList<string> countFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countFiles);
        if (countFiles.Count != CountingUnitCount)
        {
            throw new ArgumentException($"expected {CountingUnitCount} count files, got {countFiles.Count}", nameof(countFiles));
        }

        var merged = _training.Rounds.Select(_ => new AgreementPatternCounts(_comparisons.Count)).ToList();
        for (var unit = 0; unit < countFiles.Count; unit++)
        {
            merged[_training.Locate(unit).Round].Merge(PatternCountFile.Read(countFiles[unit], _comparisons.Count));
        }

        return ModelTrainer.Finish(_training, merged, null, cancellationToken).ToJson();
    }

    /// <inheritdoc />
    public PartitionWork ScorePartition(int partition, string modelJson, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
        var scoring = _scoringModels.GetOrAdd(modelJson, json => new Lazy<ScoringModel>(
            () => ScoringModel.Create(MatchModel.FromJson(json), _comparisons, _prepared))).Value;
        var blockingPartition = _plan.Partitions[partition];
        var comparer = RentComparer();
        ScoredPairBatch batch;
        try
        {
            batch = PartitionScorer.Score(_prepared, blockingPartition, scoring, KeepProbability, comparer);
        }
        finally
        {
            _comparers.Add(comparer);
        }

        ScoredPairFile.Write(outputPath, batch, _prepared.Records.IdRank);
        return new PartitionWork(batch.Count, blockingPartition.PairUpperBound);
    }

    /// <inheritdoc />
    public JobSummary WriteOutputs(IReadOnlyList<string> scoreFiles, string modelJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scoreFiles);
        var outDir = _job.OutputDirectory;
        Directory.CreateDirectory(outDir);
        var names = _comparisons.Configs.Select(c => c.Name).ToList();
        var k = names.Count;
        var records = _prepared.Records;

        // Stream-merge the sorted partition files: P cursors, one record batch each in memory.
        var candidates = new LinkCandidates(k);
        long pairs = 0;
        var pairsPath = Path.Combine(outDir, "pairs.arrow");
        WriteAtomically(pairsPath, temp =>
        {
            var cursors = scoreFiles.Select(f => new ScoredPairCursor(f, k)).ToList();
            try
            {
                var queue = new PriorityQueue<int, (ulong Key, int Partition)>();
                for (var i = 0; i < cursors.Count; i++)
                {
                    if (cursors[i].MoveNext())
                    {
                        queue.Enqueue(i, (cursors[i].Key, i));
                    }
                }

                using var writer = new PairsOutputWriter(temp, records, names);
                while (queue.TryDequeue(out var i, out _))
                {
                    var c = cursors[i];
                    writer.Append(c.Left, c.Right, c.Weight, c.Probability, c.Gammas);
                    if (c.Probability >= Threshold)
                    {
                        candidates.Add(c.Left, c.Right, c.Weight, c.Probability, c.Gammas);
                    }

                    if (c.MoveNext())
                    {
                        queue.Enqueue(i, (c.Key, i));
                    }
                }

                writer.Complete();
                pairs = writer.Rows;
            }
            finally
            {
                cursors.ForEach(c => c.Dispose());
            }
        });

        var accepted = candidates.ToBatch();
        var rows = LinkResolver.Resolve(accepted, records, _config.Resolution.Method, Threshold);
        var links = accepted.Select(rows);
        var linksPath = Path.Combine(outDir, "links.arrow");
        WriteAtomically(linksPath, temp =>
        {
            using var writer = new PairsOutputWriter(temp, records, names);
            for (var i = 0; i < links.Count; i++)
            {
                writer.Append(links.Left[i], links.Right[i], links.Weight[i], links.Probability[i], links.Gammas.AsSpan(i * k, k));
            }

            writer.Complete();
        });

        var files = new List<string> { "pairs.arrow", "links.arrow" };
        if (_config.Resolution.Method == ResolutionMethod.Clusters)
        {
            var clusters = LinkResolver.Cluster(accepted, rows, records);
            WriteAtomically(Path.Combine(outDir, "clusters.arrow"), temp => ClusterFile.Write(temp, records, clusters));
            files.Add("clusters.arrow");
        }

        // Arrow is the engine's own format (streamed, and read back for evaluation); every other format the job asks
        // for is converted from it batch by batch, so even a pairs table larger than memory can be had as CSV or Parquet.
        var tables = files.Where(f => f != "pairs.arrow" || _config.Outputs.WritePairs).ToList();
        foreach (var format in _config.Outputs.Formats.Where(f => f != SourceFormat.Arrow).Distinct())
        {
            foreach (var table in tables)
            {
                files.Add(Path.GetFileName(TableConverter.ConvertArrowFile(Path.Combine(outDir, table), format.ToTableFormat())));
            }
        }

        WriteAtomically(Path.Combine(outDir, "quarantine.csv"), temp => QuarantineFile.Write(temp, _prepared.Quarantine));
        files.Add("quarantine.csv");

        var model = MatchModel.FromJson(modelJson);
        WriteAtomically(Path.Combine(outDir, "model.json"), model.Save);
        files.Add("model.json");

        var notes = new List<string>();
        var truthPath = _job.TruthPath ?? _config.Truth?.PairsPath;
        EvaluationReport? evaluation = null;
        if (truthPath is not null)
        {
            evaluation = LinkEvaluation.Evaluate(linksPath, truthPath, Threshold);
            notes.Add(FormattableString.Invariant(
                $"against {Path.GetFileName(truthPath)}: precision {evaluation.Precision:F4}, recall {evaluation.Recall:F4}, F1 {evaluation.F1:F4} at match probability {Threshold}"));
        }

        var report = new
        {
            JobId = _job.JobId,
            Job = _config.Name,
            ConfigHash,
            Partitions = PartitionCount,
            Pairs = pairs,
            Links = links.Count,
            Quarantined = _prepared.Quarantine.Count,
            Evaluation = evaluation,
        };
        WriteAtomically(Path.Combine(outDir, "report.json"), temp => File.WriteAllText(temp, JsonSerializer.Serialize(report, ReportJson)));
        files.Add("report.json");
        return new JobSummary(_job.JobId, files, pairs, notes);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Prepared records are plain managed arrays; nothing to release.
    }

    private static void WriteAtomically(string path, Action<string> write)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string HashInputs(JobDescriptor job, LinkageJobConfig config)
    {
        // NOTE: the hash covers the job file, its variables and the bytes of every source, so a
        // resume refuses to mix partitions computed from different inputs.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(job.ConfigPath));
        foreach (var (name, value) in job.Variables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{name}={value}"));
        }

        foreach (var source in config.Sources)
        {
            using var stream = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
