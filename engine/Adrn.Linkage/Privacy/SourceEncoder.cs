using System.Globalization;
using Adrn.Linkage.Blocking.Phonetics;
using Adrn.Linkage.Input;
using Adrn.Linkage.Standardisation;
using Adrn.Tables;

namespace Adrn.Linkage.Privacy;

/// <summary>
/// Turns a source file into an encoded source: identifying fields become keyed Bloom filters
/// (base64, compared by Dice coefficient) and blocking keys become keyed HMACs, so a linking party can
/// link the files without seeing names, dates of birth or postcodes. The output is a CSV with the id
/// column, the kept attributes, one column per encoded field (same name) and one per blocking key.
/// </summary>
public static class SourceEncoder
{
    /// <summary>Encodes <paramref name="inputPath"/> into <paramref name="outputPath"/>.</summary>
    /// <param name="inputPath">Source file (CSV, Arrow IPC or Parquet by extension).</param>
    /// <param name="outputPath">The encoded CSV to write (replaced atomically).</param>
    /// <param name="spec">Columns to keep, encode and key.</param>
    /// <param name="key">The secret key shared by the data holders.</param>
    /// <returns>Rows written and, per encoded field, how many values were missing or unparseable.</returns>
    /// <exception cref="InvalidDataException">A named column is not in the file (all missing columns listed).</exception>
    public static SourceEncodingSummary Encode(string inputPath, string outputPath, EncodingSpec spec, PseudonymKey key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(key);

        var format = SourceReader.FormatOf(inputPath);
        var header = SourceReader.ReadHeader(inputPath, format);
        var wanted = new List<string> { spec.IdColumn };
        wanted.AddRange(spec.Keep);
        wanted.AddRange(spec.Fields.Select(f => f.Column));
        wanted.AddRange(spec.BlockingKeys.Select(b => b.Column));
        wanted = wanted.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{inputPath}: no column {string.Join(", ", missing)} (columns are {string.Join(", ", header)}).");

        var table = SourceReader.Read(inputPath, format, wanted);
        // NOTE: keys derive from the kind of value, never the column name: two data holders name the same
        // field differently (postcode / home_postcode), and their encodings must still agree.
        var encoders = spec.Fields.Select(f => new BloomFilterEncoder(key, f.Kind.ToString().ToLowerInvariant(), spec.Settings)).ToArray();
        var dates = new DateParser(DateParser.DefaultFormats);
        var missingCounts = new long[spec.Fields.Count];

        var tmp = outputPath + ".tmp";
        using (var writer = CsvWriter.Create(tmp))
        {
            writer.WriteField(spec.IdColumn);
            foreach (var c in spec.Keep) writer.WriteField(c);
            foreach (var f in spec.Fields) writer.WriteField(f.Column);
            foreach (var b in spec.BlockingKeys) writer.WriteField(KeyColumnName(b));
            writer.EndRecord();

            var ids = table.Column(spec.IdColumn);
            var kept = spec.Keep.Select(table.Column).ToArray();
            var fieldValues = spec.Fields.Select(f => table.Column(f.Column)).ToArray();
            var keyValues = spec.BlockingKeys.Select(b => table.Column(b.Column)).ToArray();
            for (var row = 0; row < table.RowCount; row++)
            {
                writer.WriteField(ids[row]);
                foreach (var column in kept) writer.WriteField(column[row]);
                for (var f = 0; f < encoders.Length; f++)
                {
                    var filter = EncodeField(encoders[f], spec.Fields[f].Kind, fieldValues[f][row], dates);
                    if (filter is null) missingCounts[f]++;
                    writer.WriteField(filter is null ? null : BloomFilterEncoder.ToBase64(filter));
                }

                for (var b = 0; b < keyValues.Length; b++)
                {
                    var kind = spec.BlockingKeys[b].Kind;
                    var derived = DeriveKeyValue(kind, keyValues[b][row], dates);
                    writer.WriteField(derived is null ? null : key.Pseudonymise($"block:{kind}", derived));
                }

                writer.EndRecord();
            }
        }

        File.Move(tmp, outputPath, overwrite: true);
        var perField = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var f = 0; f < spec.Fields.Count; f++) perField[spec.Fields[f].Column] = missingCounts[f];
        return new SourceEncodingSummary(Path.GetFullPath(outputPath), table.RowCount, perField);
    }

    /// <summary>The output column name of a blocking key: <c>{column}_{kind}</c> in lower case.</summary>
    /// <param name="key">The blocking key.</param>
    /// <returns>The column name.</returns>
    public static string KeyColumnName((string Column, BlockingKeyKind Kind) key) =>
        key.Column + "_" + key.Kind.ToString().ToLowerInvariant();

    private static ulong[]? EncodeField(BloomFilterEncoder encoder, EncodedFieldKind kind, string? raw, DateParser dates) => kind switch
    {
        EncodedFieldKind.Name => encoder.EncodeText(NameStandardiser.Standardise(raw)),
        EncodedFieldKind.CompanyName => encoder.EncodeText(CompanyNameStandardiser.Standardise(raw)),
        EncodedFieldKind.Postcode => encoder.EncodeText(UkPostcode.Normalise(raw)),
        EncodedFieldKind.Date => encoder.EncodeDate(raw is not null && dates.TryParse(raw, out var d) ? d : null),
        _ => encoder.EncodeText(string.IsNullOrWhiteSpace(raw) ? null : raw.Trim().ToLowerInvariant()),
    };

    private static string? DeriveKeyValue(BlockingKeyKind kind, string? raw, DateParser dates)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        switch (kind)
        {
            case BlockingKeyKind.Year:
                return dates.TryParse(raw, out var d) ? d.Year.ToString(CultureInfo.InvariantCulture) : null;
            case BlockingKeyKind.District:
            case BlockingKeyKind.Sector:
            case BlockingKeyKind.Area:
                if (!UkPostcode.TryParse(raw, out var pc)) return null;
                return kind == BlockingKeyKind.District ? pc.District : kind == BlockingKeyKind.Sector ? pc.Sector : pc.Area;
            case BlockingKeyKind.Soundex:
                return NameStandardiser.Standardise(raw) is { } s1 ? Soundex.Encode(s1) : null;
            case BlockingKeyKind.Metaphone:
                return NameStandardiser.Standardise(raw) is { } s2 ? DoubleMetaphone.Encode(s2).Primary : null;
            case BlockingKeyKind.Initial:
                return NameStandardiser.Standardise(raw) is { Length: > 0 } s3 ? s3[..1] : null;
            default:
                // Exact keys standardise as the plain pipeline would, so "SW1A 1AA" and "sw1a1aa", or
                // "O'Brien" and "OBRIEN", get the same key.
                if (UkPostcode.TryParse(raw, out var unit)) return unit.Unit;
                if (dates.TryParse(raw, out var date)) return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return NameStandardiser.Standardise(raw);
        }
    }
}
