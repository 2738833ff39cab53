using System.Globalization;
using Adrn.Dataset.Catalog;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;
using Adrn.Linkage.Configuration;

namespace Adrn.Dataset.Linking;

/// <summary>
/// Links one wave into the spines, link by link in the spec's order: the wave is read and standardised once per link job,
/// linked to the spine's representatives kept prepared for that job (with the stored link model, trained at the first run
/// that needs one), within the wave when the spec asks for it, then resolved to entities (<see cref="WaveResolver"/>); the
/// wave's records then become representatives where the source represents the spine, and the job's prepared spine takes
/// them with the values its wave side standardised. The same code adds a wave and replays the history in a relink.
/// </summary>
internal sealed class WaveProcessor(WaveLinker linker, ObjectStore objects)
{
    /// <summary>
    /// Starts what linking the wave reads, side by side and before anything else is needed: every link job's side of the
    /// wave (read and standardised) and every stored prepared spine of the source's links. Reading and standardising are
    /// pure, so a caller can read the spines meanwhile (<c>Process</c> waits for them where it needs them).
    /// </summary>
    /// <param name="spec">The store's spec.</param>
    /// <param name="storedPreparedSpines">The prepared spines of the version linked into.</param>
    /// <param name="wave">The wave.</param>
    /// <param name="workDirectory">The operation's staging folder.</param>
    /// <param name="ct">Cancellation.</param>
    public WaveReads Start(DatasetSpec spec, IReadOnlyList<PreparedSpineEntry> storedPreparedSpines, WaveInput wave, string workDirectory, CancellationToken ct)
    {
        var source = spec.Source(wave.Source);
        // NOTE: every link job's side of the wave and every stored prepared spine is read at once, side by side (reading
        // and standardising are pure, and their serial parts overlap on the cores); the links then run (Process).
        var preparations = source.Links.Select(link => OwnThread(() => linker.PrepareWave(link.JobJson, wave.Path, DirectoryOf(wave, link, workDirectory)), ct)).ToList();
        var storedSpines = source.Links.Select(link => OwnThread(() =>
        {
            var (sha, columns) = WaveLinker.JobColumns(link.JobJson, wave.Path, DirectoryOf(wave, link, workDirectory));
            return LinkingState.ReadStoredPreparedSpine(storedPreparedSpines, wave.Source, link.Spine, sha, columns, objects);
        }, ct)).ToList();
        return new WaveReads(wave, preparations, storedSpines);
    }

    /// <summary>Links the wave (see the type's summary), reading it first (<see cref="Start"/>).</summary>
    public WaveOutcome Process(LinkingState state, WaveInput wave, string workDirectory, IProgress<string>? progress, CancellationToken ct) =>
        Process(state, Start(state.Spec, state.StoredPreparedSpines, wave, workDirectory, ct), workDirectory, progress, ct, null);

