using Adrn.Dataset.Status;

namespace Adrn.Dataset;

public sealed partial class DatasetStore
{
    /// <summary>Versions, waves, records, entities, link rates and estimated precision per wave, and quality-drift warnings.</summary>
    public StoreStatus Status()
    {
        var head = ReadHead();
        var spec = SpecOf(head);
        var waves = head.Waves.OrderBy(w => w.Seq).Select(w => new WaveStatus(w.Source, w.Wave, w.Seq, w.RowsIn, w.Records, w.Quarantined,
            spec.Source(w.Source).Links.SelectMany(l => SummariesOf(head, w.Source, w.Wave).Where(s => s.Spine == l.Spine)).ToList())).ToList();
        var entities = spec.Spines.ToDictionary(s => s.Name, s => head.Spines.FirstOrDefault(e => e.Spine == s.Name)?.Entities ?? 0, StringComparer.Ordinal);
        return new StoreStatus(Name, Directory, CatalogDescription, head.Version, Versions(), waves, entities,
            QualityDrift.Warnings(waves.SelectMany(w => w.Links)));
    }
}
