using System.Globalization;
using Adrn.Dataset.Catalog;
using Adrn.Dataset.Linking;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Store;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Privacy;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Release;

/// <summary>
/// The release panel: one row per record of the panel source over every wave (waves in the order added, records in file
/// order), with a per-release pseudonym for each spine the record is linked to, the wave, the spec's variables (from the
/// record itself, or from the record of another source linked to the same entity in the same wave) and the match
/// probabilities. Entity ids stay inside (<see cref="Entities"/>) for the cohort release and the tables' contributors;
/// only pseudonyms are written.
/// </summary>
internal sealed class ResearchPanel
{
    private ResearchPanel(List<ColumnBuffer> columns, List<string> waves, Dictionary<string, List<string?>> entities)
    {
        Columns = columns;
        Waves = waves;
        Entities = entities;
    }

    /// <summary>Columns in release order.</summary>
    public List<ColumnBuffer> Columns { get; }

    /// <summary>The wave of each row.</summary>
    public List<string> Waves { get; }

    /// <summary>Spine → entity id of each row (null when unlinked). Never written.</summary>
    public Dictionary<string, List<string?>> Entities { get; }

    public int Rows => Waves.Count;

    public ColumnBuffer Column(string name) => Columns.First(c => c.Name == name);

    public static ResearchPanel Build(DatasetSpec spec, StoreState state, ObjectStore objects, PseudonymKey? key, CancellationToken ct)
    {
        var release = spec.Release;
        var panelSource = spec.Source(release.PanelSource);
        var spines = panelSource.Links.Select(l => l.Spine).ToList();
        var columns = new List<ColumnBuffer>();
        if (key is not null) columns.AddRange(release.Keys.Select(k => new ColumnBuffer(k.Value, VariableType.Text)));
        columns.Add(new ColumnBuffer("wave", VariableType.Text, nullable: false));
        var variables = release.Variables.Select(v => (Spec: v, Buffer: new ColumnBuffer(v.Name, v.Type))).ToList();
        columns.AddRange(variables.Select(v => v.Buffer));
        var probabilities = release.Probabilities.Select(p => (Spine: p.Key, Buffer: new ColumnBuffer(p.Value, VariableType.Double))).ToList();
        columns.AddRange(probabilities.Select(p => p.Buffer));
        var waves = new List<string>();
        var entities = spines.ToDictionary(s => s, _ => new List<string?>(), StringComparer.Ordinal);
        var keyCache = new Dictionary<(string, string), string>();

        foreach (var wave in state.Waves.Where(w => w.Source == panelSource.Name).OrderBy(w => w.Seq))
        {
            ct.ThrowIfCancellationRequested();
            var own = variables.Where(v => v.Spec.Source == panelSource.Name).SelectMany(v => Needed(v.Spec));
            var records = WaveRecords.Read(objects.PathOf(wave.InputObject), panelSource.IdColumn, own);
            var ledgers = spines.ToDictionary(s => s, s => Ledger(state, objects, wave.Source, wave.Wave, s), StringComparer.Ordinal);
            var joined = variables.Select(v => v.Spec.Source).Where(s => s != panelSource.Name).Distinct()
                .ToDictionary(s => s, s => JoinedSource.Open(spec, state, objects, s, wave.Wave, spines, release.Variables), StringComparer.Ordinal);
            for (var i = 0; i < records.Ids.Count; i++)
            {
                var id = records.Ids[i];
                waves.Add(wave.Wave);
                foreach (var spine in spines) entities[spine].Add(ledgers[spine].TryGetValue(id, out var a) ? a.EntityId : null);
                var c = 0;
                if (key is not null)
                {
                    foreach (var (spine, _) in release.Keys)
                    {
                        var entity = entities[spine][^1];
                        if (entity is null)
                        {
                            columns[c++].Add((string?)null);
                            continue;
                        }

                        if (!keyCache.TryGetValue((spine, entity), out var pseudonym))
                            keyCache[(spine, entity)] = pseudonym = key.Pseudonymise(spine, entity);
                        columns[c++].Add(pseudonym);
                    }
                }

                columns[c].Add(wave.Wave);
                foreach (var (v, buffer) in variables)
                {
                    if (v.Source == panelSource.Name)
                    {
                        Derive(v, buffer, column => records.Value(i, column));
                    }
                    else
                    {
                        var source = joined[v.Source];
                        var row = source.RowOf(entities);
                        Derive(v, buffer, column => row < 0 ? null : source.Records!.Value(row, column));
                    }
                }

                foreach (var (spine, buffer) in probabilities)
                    buffer.Add(ledgers[spine].TryGetValue(id, out var a) && a.EntityId is not null ? a.Probability : null);
            }
        }

        return new ResearchPanel(columns, waves, entities);
    }