    /// <summary>
    /// Links a wave whose reads were started (<see cref="Start"/>). The links of different spines are independent (each
    /// reads and changes only its own spine, minter, prepared spine and models), so the source's links are run per spine,
    /// the spines side by side, each spine's links in the spec's order; results are gathered in the spec's order, so they
    /// are the same whatever the timing. <paramref name="spineLinked"/> is called, on the spine's own thread, as soon as
    /// every link of the source to that spine is done (its table, minter and prepared spine are final then), so a caller
    /// can write them while other spines still link.
    /// </summary>
    public WaveOutcome Process(LinkingState state, WaveReads reads, string workDirectory, IProgress<string>? progress, CancellationToken ct,
        Action<string, IReadOnlyList<SpineLedger>>? spineLinked)
    {
        var spec = state.Spec;
        var wave = reads.Wave;
        var source = spec.Source(wave.Source);
        state.RepresentativeValues.Add(wave.Source, wave.Wave, wave.Path);
        // The wave's records are those the first link job's preparation keeps (the store's rule and the pipeline's are
        // one: no id or a repeated id is quarantined), so the file is read once per link job and never besides.
        var records = source.Links.Count == 0
            ? WaveRecords.Read(wave.Path, source.IdColumn, [])
            : WaveRecords.FromPrepared(wave.Path, reads.Preparations[0].GetAwaiter().GetResult().Prepared);
        var ledgers = new SpineLedger?[source.Links.Count];
        var work = new List<WaveLinkWork>[source.Links.Count];
        var spines = source.Links.Select(l => l.Spine).Distinct(StringComparer.Ordinal).ToList();
        // Per spine, the models its links trained (the link's index and kind order with each, for the state's order).
        var models = spines.Select(_ => new List<(int Link, int Order, ModelEntry Model)>()).ToArray();
        void LinkSpine(int s)
        {
            for (var l = 0; l < source.Links.Count; l++)
            {
                if (source.Links[l].Spine != spines[s]) continue;
                ct.ThrowIfCancellationRequested();
                work[l] = [];
                ledgers[l] = LinkOne(state, reads, records, l, workDirectory, progress, work[l], models[s], ct);
            }

            spineLinked?.Invoke(spines[s], [.. ledgers.Where(x => x is not null && x.Spine == spines[s]).Select(x => x!)]);
        }

        if (spines.Count <= 1)
        {
            for (var s = 0; s < spines.Count; s++) LinkSpine(s);
        }
        else
        {
            var tasks = Enumerable.Range(1, spines.Count - 1).Select(s => OwnThread(() => LinkSpine(s), ct)).ToList();
            Exception? first = null;
            try
            {
                LinkSpine(0);
            }
            catch (Exception ex)
            {
                first = ex;
            }

            foreach (var task in tasks)
            {
                try
                {
                    task.GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    first ??= ex;
                }
            }

            if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        // Models trained in this wave join the state in the spec's order of links (a link's model before its dedupe model).
        foreach (var (_, _, model) in models.SelectMany(m => m).OrderBy(m => m.Link).ThenBy(m => m.Order))
        {
            state.Models.Add(model);
            state.Retrain.Remove((model.Source, model.Spine, model.Kind));
        }

        return new WaveOutcome(records, [.. ledgers.Select(x => x!)], [.. work.SelectMany(w => w)]);
    }

    private SpineLedger LinkOne(LinkingState state, WaveReads reads, WaveRecords records, int l, string workDirectory, IProgress<string>? progress,
        List<WaveLinkWork> work, List<(int Link, int Order, ModelEntry Model)> added, CancellationToken ct)
    {
        var spec = state.Spec;
        var wave = reads.Wave;
        var source = spec.Source(wave.Source);
        var link = source.Links[l];
        var table = state.Spines[link.Spine];
        var before = table.Count;
        var dir = DirectoryOf(wave, link, workDirectory);
        var prepared = reads.Preparations[l].GetAwaiter().GetResult();
        CheckQuarantine(records, prepared.QuarantinedRows);
        var spineSide = state.PreparedSpineFor(wave.Source, link.Spine, prepared.JobSha256, prepared.Config.Columns.Select(c => c.Name).ToList(),
            reads.StoredSpines[l].GetAwaiter().GetResult());
        IReadOnlyList<string?[]> PrepareSpineSide(IReadOnlyList<SpineTable.Representative> representatives)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  standardising {representatives.Count:N0} representatives of the {link.Spine} spine for the {wave.Source} link"));
            return linker.PrepareSpineSide(prepared, table.Spine, representatives, state.RepresentativeValues.Of(table.Spine, representatives), dir);
        }

        // The models this wave trained come first (the link and its within-wave run may train theirs side by side).
        ModelEntry? Model(string kind)
        {
            lock (added)
            {
                return added.Where(m => m.Model.Source == source.Name && m.Model.Spine == link.Spine && m.Model.Kind == kind).Select(m => m.Model).MaxBy(m => m.ModelVersion)
                       ?? (state.Retrain.Contains((source.Name, link.Spine, kind)) ? null : state.LatestModel(source.Name, link.Spine, kind));
            }
        }

        ModelEntry AddModel(string kind, int order, string modelPath)
        {
            var modelObject = objects.PutCopy(modelPath, ".json");
            lock (added)
            {
                var version = ((added.Where(m => m.Model.Source == source.Name && m.Model.Spine == link.Spine && m.Model.Kind == kind).Select(m => (int?)m.Model.ModelVersion).Max()
                                ?? state.LatestModel(source.Name, link.Spine, kind)?.ModelVersion) ?? 0) + 1;
                var entry = new ModelEntry(source.Name, link.Spine, kind, version, modelObject, wave.Wave);
                added.Add((l, order, entry));
                return entry;
            }
        }

        // A representative this job lacks may have been standardised alike by another source's link job to the spine (the
        // register's records for the payroll → employer job): its values are taken from that job's prepared spine.
        var otherLinks = state.PreparedByOtherLinks(source.Name, link.Spine, prepared.Config, wave.Path, dir, objects);

        // The within-wave links need only the prepared wave: they run beside the link to the spine.
        (WaveLinkRun? Run, ModelEntry? Model) LinkWithinWave()
        {
            WaveLinkRun? withinWave = null;
            var dedupeModel = Model(LinkingState.DedupeModel);
            progress?.Report($"linking {wave.Source} {wave.Wave} within the wave for the {link.Spine} spine");
            try
            {
                withinWave = linker.DedupeWithinWave(prepared, dedupeModel is null ? null : objects.PathOf(dedupeModel.ModelObject), Path.Combine(dir, "within-wave"), null, ct);
            }
            catch (InvalidOperationException ex) when (dedupeModel is null && ex.Message.Contains("deterministic_rules produce no pairs", StringComparison.Ordinal))
            {
                // NOTE: a wave in which the job's deterministic rules find no two records of one entity gives the trainer
                // nothing to estimate the prior from; there is no evidence of duplicates, so the records stay apart and
                // the model is trained at the next wave that has some.
                progress?.Report($"no two records of {wave.Source} {wave.Wave} agree on the job's deterministic rules: no within-wave links, no model trained");
            }

            if (withinWave is not null)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  linked within the wave in {withinWave.Work.Seconds:F1} s ({withinWave.Work.CandidatePairs:N0} candidate pairs){(withinWave.Trained ? ", model trained" : string.Empty)}"));
            }

            if (withinWave is { Trained: true }) dedupeModel = AddModel(LinkingState.DedupeModel, 1, withinWave.ModelPath);
            return (withinWave, dedupeModel);
        }

