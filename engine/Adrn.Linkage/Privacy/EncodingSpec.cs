namespace Adrn.Linkage.Privacy;

/// <summary>
/// What <see cref="SourceEncoder"/> does to one source file: the id column and attributes passed through
/// unchanged, the fields replaced by Bloom filters, and the keyed blocking keys added.
/// </summary>
public sealed record EncodingSpec
{
    /// <summary>Column holding the record id (passed through; it must not be a direct identifier).</summary>
    public required string IdColumn { get; init; }

    /// <summary>Attribute columns passed through unchanged (for example sex, year).</summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    /// <summary>Fields to encode, each written as a base64 Bloom filter under its own name.</summary>
    public required IReadOnlyList<(string Column, EncodedFieldKind Kind)> Fields { get; init; }

    /// <summary>Keyed blocking keys, each written as column <c>{column}_{kind}</c> (lower case) holding a keyed HMAC.</summary>
    public IReadOnlyList<(string Column, BlockingKeyKind Kind)> BlockingKeys { get; init; } = [];

    /// <summary>Filter shape shared by every field.</summary>
    public BloomFilterSettings Settings { get; init; } = new();

    /// <summary>
    /// Parses the command-line form: fields as <c>col:kind,...</c> (kinds name, company, postcode, date, text)
    /// and blocking keys as <c>col:kind,...</c> (kinds exact, year, district, sector, area, soundex, metaphone, initial).
    /// </summary>
    /// <param name="idColumn">The id column.</param>
    /// <param name="keep">Comma-separated attribute columns, or null.</param>
    /// <param name="fields">Comma-separated <c>col:kind</c> fields.</param>
    /// <param name="blockingKeys">Comma-separated <c>col:kind</c> blocking keys, or null.</param>
    /// <param name="settings">Filter shape.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="FormatException">Any part is malformed; the message lists every problem.</exception>
    public static EncodingSpec Parse(string idColumn, string? keep, string fields, string? blockingKeys, BloomFilterSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idColumn);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>(settings.Validate());
        var parsedFields = ParsePairs(fields, "--encode", problems, static k => k switch
        {
            "name" => EncodedFieldKind.Name,
            "company" or "company_name" => EncodedFieldKind.CompanyName,
            "postcode" => EncodedFieldKind.Postcode,
            "date" => EncodedFieldKind.Date,
            "text" => EncodedFieldKind.Text,
            _ => (EncodedFieldKind?)null,
        }, "name, company, postcode, date, text");
        var parsedKeys = ParsePairs(blockingKeys ?? string.Empty, "--block", problems, static k => k switch
        {
            "exact" => BlockingKeyKind.Exact,
            "year" => BlockingKeyKind.Year,
            "district" => BlockingKeyKind.District,
            "sector" => BlockingKeyKind.Sector,
            "area" => BlockingKeyKind.Area,
            "soundex" => BlockingKeyKind.Soundex,
            "metaphone" => BlockingKeyKind.Metaphone,
            "initial" => BlockingKeyKind.Initial,
            _ => (BlockingKeyKind?)null,
        }, "exact, year, district, sector, area, soundex, metaphone, initial");
        if (parsedFields.Count == 0 && problems.Count == 0)
            problems.Add("--encode must name at least one field as col:kind.");
        if (problems.Count > 0)
            throw new FormatException(string.Join(" ", problems));
        return new EncodingSpec
        {
            IdColumn = idColumn,
            Keep = (keep ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Fields = parsedFields,
            BlockingKeys = parsedKeys,
            Settings = settings,
        };
    }

    private static List<(string, T)> ParsePairs<T>(string text, string option, List<string> problems, Func<string, T?> kind, string allowed)
        where T : struct
    {
        var result = new List<(string, T)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                problems.Add($"{option}: '{part}' is not col:kind.");
                continue;
            }

            var name = part[..colon];
            var k = kind(part[(colon + 1)..].ToLowerInvariant());
            if (k is null)
                problems.Add($"{option}: unknown kind '{part[(colon + 1)..]}' for column {name}; use one of {allowed}.");
            else
                result.Add((name, k.Value));
        }

        return result;
    }
}
