using System.Diagnostics;
using System.Globalization;
using Adrn.Dataset.Catalog;
using Adrn.Dataset.Store;

namespace Adrn.Dataset.Linking;

/// <summary>
/// Links one wave into the spines, link by link in the spec's order: to the spine's representatives (with the stored link
/// model, trained at the first run that needs one), within the wave when the spec asks for it, then resolved to entities
/// (<see cref="WaveResolver"/>); the wave's records then become representatives where the source represents the spine.
/// The same code adds a wave and replays the history in a relink.
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
        var records = WaveRecords.Read(wave.Path, source.IdColumn, representing.SelectMany(x => x.Spine.Representatives[x.Index].Columns.Values));
        var ledgers = new List<SpineLedger>();
        foreach (var link in source.Links)
        {
            ct.ThrowIfCancellationRequested();
            var table = state.Spines[link.Spine];
            var before = table.Count;
            var dir = Path.Combine(workDirectory, $"{wave.Source}-{wave.Wave}-{link.Spine}");
            WaveLinkRun? toSpine = null;
            ModelEntry? linkModel = null;
            if (table.Count > 0)
            {
                progress?.Report($"linking {wave.Source} {wave.Wave} to the {link.Spine} spine ({records.Ids.Count:N0} records x {table.Count:N0} entities)");
                Directory.CreateDirectory(dir);
                var spinePath = Path.Combine(dir, "spine.arrow");
                table.Write(spinePath);
                linkModel = ModelFor(state, source.Name, link.Spine, LinkingState.LinkModel);
                var clock = Stopwatch.StartNew();
                toSpine = linker.LinkToSpine(link.JobJson, wave.Path, spinePath, linkModel is null ? null : objects.PathOf(linkModel.ModelObject),
                    Path.Combine(dir, "link"), null, ct);
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  linked to the {link.Spine} spine in {clock.Elapsed.TotalSeconds:F1} s (pipeline {toSpine.PipelineSeconds:F1} s){(toSpine.Trained ? ", model trained" : string.Empty)}"));
                CheckQuarantine(records, toSpine);
                if (toSpine.Trained) linkModel = AddModel(state, source.Name, link.Spine, LinkingState.LinkModel, toSpine.ModelPath, wave.Wave);
            }

            WaveLinkRun? withinWave = null;
            ModelEntry? dedupeModel = null;
            if (link.DedupeWithinWave && records.Ids.Count > 1)
            {
                progress?.Report($"linking {wave.Source} {wave.Wave} within the wave for the {link.Spine} spine");
                dedupeModel = ModelFor(state, source.Name, link.Spine, LinkingState.DedupeModel);
                var clock = Stopwatch.StartNew();
                try
                {
                    withinWave = linker.DedupeWithinWave(link.JobJson, wave.Path, dedupeModel is null ? null : objects.PathOf(dedupeModel.ModelObject),
                        Path.Combine(dir, "within-wave"), null, ct);
                }
                catch (InvalidOperationException ex) when (dedupeModel is null && ex.Message.Contains("deterministic_rules produce no pairs", StringComparison.Ordinal))
                {
                    // NOTE: a wave in which the job's deterministic rules find no two records of one entity gives the trainer
                    // nothing to estimate the prior from; there is no evidence of duplicates, so the records stay apart and
                    // the model is trained at the next wave that has some.
                    progress?.Report($"no two records of {wave.Source} {wave.Wave} agree on the job's deterministic rules: no within-wave links, no model trained");
                }

                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  linked within the wave in {clock.Elapsed.TotalSeconds:F1} s{(withinWave is { } w ? string.Create(CultureInfo.InvariantCulture, $" (pipeline {w.PipelineSeconds:F1} s)") : string.Empty)}{(withinWave is { Trained: true } ? ", model trained" : string.Empty)}"));
                if (withinWave is not null) CheckQuarantine(records, withinWave);
                if (withinWave is { Trained: true }) dedupeModel = AddModel(state, source.Name, link.Spine, LinkingState.DedupeModel, withinWave.ModelPath, wave.Wave);
            }

            var rows = WaveResolver.Resolve(records.Ids, toSpine, table, linkModel?.Label, withinWave, dedupeModel?.Label, link.Mint, state.Minters[link.Spine]);
            var representative = representing.FirstOrDefault(x => x.Spine.Name == link.Spine);
            if (representative.Spine is not null)
            {
                var map = representative.Spine.Representatives[representative.Index].Columns;
                var columns = representative.Spine.Columns.Select(c => map.TryGetValue(c, out var file) ? records.Values(file) : null).ToArray();
                for (var i = 0; i < rows.Count; i++)
                {
                    if (rows[i].EntityId is not { } entity) continue;
                    var values = new string?[columns.Length];
                    for (var c = 0; c < columns.Length; c++) values[c] = columns[c]?[i];
                    table.Offer(new SpineTable.Representative(entity, SpineTable.RecordKey(wave.Source, wave.Wave, records.Ids[i]), wave.Source, wave.Wave, wave.Seq,
                        records.Ids[i], representative.Index, values));
                }
            }

            ledgers.Add(new SpineLedger(link.Spine, rows, before));
        }

        return new WaveOutcome(records, ledgers);
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

    private static void CheckQuarantine(WaveRecords records, WaveLinkRun run)
    {
        // The store and the pipeline must agree on which rows are records, or ledgers would not cover the wave.
        if (!run.QuarantinedRows.SetEquals(records.QuarantinedRows))
            throw new InvalidDataException(
                $"{records.Path}: the linkage pipeline set aside rows {string.Join(", ", run.QuarantinedRows.Order().Take(10))} but the store rows {string.Join(", ", records.QuarantinedRows.Order().Take(10))}; the store cannot keep a ledger for this wave.");
    }
}
