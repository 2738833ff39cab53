namespace Adrn.Linkage.Configuration;

/// <summary>A job column: a logical field read from every source, standardised, interned and compared.</summary>
public sealed record ColumnConfig
{
    /// <summary>Column name used by blocking rules and comparisons.</summary>
    public required string Name { get; init; }

    /// <summary>Logical type (default <c>text</c>).</summary>
    public ColumnType Type { get; init; } = ColumnType.Text;

    /// <summary>Standardiser applied to every raw value (default depends on <see cref="Type"/>).</summary>
    public StandardiserKind Standardiser { get; init; } = StandardiserKind.None;

    /// <summary>
    /// Disclosure class (<c>classification</c> in the job file; default by <see cref="Type"/>, see
    /// <see cref="ColumnClassifications.DefaultFor(string, ColumnType)"/>). Reported in <c>report.json</c> and enforced on research outputs.
    /// </summary>
    public DataClassification Classification { get; init; } = DataClassification.Attribute;

    /// <summary>
    /// Company-name synonyms applied by the <c>company_name</c> standardiser (<c>synonyms</c> in the job file: the shipped
    /// <c>uk</c> table and/or the job's own table files, later ones winning); null means the shipped UK table.
    /// </summary>
    public Standardisation.CompanySynonymTable? Synonyms { get; init; }

    /// <summary>Overrides the job's <c>max_rejected_share</c> for this one (null: inherit).</summary>
    public double? MaxRejectedShare { get; init; }
}
