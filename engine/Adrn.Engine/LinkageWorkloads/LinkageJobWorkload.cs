using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Adrn.Engine.Jobs;
using Adrn.Engine.Workloads;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Linkage.Training;
using Adrn.Tables;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>
/// The actor engine's driver of the linkage pipeline (<see cref="LinkagePipeline"/>): each method is one stage of one
/// partition or counting unit, its result written to the file the runtime gives it, so any node can run any task and
/// the coordinator merges the files. It holds no linkage logic of its own.
/// </summary>
public sealed class LinkageJobWorkload : IJobWorkload
{
    private readonly JobDescriptor _job;
    private readonly LinkagePlan _plan;
    private readonly IPairScorerProvider? _scorers;
    private readonly ConcurrentDictionary<string, Lazy<(IPairScorer Scorer, IReadOnlyDictionary<string, IReadOnlyList<string>> Files)>> _scorerByModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _timings;
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _valuesWritten;
    private readonly Task _preparedWritten;
    private readonly ConcurrentDictionary<(JobPhase Phase, int Partition), Lazy<Task>> _shipped = new();
    private readonly ConcurrentDictionary<JobPhase, Task> _shippingAhead = new();
    private volatile bool _counted;
    private volatile bool _finishing;
    private string? _trainedModel;
    private double _firstCount = double.NaN;
    private double _firstScore = double.NaN;

    private readonly Adrn.Linkage.Output.OutputFolder _folder;

    private IProgress<LinkageProgress>? _progress;

