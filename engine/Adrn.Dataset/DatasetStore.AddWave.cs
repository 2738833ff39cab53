using System.Diagnostics;
using System.Globalization;
using Adrn.Dataset.Catalog;
using Adrn.Dataset.Linking;
using Adrn.Dataset.Store;
using Adrn.Linkage.Job;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Adds a wave: links its records to the spines with the stored models (training one where none is stored yet, or all
    /// of the source's when <see cref="AddWaveRequest.Retrain"/>), keeps existing entity ids where records match and mints
    /// new ids otherwise, and commits the wave, its ledgers, spines and models as one new version. Killed at any moment,
    /// the store stays at the previous version and the same call completes it, with the same ids.
    /// </summary>
    /// <param name="request">Source, wave label and file.</param>
    /// <param name="progress">Progress lines, or null.</param>
    /// <param name="ct">Cancellation (the store is left unchanged).</param>
    /// <returns>What was linked; <see cref="AddWaveResult.Added"/> is false when the same bytes were already this wave.</returns>
    /// <exception cref="WaveConflictException">The wave is in the store with different bytes.</exception>
    /// <exception cref="ArgumentException">Unknown source, bad label or missing file.</exception>
    public AddWaveResult AddWave(AddWaveRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckWaveLabel(request.Wave);
        if (!File.Exists(request.InputPath)) throw new ArgumentException($"input file '{request.InputPath}' does not exist.");
        var clock = Stopwatch.StartNew();
        var timings = new StepTimings();
        using var guard = StoreLock.Acquire(_layout);
        CleanUp();
        var head = ReadHead();
        var spec = SpecOf(head);
        if (spec.Sources.All(s => s.Name != request.Source))
            throw new ArgumentException($"the store has no source '{request.Source}' (sources: {string.Join(", ", spec.Sources.Select(s => s.Name))}); add one with 'adrn dataset add-source'.");
        var sha = ObjectStore.Sha256Of(request.InputPath);
        if (head.Waves.FirstOrDefault(w => w.Source == request.Source && w.Wave == request.Wave) is { } existing)
        {
            if (existing.InputSha256 == sha)
            {
                progress?.Report($"{request.Source} wave {request.Wave} is already in the store with the same bytes: nothing to do.");
                return new AddWaveResult(false, head.Version, existing.RowsIn, existing.Records, existing.Quarantined, SummariesOf(head, request.Source, request.Wave), clock.Elapsed.TotalSeconds)
                {
                    Timings = timings.Lap("open"),
                };
            }

            throw new WaveConflictException(
                $"{request.Source} wave {request.Wave} is already in the store (added from '{existing.InputName}', sha256 {existing.InputSha256[..12]}…) and '{request.InputPath}' has different bytes (sha256 {sha[..12]}…). Waves do not change: add the corrected file under a new wave label.");
        }

        timings.Lap("open");
        var work = _layout.NewStagingDirectory("add-wave");
        var extension = Path.GetExtension(request.InputPath).ToLowerInvariant() is { Length: > 0 } e ? e : ".csv";
        var inputObject = _objects.PutCopy(request.InputPath, extension);
        if (!inputObject.StartsWith(sha, StringComparison.Ordinal))
            throw new IOException($"'{request.InputPath}' changed while it was being added (sha256 {sha[..12]}… when checked, {inputObject[..12]}… when copied); add it again once it is complete.");
        var seq = head.Waves.Count == 0 ? 1 : head.Waves.Max(w => w.Seq) + 1;
        timings.Lap("store_input");
        var wave = new WaveInput(request.Source, request.Wave, seq, _objects.PathOf(inputObject));
        var processor = new WaveProcessor(new WaveLinker(MaxDegreeOfParallelism), _objects);
        // The wave is read and standardised, and the stored prepared spines read, while the spine files are read.
        var reads = processor.Start(spec, head.PreparedSpines, wave, work, ct);
        var state = LinkingStateOf(head, spec);
        timings.Lap("read_spines");
        if (request.Retrain)
        {
            foreach (var link in spec.Source(request.Source).Links)
            {
                state.Retrain.Add((request.Source, link.Spine, LinkingState.LinkModel));
                state.Retrain.Add((request.Source, link.Spine, LinkingState.DedupeModel));
            }
        }

        // NOTE: the new objects of a spine (the wave's ledgers for it, its spine file and the link's prepared spine) are final
        // once the wave's links to that spine are done: they are written then, side by side, while other spines still link.
        var ledgerObjects = new System.Collections.Concurrent.ConcurrentDictionary<SpineLedger, LedgerEntry>();
        var spineObjects = new System.Collections.Concurrent.ConcurrentDictionary<string, SpineEntry>(StringComparer.Ordinal);
        var preparedObjects = new System.Collections.Concurrent.ConcurrentDictionary<(string Source, string Spine), PreparedSpineEntry?>();
        void WriteSpine(string spine, IReadOnlyList<SpineLedger> spineLedgers)
        {
            InParallel(ct,
            [
                .. spineLedgers.Select(l => (Action)(() => ledgerObjects[l] = StoreLedger(request.Source, request.Wave, l, work))),
                () => spineObjects[spine] = StoreSpine(head, state, spine, work),
                () => preparedObjects[(request.Source, spine)] = StorePreparedSpine(head.PreparedSpines, state, (request.Source, spine), work),
            ]);
        }

        var outcome = processor.Process(state, reads, work, progress, ct, WriteSpine);
        timings.Lap("link");
        FaultPoint.Reach("linked");

        var entry = new WaveEntry(request.Source, request.Wave, seq, inputObject, sha, Path.GetFileName(request.InputPath), outcome.Records.RowsIn,
            outcome.Records.Ids.Count, outcome.Records.Quarantine.Count, QuarantineObject(outcome.Records, work));
        // Anything no link wrote (spines and prepared spines the wave's links left alone) is taken as it was, or written now.
        var added = outcome.Ledgers.Select(l => ledgerObjects.TryGetValue(l, out var e) ? e : StoreLedger(request.Source, request.Wave, l, work)).ToList();
        var spines = state.Spines.Keys.Order(StringComparer.Ordinal).Select(name => spineObjects.TryGetValue(name, out var e) ? e : StoreSpine(head, state, name, work)).ToList();
        var prepared = StorePreparedSpines(head.PreparedSpines, state, work, preparedObjects);
        var ledgers = head.Ledgers.ToList();
        ledgers.AddRange(added);
        timings.Lap("write_objects");
        var next = new StoreState
        {
            Version = head.Version + 1,
            SpecObject = head.SpecObject,
            Waves = [.. head.Waves, entry],
            Ledgers = ledgers,
            Models = state.Models,
            Spines = spines,
            PreparedSpines = prepared,
        };
        FaultPoint.Reach("objects-written");
        ct.ThrowIfCancellationRequested();
        var summary = string.Create(CultureInfo.InvariantCulture, $"{request.Source} wave {request.Wave}: {entry.Records:N0} records, ") +
                      string.Join("; ", outcome.Ledgers.Select(l => string.Create(CultureInfo.InvariantCulture,
                          $"{l.Spine} linked {l.Count(RecordAssignment.Linked):N0}, within wave {l.Count(RecordAssignment.LinkedWithinWave):N0}, minted {l.Count(RecordAssignment.Minted):N0}, unlinked {l.Count(RecordAssignment.Unlinked):N0}")));
        _catalog.Commit(StoreId, head.Version, next, "add-wave", summary, () => FaultPoint.Reach("committing"));
        System.IO.Directory.Delete(_layout.Staging, recursive: true);
        timings.Lap("commit");
        return new AddWaveResult(true, next.Version, entry.RowsIn, entry.Records, entry.Quarantined, SummariesOf(next, request.Source, request.Wave), clock.Elapsed.TotalSeconds)
        {
            Work = outcome.Work,
            Timings = timings.Steps,
        };
    }

    /// <summary>Runs independent steps on the store's threads; a step's exception is rethrown as it is (the first, if several fail).</summary>
    private void InParallel(CancellationToken ct, IReadOnlyList<Action> steps)
    {
        try
        {
            Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism), CancellationToken = ct }, [.. steps]);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }

    internal static IReadOnlyList<WaveLinkSummary> SummariesOf(StoreState state, string source, string wave) =>
        state.Ledgers.Where(l => l.Source == source && l.Wave == wave)
            .Select(l => new WaveLinkSummary(l.Source, l.Wave, l.Spine, l.Records, l.Linked, l.LinkedWithinWave, l.Minted, l.Unlinked, l.MeanProbability, l.SpineEntitiesBefore))
            .ToList();

    private LedgerEntry StoreLedger(string source, string wave, SpineLedger ledger, string work)
    {
        var path = Path.Combine(work, $"ledger-{source}-{wave}-{ledger.Spine}.arrow");
        LedgerTable.Write(path, source, wave, ledger.Spine, ledger.Rows);
        return new LedgerEntry(source, wave, ledger.Spine, _objects.PutMove(path, ".arrow"), ledger.Rows.Count, ledger.Count(RecordAssignment.Linked),
            ledger.Count(RecordAssignment.LinkedWithinWave), ledger.Count(RecordAssignment.Minted), ledger.Count(RecordAssignment.Unlinked),
            ledger.MeanLinkedProbability, ledger.SpineEntitiesBefore);
    }

    /// <summary>A spine after linking: a new representative file when its representatives or ids changed, else the stored entry.</summary>
    private SpineEntry StoreSpine(StoreState head, LinkingState state, string name, string work)
    {
        var table = state.Spines[name];
        var old = head.Spines.FirstOrDefault(s => s.Spine == name);
        if (old is not null && !table.Changed && old.NextId == state.Minters[name].Next) return old;
        string? obj = null;
        if (table.Count > 0)
        {
            var path = Path.Combine(work, $"spine-{name}.arrow");
            table.Write(path);
            obj = _objects.PutMove(path, ".arrow");
        }

        return new SpineEntry(name, obj, table.Count, state.Minters[name].Next);
    }

    /// <summary>
    /// The prepared spines after linking: each one linking changed is written as a new object (or was, by
    /// <paramref name="written"/>); the others stay as they were (a prepared spine left behind by another source's waves is
    /// caught up at its job's next run).
    /// </summary>
    private List<PreparedSpineEntry> StorePreparedSpines(IReadOnlyList<PreparedSpineEntry> stored, LinkingState state, string work,
        IReadOnlyDictionary<(string Source, string Spine), PreparedSpineEntry?>? written = null)
    {
        var result = stored.Where(e => !state.PreparedSpines.ContainsKey((e.Source, e.Spine))).ToList();
        foreach (var key in state.PreparedSpines.Keys.OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Spine, StringComparer.Ordinal))
        {
            var entry = written is not null && written.TryGetValue(key, out var e) ? e : StorePreparedSpine(stored, state, key, work);
            if (entry is not null) result.Add(entry);
        }

        return [.. result.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Spine, StringComparer.Ordinal)];
    }

    /// <summary>One link's prepared spine after linking: the stored entry when unchanged, a new object when changed, null when empty.</summary>
    private PreparedSpineEntry? StorePreparedSpine(IReadOnlyList<PreparedSpineEntry> stored, LinkingState state, (string Source, string Spine) key, string work)
    {
        PreparedSpine? prepared;
        lock (state.PreparedSpines)
        {
            if (!state.PreparedSpines.TryGetValue(key, out prepared)) return stored.FirstOrDefault(e => e.Source == key.Source && e.Spine == key.Spine);
        }

        var old = stored.FirstOrDefault(e => e.Source == key.Source && e.Spine == key.Spine);
        if (!prepared.Changed && old is not null && old.JobSha256 == prepared.JobSha256) return old;
        if (prepared.Count == 0) return null;
        var path = Path.Combine(work, $"prepared-{key.Source}-{key.Spine}.arrow");
        prepared.Write(path);
        return new PreparedSpineEntry(key.Source, key.Spine, prepared.JobSha256, _objects.PutMove(path, ".arrow"), prepared.Count);
    }

    private string? QuarantineObject(WaveRecords records, string work)
    {
        if (records.Quarantine.Count == 0) return null;
        var columns = new[]
        {
            new ColumnBuffer("file", VariableType.Text), new ColumnBuffer("row", VariableType.Int32), new ColumnBuffer("column", VariableType.Text),
            new ColumnBuffer("value", VariableType.Text), new ColumnBuffer("reason", VariableType.Text),
        };
        foreach (var q in records.Quarantine)
        {
            columns[0].Add(Path.GetFileName(q.File));
            columns[1].Add(q.Row);
            columns[2].Add(q.Column);
            columns[3].Add(q.Value);
            columns[4].Add(q.Reason);
        }

        var path = Path.Combine(work, "quarantine.arrow");
        ArrowTableFile.Write(path, columns);
        return _objects.PutMove(path, ".arrow");
    }
}