    /// <summary>The columns a variable reads from its source.</summary>
    public static IEnumerable<string> Needed(ReleaseVariableSpec v) => v.With is null ? [v.Column] : [v.Column, v.With];

    /// <summary>Computes a variable from its source values (<see cref="VariableDerivations"/>; a missing or unusable input gives a missing value).</summary>
    public static void Derive(ReleaseVariableSpec v, ColumnBuffer buffer, Func<string, string?> value)
    {
        if (v.Derive == VariableDerivation.Copy)
        {
            buffer.AddParsed(value(v.Column));
            return;
        }

        var number = VariableDerivations.Number(v.Derive, value(v.Column), v.With is null ? null : value(v.With));
        if (buffer.Type == VariableType.Int32) buffer.Add(number is { } x ? (int?)Math.Round(x) : null);
        else buffer.Add(number);
    }

    private static Dictionary<string, RecordAssignment> Ledger(StoreState state, ObjectStore objects, string source, string wave, string spine)
    {
        var entry = state.Ledgers.FirstOrDefault(l => l.Source == source && l.Wave == wave && l.Spine == spine);
        var map = new Dictionary<string, RecordAssignment>(StringComparer.Ordinal);
        if (entry is null) return map;
        foreach (var row in LedgerTable.Read(objects.PathOf(entry.LedgerObject))) map[row.RecordId] = row;
        return map;
    }

    /// <summary>
    /// Another source's records of one wave, found by the entity they share with a panel row: for each entity of the join
    /// spine, its record of that wave with the highest match probability (ties: the smaller record id).
    /// </summary>
    private sealed class JoinedSource
    {
        private readonly string _spine = string.Empty;
        private readonly Dictionary<string, int> _rowOfEntity = new(StringComparer.Ordinal);

        private JoinedSource(string spine, WaveRecords? records)
        {
            _spine = spine;
            Records = records;
        }

        public WaveRecords? Records { get; }

        public static JoinedSource Open(DatasetSpec spec, StoreState state, ObjectStore objects, string sourceName, string waveLabel, IReadOnlyList<string> panelSpines,
            IReadOnlyList<ReleaseVariableSpec> variables)
        {
            var source = spec.Source(sourceName);
            var spine = source.Links.First(l => panelSpines.Contains(l.Spine)).Spine;
            var wave = state.Waves.FirstOrDefault(w => w.Source == sourceName && w.Wave == waveLabel);
            if (wave is null) return new JoinedSource(spine, null);
            var records = WaveRecords.Read(objects.PathOf(wave.InputObject), source.IdColumn, variables.Where(v => v.Source == sourceName).SelectMany(Needed));
            var joined = new JoinedSource(spine, records);
            var best = new Dictionary<string, (double P, string Id)>(StringComparer.Ordinal);
            foreach (var (_, row) in Ledger(state, objects, sourceName, waveLabel, spine))
            {
                if (row.EntityId is null) continue;
                var p = row.Probability ?? 1.0;
                if (best.TryGetValue(row.EntityId, out var current) && (current.P > p || (current.P == p && string.CompareOrdinal(current.Id, row.RecordId) < 0))) continue;
                best[row.EntityId] = (p, row.RecordId);
            }

            foreach (var (entity, (_, id)) in best) joined._rowOfEntity[entity] = records.IndexOf(id);
            return joined;
        }

        public int RowOf(Dictionary<string, List<string?>> entities) =>
            Records is not null && entities[_spine][^1] is { } e && _rowOfEntity.TryGetValue(e, out var row) ? row : -1;
    }
}
