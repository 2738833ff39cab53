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
    public WaveOutcome Process(LinkingState state, WaveInput wave, string workDirectory, IProgress<string>? progress, CancellationToken ct)
    {
        var spec = state.Spec;
        var source = spec.Source(wave.Source);
        var representing = spec.Spines
            .Select(s => (Spine: s, Index: s.Representatives.ToList().FindIndex(r => r.Source == source.Name)))
            .Where(x => x.Index >= 0)
            .ToList();
        state.RepresentativeValues.Add(wave.Source, wave.Wave, wave.Path);
        string DirectoryOf(SourceLinkSpec link) => Path.Combine(workDirectory, $"{wave.Source}-{wave.Wave}-{link.Spine}");
        // NOTE: every link job's side of the wave and every stored prepared spine is read at once, side by side (reading
        // and standardising are pure, and their serial parts overlap on the cores); the links then run in the spec's order.
        // The wave's records are those the first link job's preparation keeps (the store's rule and the pipeline's are
        // one: no id or a repeated id is quarantined), so the file is read once per link job and never besides.
        var preparations = source.Links.Select(link => Task.Run(() => linker.PrepareWave(link.JobJson, wave.Path, DirectoryOf(link)), ct)).ToList();
        var storedSpines = source.Links.Select(link => Task.Run(() =>
        {
            var (sha, columns) = WaveLinker.JobColumns(link.JobJson, wave.Path, DirectoryOf(link));
            return state.ReadStoredPreparedSpine(wave.Source, link.Spine, sha, columns, objects);
        }, ct)).ToList();
        var records = source.Links.Count == 0
            ? WaveRecords.Read(wave.Path, source.IdColumn, [])
            : WaveRecords.FromPrepared(wave.Path, preparations[0].GetAwaiter().GetResult().Prepared);
        var ledgers = new List<SpineLedger>();
        var work = new List<WaveLinkWork>();
        for (var l = 0; l < source.Links.Count; l++)
        {
            ct.ThrowIfCancellationRequested();
            var link = source.Links[l];
            var table = state.Spines[link.Spine];
            var before = table.Count;
            var dir = DirectoryOf(link);
            var prepared = preparations[l].GetAwaiter().GetResult();
            CheckQuarantine(records, prepared.QuarantinedRows);
            var spineSide = state.PreparedSpineFor(wave.Source, link.Spine, prepared.JobSha256, prepared.Config.Columns.Select(c => c.Name).ToList(),
                storedSpines[l].GetAwaiter().GetResult());
            IReadOnlyList<string?[]> PrepareSpineSide(IReadOnlyList<SpineTable.Representative> representatives)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  standardising {representatives.Count:N0} representatives of the {link.Spine} spine for the {wave.Source} link"));
                return linker.PrepareSpineSide(prepared, table.Spine, representatives, state.RepresentativeValues.Of(table.Spine, representatives), dir);
            }

            WaveLinkRun? toSpine = null;
            ModelEntry? linkModel = null;
            if (table.Count > 0)
            {
                progress?.Report($"linking {wave.Source} {wave.Wave} to the {link.Spine} spine ({records.Ids.Count:N0} records x {table.Count:N0} entities)");
                var standardised = spineSide.Synchronise(table, null, PrepareSpineSide);
                linkModel = ModelFor(state, source.Name, link.Spine, LinkingState.LinkModel);
                toSpine = linker.LinkToSpine(prepared, spineSide, linkModel is null ? null : objects.PathOf(linkModel.ModelObject), Path.Combine(dir, "link"), null, ct);
                work.Add(toSpine.Work with { Spine = link.Spine, SpineRecordsStandardised = standardised });
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  linked to the {link.Spine} spine in {toSpine.Work.Seconds:F1} s ({toSpine.Work.CandidatePairs:N0} candidate pairs; {toSpine.Work.SpineRecordsInBlocks:N0} of {toSpine.Work.SpineRecords:N0} representatives in the wave's blocks, {standardised:N0} standardised){(toSpine.Trained ? ", model trained" : string.Empty)}"));
                if (toSpine.Trained) linkModel = AddModel(state, source.Name, link.Spine, LinkingState.LinkModel, toSpine.ModelPath, wave.Wave);
            }

            WaveLinkRun? withinWave = null;
            ModelEntry? dedupeModel = null;
            if (link.DedupeWithinWave && records.Ids.Count > 1)
            {
                progress?.Report($"linking {wave.Source} {wave.Wave} within the wave for the {link.Spine} spine");
                dedupeModel = ModelFor(state, source.Name, link.Spine, LinkingState.DedupeModel);
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
                    work.Add(withinWave.Work with { Spine = link.Spine });
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"  linked within the wave in {withinWave.Work.Seconds:F1} s ({withinWave.Work.CandidatePairs:N0} candidate pairs){(withinWave.Trained ? ", model trained" : string.Empty)}"));
                }

                if (withinWave is { Trained: true }) dedupeModel = AddModel(state, source.Name, link.Spine, LinkingState.DedupeModel, withinWave.ModelPath, wave.Wave);
            }

            var rows = WaveResolver.Resolve(records.Ids, toSpine, table, linkModel?.Label, withinWave, dedupeModel?.Label, link.Mint, state.Minters[link.Spine]);
            var representative = representing.FirstOrDefault(x => x.Spine.Name == link.Spine);
            if (representative.Spine is not null)
            {
                var indexOfKey = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i].EntityId is not { } entity) continue;
                    var key = SpineTable.RecordKey(wave.Source, wave.Wave, records.Ids[i]);
                    indexOfKey[key] = i;
                    table.Offer(new SpineTable.Representative(entity, key, wave.Seq, representative.Index));
                }

                // The wave's records that became representatives take the values this job's wave side standardised for them,
                // when its spine side would read the same file columns the same way; the job's next run then prepares nothing.
                // (Every link job keeps the wave's records in the same order: the same rows are records, CheckQuarantine.)
                Func<string, string?[]?>? known = ValuesCarryOver(prepared.Config, representative.Spine.Representatives[representative.Index].Columns)
                    ? key => indexOfKey.TryGetValue(key, out var i) ? prepared.ValuesOf(i) : null
                    : null;
                spineSide.Synchronise(table, known, PrepareSpineSide);
            }

            ledgers.Add(new SpineLedger(link.Spine, rows, before));
        }

        return new WaveOutcome(records, ledgers, work);
    }

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

    private static ModelEntry? ModelFor(LinkingState state, string source, string spine, string kind) =>
        state.Retrain.Contains((source, spine, kind)) ? null : state.LatestModel(source, spine, kind);

    private ModelEntry AddModel(LinkingState state, string source, string spine, string kind, string modelPath, string wave)
    {
        var version = (state.LatestModel(source, spine, kind)?.ModelVersion ?? 0) + 1;
        var entry = new ModelEntry(source, spine, kind, version, objects.PutCopy(modelPath, ".json"), wave);
        state.Models.Add(entry);
        state.Retrain.Remove((source, spine, kind));
        return entry;
    }

    private static void CheckQuarantine(WaveRecords records, IReadOnlySet<int> pipelineRows)
    {
        // The store and the pipeline must agree on which rows are records, or ledgers would not cover the wave.
        if (!pipelineRows.SetEquals(records.QuarantinedRows))
            throw new InvalidDataException(
                $"{records.Path}: the linkage pipeline set aside rows {string.Join(", ", pipelineRows.Order().Take(10))} but the store rows {string.Join(", ", records.QuarantinedRows.Order().Take(10))}; the store cannot keep a ledger for this wave.");
    }
}
