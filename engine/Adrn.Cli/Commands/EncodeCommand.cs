using System.CommandLine;
using System.Globalization;
using Adrn.Linkage.Privacy;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn encode</c>: turns a source into an encoded source — names, dates and postcodes become keyed
/// Bloom filters, blocking keys become keyed HMACs — so records can be linked without revealing them.
/// The key comes from <c>--key-file</c> or <c>ADRN_PSEUDONYM_KEY</c> and is never written or logged.
/// </summary>
public static class EncodeCommand
{
    /// <summary>Builds the <c>encode</c> command.</summary>
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Source file to encode (.csv, .arrow or .parquet).", Required = true };
        var output = new Option<string>("--out") { Description = "Encoded CSV to write.", Required = true };
        var id = new Option<string>("--id") { Description = "Id column, passed through unchanged.", Required = true };
        var keep = new Option<string?>("--keep") { Description = "Comma-separated attribute columns passed through unchanged (for example sex,year)." };
        var encode = new Option<string>("--encode") { Description = "Fields to encode as col:kind, comma-separated; kinds: name, company, postcode, date, text.", Required = true };
        var block = new Option<string?>("--block") { Description = "Keyed blocking keys as col:kind, comma-separated; kinds: exact, year, district, sector, area, soundex, metaphone, initial." };
        var keyFile = new Option<string?>("--key-file") { Description = "File holding the secret key (at least 16 characters). Default: the ADRN_PSEUDONYM_KEY environment variable." };
        var length = new Option<int>("--length") { Description = "Bloom-filter length in bits (multiple of 64).", DefaultValueFactory = _ => new BloomFilterSettings().LengthBits };
        var hashes = new Option<int>("--hashes") { Description = "Bits set per q-gram.", DefaultValueFactory = _ => new BloomFilterSettings().HashCount };
        var q = new Option<int>("--q") { Description = "q-gram length.", DefaultValueFactory = _ => new BloomFilterSettings().Q };
        var command = new Command("encode", "Encode identifying fields as keyed Bloom filters (and blocking keys as keyed HMACs) for privacy-preserving linkage.")
        {
            input, output, id, keep, encode, block, keyFile, length, hashes, q,
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
            foreach (var (field, count) in summary.MissingByField)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {field,-20} {count,8:N0} missing or unparseable (left empty)"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