    private LinkageJobWorkload(JobDescriptor job, Adrn.Linkage.Output.OutputFolder folder, LinkagePlan plan, string configHash, IPairScorerProvider? scorers, bool preparedFromFiles,
        Task valuesWritten)
    {
        _job = job;
        _folder = folder;
        _plan = plan;
        _scorers = scorers;
        ConfigHash = configHash;
        _timings = new Dictionary<string, double>(plan.Timings);
        PreparedFromFiles = preparedFromFiles;
        // The prepared job is written once, in the background while the first tasks run: a resumed coordinator then
        // reads it instead of the raw inputs, and workers on other nodes read its value tables.
        var directory = PreparedDirectory(job);
        // Value tables first (what workers on other nodes read; being written since the records were prepared, see
        // OpenWritingValues), then the records (what a resumed coordinator reads).
        _valuesWritten = valuesWritten;
        _preparedWritten = preparedFromFiles
            ? Task.CompletedTask
            : _valuesWritten.ContinueWith(values =>
            {
                values.GetAwaiter().GetResult();
                PreparedJobFiles.WriteRecordsAndManifest(directory, plan.Prepared, configHash);
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Whether the job's records were read from its prepared files (a resumed job) rather than from its inputs.</summary>
    public bool PreparedFromFiles { get; }

    /// <inheritdoc />
    public string? OpenedFrom => PreparedFromFiles
        ? $"the prepared job in {PreparedDirectory(_job)} (inputs unchanged since it was prepared; not read again)"
        : null;

    /// <summary>The folder of a job's prepared records and partition slices: <c>.adrn/prepared</c> in its output folder.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The folder.</returns>
    public static string PreparedDirectory(JobDescriptor job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Path.Combine(job.OutputDirectory, ".adrn", "prepared");
    }

    /// <summary>The slice file of one task, in <see cref="PreparedDirectory"/>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="phase">The phase.</param>
    /// <param name="partition">The partition or counting unit.</param>
    /// <returns>The path.</returns>
    public static string SlicePath(JobDescriptor job, JobPhase phase, int partition) =>
        Path.Combine(PreparedDirectory(job), "slices", phase == JobPhase.Counting
            ? FormattableString.Invariant($"count-u{partition:D5}.arrow")
            : FormattableString.Invariant($"score-p{partition:D5}.arrow"));

    /// <inheritdoc />
    public string ConfigHash { get; }

    /// <inheritdoc />
    public int PartitionCount => _plan.PartitionCount;

    /// <inheritdoc />
    /// <remarks>One unit per (EM round, blocking partition of the round's rule); 0 when every m is hand-set in the job file.</remarks>
    public int CountingUnitCount => _plan.CountingUnitCount;

    private double Threshold => _plan.Config.Resolution.MatchProbability;

    /// <summary>Reads, validates and prepares the job of <paramref name="job"/> (<see cref="LinkagePipeline.Open"/>).</summary>
    /// <param name="job">The job.</param>
    /// <param name="scorers">Supplies the learned scorer for jobs that ask for it, or null.</param>
    /// <param name="progress">Receives the preparation, blocking and training stages, or null.</param>
    /// <returns>The workload.</returns>
    public static LinkageJobWorkload Open(JobDescriptor job, IPairScorerProvider? scorers = null, IProgress<LinkageProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var config = LinkageJobConfig.Load(job.ConfigPath, job.Variables);
        // Checked before the expensive part: a learned job without a provider cannot be scored here.
        if (config.Scorer != PairScorerKind.FellegiSunter && scorers?.Create(config) is null)
            throw new ConfigValidationException($"scorer: job '{config.Name}' uses the {config.Scorer} scorer, which this node cannot load");
        // The job claims its output folder before any work (and holds it until it is closed): a folder holding another
        // job's outputs, or in use by another job, refuses it here, before anything is read or journalled as started.
        var folder = Adrn.Linkage.Output.OutputFolder.Claim(job.OutputDirectory, job.JobId,
            job.ReplaceOutputs ? Adrn.Linkage.Output.OutputFolderMode.Replace : Adrn.Linkage.Output.OutputFolderMode.New);
        try
        {
            var directory = PreparedDirectory(job);
            if (PreparedJobFiles.HashOf(directory) is null)
            {
                // A new job (no prepared job to reuse): the inputs are hashed while they are prepared, not before.
                var hashing = Task.Run(() => HashInputs(job, config), CancellationToken.None);
                var (opened, values) = OpenWritingValues(config, directory, hashing, progress);
                return new LinkageJobWorkload(job, folder, opened, hashing.GetAwaiter().GetResult(), scorers, preparedFromFiles: false, values) { _progress = progress };
            }

            var hash = HashInputs(job, config);
            if (PreparedJobFiles.IsComplete(directory, hash))
            {
                // A resumed job: the inputs are unchanged (same hash), so their prepared form is read instead of the inputs.
                var clock = Stopwatch.StartNew();
                progress?.Report(new LinkageProgress("prepare", 0, 1, 0));
                var prepared = PreparedJobFiles.Read(directory, config, hash);
                progress?.Report(new LinkageProgress("prepare", 1, 1, 0) { Detail = LinkagePipeline.Describe(prepared) + ", read from the job's prepared files" });
                var plan = LinkagePlan.Create(prepared, prepareSeconds: clock.Elapsed.TotalSeconds);
                progress?.Report(new LinkageProgress("blocking", 1, 1, 0) { Detail = LinkagePipeline.Describe(plan) });
                return new LinkageJobWorkload(job, folder, plan, hash, scorers, preparedFromFiles: true, Task.CompletedTask) { _progress = progress };
            }

            var (planned, valuesWritten) = OpenWritingValues(config, directory, Task.FromResult(hash), progress);
            return new LinkageJobWorkload(job, folder, planned, hash, scorers, preparedFromFiles: false, valuesWritten) { _progress = progress };
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Prepares and plans the job, starting to write the prepared value tables as soon as the records are prepared
    /// (before blocking): workers on other nodes, told to open the job when it starts, read them while this node blocks.
    /// When opening fails, the writing (and the hashing) is waited for, so none of it outlives the call.
    /// </summary>
    private static (LinkagePlan Plan, Task ValuesWritten) OpenWritingValues(LinkageJobConfig config, string directory, Task<string> hashing, IProgress<LinkageProgress>? progress)
    {
        // Workers elsewhere are told to open the job while it is prepared: what an earlier attempt left must not be read.
        PreparedJobFiles.Discard(directory);
        Task? values = null;
        try
        {
            var plan = LinkagePipeline.Open(config, progress: progress, onPrepared: prepared => values = Task.Run(async () =>
                PreparedJobFiles.WriteValueTables(directory, prepared, await hashing.ConfigureAwait(false)), CancellationToken.None));
            return (plan, values ?? throw new InvalidOperationException("unreachable: the records are prepared before the plan exists"));
        }
        catch
        {
            try
            {
                Task.WaitAll(values is null ? [hashing] : [hashing, values]);
            }
            catch (AggregateException)
            {
                // The opening's error is the one to report.
            }

            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Writes the task's partition slice (<see cref="PartitionSliceFile"/>; the worker reads it once it has read the
    /// prepared value tables, which are written meanwhile); the first call of a phase also starts writing the phase's
    /// other slices in the background, in partition order,
    /// so that later tasks rarely wait (after the counting units' slices, the scoring partitions' follow). u and lambda
    /// are estimated on this node once the counting units' slices are written, not before: the workers wait for those.
    /// </remarks>
    public Task ShipAsync(JobPhase phase, int partition, CancellationToken cancellationToken)
    {
        ShipAhead(phase);
        // A worker elsewhere opens the job from the value tables: the task is not sent before they are written (a
        // failure to write them fails the task's shipping at once, with its cause).
        return Task.WhenAll(Ship(phase, partition), _valuesWritten);
    }

    private void ShipAhead(JobPhase phase) => _shippingAhead.GetOrAdd(phase, p => Task.Run(async () =>
    {
        var count = p == JobPhase.Counting ? CountingUnitCount : PartitionCount;
        // Once the model is being trained every unit is counted, and once the outputs are being written every partition
        // is scored: the phase's slices still unwritten are not needed.
        for (var i = 0; i < count && !_finishing && !(p == JobPhase.Counting && _counted); i++) await Ship(p, i).ConfigureAwait(false);
        if (_finishing) return;
        if (p != JobPhase.Counting) return;
        // The workers count; this node samples u and estimates lambda meanwhile (TrainModel waits for them), and writes
        // the scoring slices, which do not depend on the model, while the units are counted and the model trained.
        _plan.Training.StartPrior();
        ShipAhead(JobPhase.Scoring);
    }, CancellationToken.None));

    // A slice needs nothing but the plan: it is written while the prepared job is, and a worker reads it once it has
    // read the value tables (LinkageSliceWorkload.Open waits for those).
    private Task Ship(JobPhase phase, int partition) =>
        _shipped.GetOrAdd((phase, partition), key => new Lazy<Task>(() => Task.Run(() =>
        {
            var path = SlicePath(_job, key.Phase, key.Partition);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var blockingPartition = key.Phase == JobPhase.Counting ? _plan.Training.UnitPartition(key.Partition) : _plan.Blocking.Partitions[key.Partition];
            Adrn.Linkage.Output.AtomicFile.Write(path, temp => PartitionSliceFile.Write(temp, blockingPartition));
        }, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <inheritdoc />
    public PartitionWork CountPatterns(int partition, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, CountingUnitCount);
        cancellationToken.ThrowIfCancellationRequested();
        Mark(ref _firstCount);
        // u and lambda are estimated on this (the coordinator's) node while the units are counted; TrainModel waits for them.
        _plan.Training.StartPrior();
        var counts = LinkagePipeline.CountUnit(_plan.Training.UnitPartition(partition), _plan.Comparers);
        PatternCountFile.Write(outputPath, counts);
        return new PartitionWork(counts.TotalPairs, counts.TotalPairs);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <see cref="LinkagePipeline.Train"/> on the units' histograms, on this (the coordinator's) node; a job with the
    /// learned scorer then trains it here too and saves it into the job's folder, where workers load it from.
    /// </remarks>
    public string TrainModel(IReadOnlyList<string> countFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(countFiles);
        if (countFiles.Count != CountingUnitCount)
            throw new ArgumentException($"expected {CountingUnitCount} count files, got {countFiles.Count}", nameof(countFiles));
        var start = _clock.Elapsed.TotalSeconds;
        if (!double.IsNaN(_firstCount)) _timings["counting"] = Math.Round(start - _firstCount, 3);
        // Trained once: the counts of a job are the same files however often it is asked (a resumed coordinator on
        // this node), and the training plan is let go once the model exists.
        if (_trainedModel is { } trained) return trained;
        // Every unit is counted: no counting slice is written any more (the scoring ones do not need the model).
        _counted = true;
        var counts = countFiles.Select(f => PatternCountFile.Read(f, _plan.Comparisons.Count)).ToList();
        var model = LinkagePipeline.Train(_plan, counts, _progress, cancellationToken);
        var json = model.ToJson();
        if (_scorers?.Create(_plan.Config) is { } custom)
        {
            Directory.CreateDirectory(_job.OutputDirectory);
            var files = custom.Prepare(Context(model, withPlan: true));
            _scorerByModel[json] = new Lazy<(IPairScorer, IReadOnlyDictionary<string, IReadOnlyList<string>>)>((custom, files));
        }

        _timings["training"] = Math.Round(_clock.Elapsed.TotalSeconds - start, 3);
        // The counting slices written or being written are done before the training plan goes.
        if (_shippingAhead.TryGetValue(JobPhase.Counting, out var shipping)) shipping.ContinueWith(_ => { }, TaskScheduler.Default).Wait(cancellationToken);
        foreach (var shipped in _shipped.Where(s => s.Key.Phase == JobPhase.Counting && s.Value.IsValueCreated))
            shipped.Value.Value.ContinueWith(_ => { }, TaskScheduler.Default).Wait(cancellationToken);
        _plan.ReleaseTraining();
        _trainedModel = json;
        return json;
    }

    /// <inheritdoc />
    public PartitionWork ScorePartition(int partition, string modelJson, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
        Mark(ref _firstScore);
        var scorer = ScorerFor(modelJson).Scorer;
        var blockingPartition = _plan.Blocking.Partitions[partition];
        var run = LinkagePipeline.ScorePartition(blockingPartition, scorer, _plan.KeepProbability(Threshold));
        ScoredPairFile.Write(outputPath, run);
        return new PartitionWork(run.Count, blockingPartition.PairUpperBound);
    }

    /// <inheritdoc />
    public JobSummary WriteOutputs(IReadOnlyList<string> scoreFiles, string modelJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scoreFiles);
        if (!double.IsNaN(_firstScore)) _timings["scoring"] = Math.Round(_clock.Elapsed.TotalSeconds - _firstScore, 3);
        var (scorer, scorerFiles) = ScorerFor(modelJson);
        var k = _plan.Comparisons.Count;
        var runs = new List<IScoredPairRun>(scoreFiles.Count);
        try
        {
            foreach (var file in scoreFiles) runs.Add(ScoredPairFile.Open(file, k));
        }
        catch
        {
            runs.ForEach(r => r.Dispose());
            throw;
        }

        // The prepared job must be on disk before the job counts as done (a later resume of a failed step reads it).
        _preparedWritten.GetAwaiter().GetResult();
        // Every partition is scored: no slice is written any more, and the blocking and training plans go (the outputs
        // need the records, not them), so the merge and the outputs reuse their memory.
        _finishing = true;
        foreach (var shipping in _shippingAhead.Values) shipping.ContinueWith(_ => { }, TaskScheduler.Default).Wait(cancellationToken);
        foreach (var shipped in _shipped.Values.Where(s => s.IsValueCreated)) shipped.Value.ContinueWith(_ => { }, TaskScheduler.Default).Wait(cancellationToken);
        _plan.ReleaseBlocking();
        var result = LinkagePipeline.Finish(_plan, MatchModel.FromJson(modelJson), runs, new LinkageFinishOptions
        {
            Folder = _folder,
            Threshold = Threshold,
            TruthPairsPath = _job.TruthPath,
            Formats = _job.Formats?.Select(f => Enum.Parse<SourceFormat>(f, ignoreCase: true)).ToList(),
            JobId = _job.JobId,
            ConfigHash = ConfigHash,
            Scorer = scorer.Kind,
            ScorerFiles = scorerFiles,
            Timings = _timings,
            StartedUtc = _started,
        }, null, cancellationToken);

        var notes = new List<string>();
        if (result.Evaluation is { TruthPairs: not null } e)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"against the truth: precision {e.Precision:F4}, recall {e.Recall:F4}, F1 {e.F1:F4} at match probability {Threshold}"));
        }

        notes.AddRange(Adrn.Linkage.Reporting.ModelSummary.Lines(result.Model));
        notes.Add("report (parameters, charts, quality; opens offline): " + result.Files["report_html"][0]);

        var outDir = Path.GetFullPath(_job.OutputDirectory);
        var written = result.Files.Values.SelectMany(f => f)
            .Select(f => Path.GetRelativePath(outDir, f))
            .ToList();
        return new JobSummary(_job.JobId, written, result.PairsKept, notes);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Prepared records are plain managed arrays; the output folder's lock is released for the next job.
        try
        {
            _preparedWritten.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // A failed background write was reported by the step that needed it.
        }

        _folder.Dispose();
    }

    private void Mark(ref double first)
    {
        var now = _clock.Elapsed.TotalSeconds;
        if (double.IsNaN(first)) first = now;
    }

    private (IPairScorer Scorer, IReadOnlyDictionary<string, IReadOnlyList<string>> Files) ScorerFor(string modelJson) =>
        _scorerByModel.GetOrAdd(modelJson, json => new Lazy<(IPairScorer, IReadOnlyDictionary<string, IReadOnlyList<string>>)>(() =>
        {
            var model = MatchModel.FromJson(json);
            if (_scorers?.Create(_plan.Config) is { } custom)
            {
                // Trained on the coordinator (which may have been this node before a restart): load its files.
                return (custom, custom.Open(Context(model, withPlan: false)));
            }

            return (new FellegiSunterScorer(ScoringModel.Create(model, _plan.Comparisons, _plan.Prepared), _plan.Comparers),
                new Dictionary<string, IReadOnlyList<string>>());
        })).Value;

    private PairScoringContext Context(MatchModel model, bool withPlan) => new()
    {
        Config = _plan.Config,
        Prepared = _plan.Prepared,
        Comparisons = _plan.Comparisons,
        Plan = withPlan ? _plan.Blocking : null,
        Model = model,
        OutputDirectory = Path.GetFullPath(_job.OutputDirectory),
    };

    private static string HashInputs(JobDescriptor job, LinkageJobConfig config)
    {
        // NOTE: the hash covers the job file, its variables and the bytes of every source, so a
        // resume refuses to mix partitions computed from different inputs.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(job.ConfigPath));
        foreach (var (name, value) in job.Variables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{name}={value}"));
        var buffer = new byte[1 << 16];
        foreach (var source in config.Sources)
        {
            using var stream = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
