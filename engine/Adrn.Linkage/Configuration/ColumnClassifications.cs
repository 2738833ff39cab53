namespace Adrn.Linkage.Configuration;

/// <summary>Default disclosure classes of job columns and of file columns whose names name an identifier (documented in <c>docs/privacy.md</c>).</summary>
public static class ColumnClassifications
{
    // NOTE: no study's column names live here (they belong in its job files, dataset spec or panel definition); only the
    // words that name a kind of identifier in any study. A column name is cut into words at '_', '-', ' ', '.' and case
    // changes; the safer class wins when it holds words of both kinds.
    private static readonly HashSet<string> DirectIdentifierWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "forename", "forenames", "surname", "firstname", "lastname", "fullname", "nino", "address", "id", "ref", "reference", "email", "phone", "telephone",
    };

    private static readonly HashSet<string> QuasiIdentifierWords = new(StringComparer.OrdinalIgnoreCase) { "postcode", "dob", "zip" };

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
    /// or the class its name implies (<see cref="KnownFileColumn"/>) when that is more restrictive, so a text column named
    /// <c>paye_ref</c> is a direct identifier without configuration.
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

    /// <summary>
    /// The class a column's name implies whatever the study: a direct identifier when a word of it names one (<c>name</c>,
    /// <c>surname</c>, <c>forename</c>, <c>nino</c>, <c>address</c>, <c>id</c>, <c>ref</c>, <c>reference</c>, <c>email</c>,
    /// <c>phone</c>, …: <c>employer_name</c>, <c>paye_ref</c>, <c>record_id</c>), a quasi-identifier for a postcode or a date
    /// of birth (<c>home_postcode</c>, <c>dob</c>, <c>date_of_birth</c>, <c>post_code</c>), else null (unclassified: the
    /// column's class must come from configuration).
    /// </summary>
    /// <param name="fileColumn">A column name of an input file.</param>
    /// <returns>The class, or null.</returns>
    public static DataClassification? KnownFileColumn(string fileColumn)
    {
        ArgumentNullException.ThrowIfNull(fileColumn);
        var words = Words(fileColumn);
        if (words.Any(DirectIdentifierWords.Contains)) return DataClassification.DirectIdentifier;
        var quasi = words.Any(QuasiIdentifierWords.Contains)
                    || (Has(words, "date") && Has(words, "birth"))
                    || (Has(words, "post") && Has(words, "code"));
        return quasi ? DataClassification.QuasiIdentifier : null;
    }

    private static bool Has(List<string> words, string word) => words.Contains(word, StringComparer.OrdinalIgnoreCase);

    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || name[i] is '_' or '-' or ' ' or '.'
                           || (i > start && char.IsUpper(name[i]) && char.IsLower(name[i - 1]));
            if (!boundary) continue;
            if (i > start) words.Add(name[start..i]);
            start = i < name.Length && name[i] is '_' or '-' or ' ' or '.' ? i + 1 : i;
        }

        return words;
    }

    /// <summary>The snake_case name used in job files and reports (<c>direct_identifier</c>, ...).</summary>
    /// <param name="classification">The class.</param>
    /// <returns>Its name.</returns>
    public static string ToConfigName(this DataClassification classification) => classification.ToString().ToSnakeCase();
}
