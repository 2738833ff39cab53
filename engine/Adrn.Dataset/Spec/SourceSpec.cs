using Adrn.Linkage.Configuration;

namespace Adrn.Dataset.Spec;

/// <summary>A source of records that arrives in waves (a register snapshot, a payroll year, a cohort sweep).</summary>
public sealed record SourceSpec
{
    /// <summary>Source name, e.g. <c>payroll</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the source is, for the codebook.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>File column holding the record id (unique within a wave).</summary>
    public required string IdColumn { get; init; }

    /// <summary>
    /// Disclosure class of the source's file columns (docs/privacy.md). Only attributes may reach a release; the values of
    /// every other column are what the release scanner looks for. Columns not listed fall back to the well-known names.
    /// </summary>
    public required IReadOnlyDictionary<string, DataClassification> Classifications { get; init; }

    /// <summary>The links of this source's records to spines, in the order they run.</summary>
    public required IReadOnlyList<SourceLinkSpec> Links { get; init; }

    /// <summary>
    /// The class of a file column: the id column is a direct identifier; otherwise the safer of its entry in
    /// <see cref="Classifications"/> and the class of its name when the name is a well-known identifier (a spec cannot
    /// declare <c>nino</c> an attribute); null when neither classifies it.
    /// </summary>
    /// <param name="column">File column.</param>
    /// <returns>The class, or null when unclassified.</returns>
    public DataClassification? ClassificationOf(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column == IdColumn) return DataClassification.DirectIdentifier;
        var known = ColumnClassifications.KnownFileColumn(column);
        if (!Classifications.TryGetValue(column, out var given)) return known;
        // Enum order runs from most to least restrictive, so the smaller value is the safer class.
        return known is { } k && k < given ? k : given;
    }

    /// <summary>The link of this source to a spine, or null.</summary>
    /// <param name="spine">Spine name.</param>
    /// <returns>The link.</returns>
    public SourceLinkSpec? LinkTo(string spine) => Links.FirstOrDefault(l => l.Spine == spine);
}
