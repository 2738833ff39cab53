namespace Adrn.Linkage.Configuration;

/// <summary>Default disclosure classes of job columns and of well-known file columns (documented in <c>docs/privacy.md</c>).</summary>
public static class ColumnClassifications
{
    // Column names of the synthetic payroll, register and cohort schemas (docs/synthetic-data.md) whose class is
    // known without configuration; anything else must be classified before it can reach a research output.
    private static readonly Dictionary<string, DataClassification> KnownFileColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first_name"] = DataClassification.DirectIdentifier,
        ["forename"] = DataClassification.DirectIdentifier,
        ["surname"] = DataClassification.DirectIdentifier,
        ["name"] = DataClassification.DirectIdentifier,
        ["full_name"] = DataClassification.DirectIdentifier,
        ["nino"] = DataClassification.DirectIdentifier,
        ["paye_ref"] = DataClassification.DirectIdentifier,
        ["employer_name"] = DataClassification.DirectIdentifier,
        ["trading_name"] = DataClassification.DirectIdentifier,
        ["address"] = DataClassification.DirectIdentifier,
        ["record_id"] = DataClassification.DirectIdentifier,
        ["person_id"] = DataClassification.DirectIdentifier,
        ["employer_id"] = DataClassification.DirectIdentifier,
        ["cohort_id"] = DataClassification.DirectIdentifier,
        ["date_of_birth"] = DataClassification.QuasiIdentifier,
        ["dob"] = DataClassification.QuasiIdentifier,
        ["postcode"] = DataClassification.QuasiIdentifier,
        ["home_postcode"] = DataClassification.QuasiIdentifier,
        ["work_postcode"] = DataClassification.QuasiIdentifier,
    };

    /// <summary>
    /// The default class of a job column of type <paramref name="type"/>: names and NINOs are direct identifiers,
    /// dates and postcodes quasi-identifiers, Bloom-filter encodings quasi-identifiers (they can be attacked with a
    /// dictionary), everything else an attribute.
    /// </summary>
    /// <param name="type">The column type.</param>
    /// <returns>The class.</returns>
    public static DataClassification DefaultFor(ColumnType type) => type switch
    {
        ColumnType.Name or ColumnType.Nino or ColumnType.CompanyName => DataClassification.DirectIdentifier,
        ColumnType.Date or ColumnType.Postcode or ColumnType.BloomFilter => DataClassification.QuasiIdentifier,
        _ => DataClassification.Attribute,
    };

    /// <summary>
    /// The default class of a job column: the class of its <paramref name="type"/> (<see cref="DefaultFor(ColumnType)"/>),
    /// or that of its name when the name is a well-known identifier (<see cref="KnownFileColumn"/>) and that class is
    /// more restrictive, so a text column named <c>paye_ref</c> is a direct identifier without configuration.
    /// </summary>
    /// <param name="name">The job column name.</param>
    /// <param name="type">The column type.</param>
    /// <returns>The class.</returns>
    public static DataClassification DefaultFor(string name, ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        var byType = DefaultFor(type);
        // Enum order runs from most to least restrictive, so the smaller value is the safer class.
        return KnownFileColumn(name) is { } byName && byName < byType ? byName : byType;
    }

    /// <summary>The class of a well-known file column name (synthetic schemas), or null when the name is not known.</summary>
    /// <param name="fileColumn">A column name of an input file.</param>
    /// <returns>The class, or null.</returns>
    public static DataClassification? KnownFileColumn(string fileColumn)
    {
        ArgumentNullException.ThrowIfNull(fileColumn);
        return KnownFileColumns.TryGetValue(fileColumn, out var c) ? c : null;
    }

    /// <summary>The snake_case name used in job files and reports (<c>direct_identifier</c>, ...).</summary>
    /// <param name="classification">The class.</param>
    /// <returns>Its name.</returns>
    public static string ToConfigName(this DataClassification classification) => classification.ToString().ToSnakeCase();
}