        var within = link.DedupeWithinWave && records.Ids.Count > 1 ? OwnThread(LinkWithinWave, ct) : null;
        WaveLinkRun? toSpine = null;
        ModelEntry? linkModel = null;
        try
        {
            if (table.Count > 0)
            {
                progress?.Report($"linking {wave.Source} {wave.Wave} to the {link.Spine} spine ({records.Ids.Count:N0} records x {table.Count:N0} entities)");
                var standardised = spineSide.Synchronise(table, otherLinks, PrepareSpineSide, out var reused);
                linkModel = Model(LinkingState.LinkModel);
                toSpine = linker.LinkToSpine(prepared, spineSide, linkModel is null ? null : objects.PathOf(linkModel.ModelObject), Path.Combine(dir, "link"), null, ct);
                work.Add(toSpine.Work with { Spine = link.Spine, SpineRecordsStandardised = standardised, SpineRecordsReused = reused });
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  linked to the {link.Spine} spine in {toSpine.Work.Seconds:F1} s ({toSpine.Work.CandidatePairs:N0} candidate pairs; {toSpine.Work.SpineRecordsInBlocks:N0} of {toSpine.Work.SpineRecords:N0} representatives in the wave's blocks, {standardised:N0} standardised{(reused > 0 ? string.Create(CultureInfo.InvariantCulture, $", {reused:N0} prepared by another link") : string.Empty)}){(toSpine.Trained ? ", model trained" : string.Empty)}"));
                if (toSpine.Trained) linkModel = AddModel(LinkingState.LinkModel, 0, toSpine.ModelPath);
            }
        }
        finally
        {
            // Never leave the within-wave run behind (its error, if any, is the one thrown when the link succeeded).
            if (within is not null) ((IAsyncResult)within).AsyncWaitHandle.WaitOne();
        }

        var (withinWave, dedupeModel) = within is null ? (null, null) : within.GetAwaiter().GetResult();
        if (withinWave is not null) work.Add(withinWave.Work with { Spine = link.Spine });

        var rows = WaveResolver.Resolve(records.Ids, toSpine, table, linkModel?.Label, withinWave, dedupeModel?.Label, link.Mint, state.Minters[link.Spine]);
        var representative = spec.Spine(link.Spine).Representatives.ToList().FindIndex(r => r.Source == source.Name);
        if (representative >= 0)
        {
            var indexOfKey = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].EntityId is not { } entity) continue;
                var key = SpineTable.RecordKey(wave.Source, wave.Wave, records.Ids[i]);
                indexOfKey[key] = i;
                table.Offer(new SpineTable.Representative(entity, key, wave.Seq, representative));
            }

            // The wave's records that became representatives take the values this job's wave side standardised for them,
            // when its spine side would read the same file columns the same way; the job's next run then prepares nothing.
            // (Every link job keeps the wave's records in the same order: the same rows are records, CheckQuarantine.)
            Func<string, string?[]?> known = ValuesCarryOver(prepared.Config, spec.Spine(link.Spine).Representatives[representative].Columns)
                ? key => indexOfKey.TryGetValue(key, out var i) ? prepared.ValuesOf(i) : otherLinks(key)
                : otherLinks;
            spineSide.Synchronise(table, known, PrepareSpineSide, out _);
        }

        return new SpineLedger(link.Spine, rows, before);
    }

    // NOTE: the wave's reads, the other spines' links and the within-wave run each get a thread of their own, not one of the
    // thread pool's: they run for seconds and wait on one another, and the pool's threads are what the pipeline's parallel
    // loops inside every one of them run on (on two cores the pool starts with two threads and adds more only slowly).
    private static Task<T> OwnThread<T>(Func<T> work, CancellationToken ct) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Task OwnThread(Action work, CancellationToken ct) =>
        Task.Factory.StartNew(work, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static string DirectoryOf(WaveInput wave, SourceLinkSpec link, string workDirectory) => Path.Combine(workDirectory, $"{wave.Source}-{wave.Wave}-{link.Spine}");

    /// <summary>
    /// Whether a record of the wave, as a representative, would be standardised by the job's spine side exactly as its wave
    /// side standardised it: every job column reads, on the spine side, a spine column the source fills from the same file
    /// column the wave side reads, and date columns parse with the same formats on both sides.
    /// </summary>
    private static bool ValuesCarryOver(LinkageJobConfig job, IReadOnlyDictionary<string, string> representativeColumns)
    {
        var waveSide = job.Sources[0];
        var spineSide = job.Sources[1];
        foreach (var column in job.Columns)
        {
            if (!representativeColumns.TryGetValue(spineSide.FileColumn(column.Name), out var file) || file != waveSide.FileColumn(column.Name)) return false;
            if (column.Type == ColumnType.Date && !waveSide.DateFormats.SequenceEqual(spineSide.DateFormats, StringComparer.Ordinal)) return false;
        }

        return true;
    }

    private static void CheckQuarantine(WaveRecords records, IReadOnlySet<int> pipelineRows)
    {
        // The store and the pipeline must agree on which rows are records, or ledgers would not cover the wave.
        if (!pipelineRows.SetEquals(records.QuarantinedRows))
            throw new InvalidDataException(
                $"{records.Path}: the linkage pipeline set aside rows {string.Join(", ", pipelineRows.Order().Take(10))} but the store rows {string.Join(", ", records.QuarantinedRows.Order().Take(10))}; the store cannot keep a ledger for this wave.");
    }
}
