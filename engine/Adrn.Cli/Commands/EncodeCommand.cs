using System.CommandLine;
using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn encode</c>: turns a source into an encoded source — names, dates and postcodes become keyed
/// Bloom filters, blocking keys become keyed HMACs — so records can be linked without revealing them.
/// The key comes from <c>--key-file</c> or <c>ADRN_PSEUDONYM_KEY</c> and is never written or logged. <c>--keep</c>
/// refuses columns classified as direct or quasi-identifiers (docs/privacy.md) unless <c>--allow-identifiers</c>.
/// </summary>
public static class EncodeCommand
{
    /// <summary>Builds the <c>encode</c> command.</summary>
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Source file to encode (.csv, .arrow or .parquet).", Required = true };
        var output = new Option<string>("--out") { Description = "Encoded CSV to write.", Required = true };
        var id = new Option<string>("--id") { Description = "Id column, passed through unchanged.", Required = true };
        var keep = new Option<string?>("--keep") { Description = "Comma-separated attribute columns passed through unchanged (for example sex,year); identifiers are refused unless --allow-identifiers." };
        var allowIdentifiers = new Option<bool>("--allow-identifiers") { Description = "Let --keep pass direct and quasi-identifiers (names, NINOs, dates of birth, postcodes) through in clear." };
        var encode = new Option<string>("--encode") { Description = "Fields to encode as col:kind, comma-separated; kinds: name, company, postcode, date, text.", Required = true };
        var block = new Option<string?>("--block") { Description = "Keyed blocking keys as col:kind, comma-separated; kinds: exact, year, district, sector, area, soundex, metaphone, initial." };
        var keyFile = new Option<string?>("--key-file") { Description = "File holding the secret key (at least 16 characters). Default: the ADRN_PSEUDONYM_KEY environment variable." };
        var length = new Option<int>("--length") { Description = "Bloom-filter length in bits (multiple of 64).", DefaultValueFactory = _ => new BloomFilterSettings().LengthBits };
        var hashes = new Option<int>("--hashes") { Description = "Bits set per q-gram.", DefaultValueFactory = _ => new BloomFilterSettings().HashCount };
        var q = new Option<int>("--q") { Description = "q-gram length.", DefaultValueFactory = _ => new BloomFilterSettings().Q };
        var command = new Command("encode", "Encode identifying fields as keyed Bloom filters (and blocking keys as keyed HMACs) for privacy-preserving linkage.")
        {
            input, output, id, keep, allowIdentifiers, encode, block, keyFile, length, hashes, q,
        };
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var inputPath = parseResult.GetValue(input)!;
            if (!File.Exists(inputPath)) throw new UsageException($"--input '{inputPath}' does not exist.");
            EncodingSpec spec;
            try
            {
                spec = EncodingSpec.Parse(
                    parseResult.GetValue(id)!, parseResult.GetValue(keep), parseResult.GetValue(encode)!, parseResult.GetValue(block),
                    new BloomFilterSettings { LengthBits = parseResult.GetValue(length), HashCount = parseResult.GetValue(hashes), Q = parseResult.GetValue(q) });
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            var keptIdentifiers = KeptIdentifiers(spec.Keep);
            if (keptIdentifiers.Count > 0 && !parseResult.GetValue(allowIdentifiers))
            {
                throw new UsageException(
                    "--keep would write identifiers in clear, which the receiving party must not see (docs/privacy.md): " +
                    string.Join("; ", keptIdentifiers.Select(c => $"'{c.Column}' is a {c.Class.ToConfigName()}")) +
                    ". Encode them instead (--encode col:kind, --block col:kind), or pass --allow-identifiers if the receiving party may see them.");
            }

            PseudonymKey key;
            try
            {
                // NOTE: the key is checked before any row is read, so a job never half-runs without one.
                key = PseudonymKey.Load(parseResult.GetValue(keyFile));
            }
            catch (InvalidOperationException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            var summary = SourceEncoder.Encode(inputPath, parseResult.GetValue(output)!, spec, key);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Encoded {summary.Rows:N0} rows -> {summary.Path}"));
            foreach (var (column, classification) in keptIdentifiers)
                stdout.WriteLine($"  {column,-20} kept in clear although it is a {classification.ToConfigName()} (--allow-identifiers)");
            foreach (var (field, count) in summary.MissingByField)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {field,-20} {count,8:N0} missing or unparseable (left empty)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The <c>--keep</c> columns whose well-known name classifies them as direct or quasi-identifiers
    /// (<see cref="ColumnClassifications.KnownFileColumn"/>, docs/privacy.md).
    /// </summary>
    private static List<(string Column, DataClassification Class)> KeptIdentifiers(IEnumerable<string> keep) =>
        [.. keep.Select(c => (Column: c, Class: ColumnClassifications.KnownFileColumn(c)))
            .Where(c => c.Class is DataClassification.DirectIdentifier or DataClassification.QuasiIdentifier)
            .Select(c => (c.Column, c.Class!.Value))];
}
