using Adrn.Dataset.Linking;
using Adrn.Dataset.Spec;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Input;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Writes the spine export for the trusted linker: <c>source,record_id,wave,entity_type,entity_id,match_probability</c>
    /// for every record of every wave and every spine it links to (waves in the order added, links in the spec's order).
    /// This is the identifiable side of the store and never part of a research release.
    /// </summary>
    /// <param name="outPath">The file to write; CSV, or Arrow/Parquet by extension (<c>.arrow</c>, <c>.parquet</c>).</param>
    /// <returns>Rows written.</returns>
    public long ExportEntities(string outPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var head = ReadHead();
        var spec = SpecOf(head);
        var columns = new[]
        {
            new ColumnBuffer("source", VariableType.Text, false), new ColumnBuffer("record_id", VariableType.Text, false),
            new ColumnBuffer("wave", VariableType.Text, false), new ColumnBuffer("entity_type", VariableType.Text, false),
            new ColumnBuffer("entity_id", VariableType.Text), new ColumnBuffer("match_probability", VariableType.Double),
        };
        foreach (var (wave, ledger) in LedgersInOrder(head, spec))
        {
            foreach (var row in LedgerTable.Read(_objects.PathOf(ledger.LedgerObject)))
            {
                columns[0].Add(wave.Source);
                columns[1].Add(row.RecordId);
                columns[2].Add(wave.Wave);
                columns[3].Add(ledger.Spine);
                columns[4].Add(row.EntityId);
                columns[5].Add(row.Probability);
            }
        }

        var full = Path.GetFullPath(outPath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        ArrowTableFile.Write(full, SourceReader.FormatOf(full), columns);
        return columns[0].Count;
    }

    /// <summary>Ledgers of a version: waves in the order added, each wave's spines in the order of its source's links.</summary>
    internal static IEnumerable<(Catalog.WaveEntry Wave, Catalog.LedgerEntry Ledger)> LedgersInOrder(Catalog.StoreState state, DatasetSpec spec)
    {
        foreach (var wave in state.Waves.OrderBy(w => w.Seq))
        {
            foreach (var link in spec.Source(wave.Source).Links)
            {
                var ledger = state.Ledgers.FirstOrDefault(l => l.Source == wave.Source && l.Wave == wave.Wave && l.Spine == link.Spine);
                if (ledger is not null) yield return (wave, ledger);
            }
        }
    }
}
