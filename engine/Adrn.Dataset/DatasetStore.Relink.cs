using System.Diagnostics;
using System.Globalization;
using Adrn.Dataset.Catalog;
using Adrn.Dataset.Linking;
using Adrn.Dataset.Relinking;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;
using Adrn.Linkage.Job;

namespace Adrn.Dataset;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Re-resolves every wave with the store's jobs (one of them replaced when <see cref="RelinkRequest.JobPath"/> is given)
    /// and models (trained again with <see cref="RelinkRequest.Retrain"/>): the history is replayed in the order the waves
    /// were added, then every new entity inherits the id it shares most records with (<see cref="IdInheritance"/>), so ids
    /// survive wherever an entity is essentially unchanged. Commits one new version and reports splits, merges and moved
    /// records.
    /// </summary>
    /// <exception cref="DatasetSpecException">The new job is invalid.</exception>
    /// <exception cref="ArgumentException">The link to change does not exist.</exception>
    public RelinkResult Relink(RelinkRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        using var guard = StoreLock.Acquire(_layout);
        CleanUp();
        var head = ReadHead();
        var spec = WithJob(SpecOf(head), request);
        var work = _layout.NewStagingDirectory("relink");
        var state = new LinkingState(spec,
            spec.Spines.ToDictionary(s => s.Name, s => new SpineTable(s), StringComparer.Ordinal),
            spec.Spines.ToDictionary(s => s.Name, s => new EntityIdMinter("~" + s.IdPrefix, 1), StringComparer.Ordinal),
            [.. head.Models],
            RepresentativeValuesOf(head, spec));
        if (request.Retrain)
        {
            foreach (var source in spec.Sources)
            foreach (var link in source.Links)
            {
                state.Retrain.Add((source.Name, link.Spine, LinkingState.LinkModel));
                state.Retrain.Add((source.Name, link.Spine, LinkingState.DedupeModel));
            }
        }

        var processor = new WaveProcessor(new WaveLinker(MaxDegreeOfParallelism), _objects);
        var outcomes = new List<(WaveEntry Wave, WaveOutcome Outcome)>();
        foreach (var wave in head.Waves.OrderBy(w => w.Seq))
        {
            progress?.Report($"relinking {wave.Source} wave {wave.Wave}");
            try
            {
                outcomes.Add((wave, processor.Process(state, new WaveInput(wave.Source, wave.Wave, wave.Seq, _objects.PathOf(wave.InputObject)), work, progress, ct)));
            }
            catch (InvalidDataException ex) when (ex.Message.Contains("comparisons", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"the stored model does not fit the job ({ex.Message}); relink with --retrain to train new models.", ex);
            }
        }

        FaultPoint.Reach("linked");
        var changes = new List<SpineChanges>();
        var finalIds = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var spines = new List<SpineEntry>();
        foreach (var spine in spec.Spines)
        {
            var before = Assignments(head, spec, spine.Name);
            var after = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (wave, outcome) in outcomes)
            foreach (var ledger in outcome.Ledgers.Where(l => l.Spine == spine.Name))
            foreach (var row in ledger.Rows)
                if (row.EntityId is { } e) after[SpineTable.RecordKey(wave.Source, wave.Wave, row.RecordId)] = e;
            var oldEntry = head.Spines.FirstOrDefault(s => s.Spine == spine.Name) ?? new SpineEntry(spine.Name, null, 0, 1);
            var minter = new EntityIdMinter(spine.IdPrefix, oldEntry.NextId);
            var map = IdInheritance.Assign(before.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal), after, minter);
            finalIds[spine.Name] = map;
            var renamed = state.Spines[spine.Name].Renamed(map);
            string? obj = null;
            if (renamed.Count > 0)
            {
                var path = Path.Combine(work, $"spine-{spine.Name}.arrow");
                renamed.Write(path);
                obj = _objects.PutMove(path, ".arrow");
            }

            spines.Add(new SpineEntry(spine.Name, obj, renamed.Count, minter.Next));
            changes.Add(Changes(spine.Name, before, after.ToDictionary(kv => kv.Key, kv => map[kv.Value], StringComparer.Ordinal)));
        }

        var ledgers = new List<LedgerEntry>();
        foreach (var (wave, outcome) in outcomes)
        {
            foreach (var ledger in outcome.Ledgers)
            {
                var map = finalIds[ledger.Spine];
                var rows = ledger.Rows.Select(r => r.EntityId is null ? r : r with { EntityId = map[r.EntityId] }).ToList();
                ledgers.Add(StoreLedger(wave.Source, wave.Wave, ledger with { Rows = rows }, work));
            }
        }

        var specObject = _objects.PutText(spec.ToJson(), ".json");
        var next = new StoreState
        {
            Version = head.Version + 1,
            SpecObject = specObject,
            Waves = head.Waves,
            Ledgers = ledgers,
            Models = state.Models,
            Spines = spines,
            PreparedSpines = StorePreparedSpines([], state, work),
        };
        FaultPoint.Reach("objects-written");
        var report = new ChangeReport(changes);
        var summary = string.Join("; ", changes.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Spine}: {c.EntitiesBefore:N0} -> {c.EntitiesAfter:N0} entities, {c.RecordsMoved:N0} records moved, {c.Splits:N0} splits, {c.Merges:N0} merges")));
        if (request.JobPath is not null) summary = $"new job for {request.Source}->{request.Spine}; " + summary;
        _catalog.Commit(StoreId, head.Version, next, "relink", summary, () => FaultPoint.Reach("committing"));
        System.IO.Directory.Delete(_layout.Staging, recursive: true);
        return new RelinkResult(next.Version, report, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Record key → entity (or null) of every record of a spine in a version.</summary>
    internal Dictionary<string, string?> Assignments(StoreState state, DatasetSpec spec, string spine)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (wave, ledger) in LedgersInOrder(state, spec).Where(x => x.Ledger.Spine == spine))
        foreach (var row in LedgerTable.Read(_objects.PathOf(ledger.LedgerObject)))
            result[SpineTable.RecordKey(wave.Source, wave.Wave, row.RecordId)] = row.EntityId;
        return result;
    }

    private static DatasetSpec WithJob(DatasetSpec spec, RelinkRequest request)
    {
        if (request.JobPath is null) return spec;
        if (request.Source is null || request.Spine is null)
            throw new ArgumentException("a new job needs the link it is for: give --source and --spine.");
        var source = spec.Sources.FirstOrDefault(s => s.Name == request.Source)
                     ?? throw new ArgumentException($"the store has no source '{request.Source}'.");
        if (source.LinkTo(request.Spine) is null) throw new ArgumentException($"source '{request.Source}' has no link to spine '{request.Spine}'.");
        if (!File.Exists(request.JobPath)) throw new ArgumentException($"job file '{request.JobPath}' does not exist.");
        var json = File.ReadAllText(request.JobPath);
        var changed = spec with
        {
            Sources = spec.Sources.Select(s => s.Name != request.Source ? s : s with
            {
                Links = s.Links.Select(l => l.Spine != request.Spine ? l : l with { JobJson = json, JobOrigin = Path.GetFileName(request.JobPath) }).ToList(),
            }).ToList(),
        };
        // Validated as a whole, exactly as a spec is when a store is created.
        return DatasetSpec.Parse(changed.ToJson(), Path.GetDirectoryName(Path.GetFullPath(request.JobPath))!);
    }

    private static SpineChanges Changes(string spine, IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string> after)
    {
        const int Examples = 5;
        var moved = new List<MovedRecord>();
        long movedCount = 0;
        var fromOld = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var intoNew = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(key);
            var neu = after.GetValueOrDefault(key);
            if (old != neu)
            {
                movedCount++;
                if (moved.Count < Examples * 2)
                {
                    var parts = key.Split('|');
                    moved.Add(new MovedRecord(parts[0], parts[1], parts[2], old, neu));
                }
            }

            if (old is null || neu is null) continue;
            Count(fromOld, old, neu);
            Count(intoNew, neu, old);
        }

        var oldIds = before.Values.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var newIds = after.Values.ToHashSet(StringComparer.Ordinal);
        var kept = oldIds.Count(newIds.Contains);
        var splits = fromOld.Where(kv => kv.Value.Count > 1).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var merges = intoNew.Where(kv => kv.Value.Count > 1).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        return new SpineChanges(spine, oldIds.Count, newIds.Count, kept, oldIds.Count - kept, newIds.Count - kept, before.Keys.Union(after.Keys).LongCount(), movedCount,
            splits.Count, merges.Count,
            splits.Take(Examples).Select(kv => new EntityChange(kv.Key, kv.Value)).ToList(),
            merges.Take(Examples).Select(kv => new EntityChange(kv.Key, kv.Value)).ToList(),
            moved);

        static void Count(Dictionary<string, Dictionary<string, long>> map, string key, string other)
        {
            if (!map.TryGetValue(key, out var inner)) map[key] = inner = new Dictionary<string, long>(StringComparer.Ordinal);
            inner[other] = inner.GetValueOrDefault(other) + 1;
        }
    }
}
