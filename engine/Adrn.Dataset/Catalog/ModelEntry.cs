namespace Adrn.Dataset.Catalog;

/// <summary>A trained model of a link (<c>link</c>: wave to spine; <c>dedupe</c>: within a wave), numbered per link and kind.</summary>
internal sealed record ModelEntry(string Source, string Spine, string Kind, long ModelVersion, string ModelObject, string TrainedOnWave)
{
    /// <summary>How ledgers name the model, e.g. <c>payroll→person/link@2</c>.</summary>
    public string Label => $"{Source}->{Spine}/{Kind}@{ModelVersion}";
}
