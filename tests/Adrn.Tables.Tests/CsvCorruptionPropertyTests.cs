using System.Text;
using static Adrn.Tables.Tests.CsvText;

namespace Adrn.Tables.Tests;

/// <summary>
/// Property (issue 15): random corruption of a CSV file — quotes, delimiters, line breaks, stray bytes, deletions,
/// truncation — never makes the reader report a record count other than the file's physical record count, never makes
/// it throw anything but the documented <see cref="TableFormatException"/> for an unusable header, and never hangs.
/// </summary>
public sealed class CsvCorruptionPropertyTests
{
    private const int Iterations = 3000;

    private static readonly string[] Words = ["Smith", "O'Neil", "Zoë", "Müller", "日本", "a b", "", "12.5", "1980-01-02", "x"];

    [Fact]
    public async Task Records_returned_plus_set_aside_always_equal_the_physical_records_of_the_corrupted_file()
    {
        // Seeded: a failure names its iteration, and the same seed reproduces it.
        var kinds = new Dictionary<MalformedRecordKind, int>();
        var refusedHeaders = 0;
        var work = Task.Run(() =>
        {
            var checkedQuoteFree = 0;
            for (var iteration = 0; iteration < Iterations; iteration++)
            {
                var random = new Random(1000 + iteration);
                var delimiter = ",|\t;"[random.Next(4)];
                var quoteFree = random.Next(2) == 0;
                var clean = MakeFile(random, delimiter, quoteFree);
                var (corrupted, insertedQuote) = Corrupt(random, clean, delimiter);
                var seen = Check(iteration, corrupted, delimiter);
                if (seen is null) refusedHeaders++;
                foreach (var m in seen ?? []) kinds[m.Kind] = kinds.GetValueOrDefault(m.Kind) + 1;
                if (quoteFree && !insertedQuote && CheckAgainstLineCount(iteration, corrupted, delimiter)) checkedQuoteFree++;
            }

            return checkedQuoteFree;
        });
        var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromMinutes(3)));
        Assert.True(finished == work, "the reader did not finish the corrupted files in 3 minutes (a hang?)");
        var checkedQuoteFree = await work;
        Assert.True(checkedQuoteFree > Iterations / 5, $"only {checkedQuoteFree} quote-free files were checked against their line count");

        // The corruption must reach every kind of malformed record, and sometimes the header, or the property is weak.
        foreach (var kind in Enum.GetValues<MalformedRecordKind>())
            Assert.True(kinds.GetValueOrDefault(kind) >= 20, $"only {kinds.GetValueOrDefault(kind)} records of kind {kind} in {Iterations} files");
        Assert.True(refusedHeaders >= 20, $"only {refusedHeaders} files had their header refused");
    }

    /// <summary>
    /// The reader against <see cref="ReferenceCsvReader"/> (the documented rule written independently), at once and in a
    /// trickle; returns the set-aside records, or null when the header was (rightly) refused.
    /// </summary>
    private static IReadOnlyList<MalformedRecord>? Check(int iteration, byte[] bytes, char delimiter)
    {
        var expected = ReferenceCsvReader.Read(bytes, delimiter);
        IReadOnlyList<MalformedRecord>? result = null;
        var options = new CsvOptions { Delimiter = delimiter, OnMalformed = MalformedRecordPolicy.Collect };
        foreach (var trickle in new[] { false, true })
        {
            var context = $"iteration {iteration} (seed {1000 + iteration}, trickle {trickle}), file:\n{Encoding.Latin1.GetString(bytes)}";
            CsvCursor csv;
            try
            {
                csv = trickle ? OpenTrickle(bytes, options, iteration) : Open(bytes, options);
            }
            catch (TableFormatException)
            {
                Assert.False(expected.HeaderOk, "the reader refused a file whose header is fine: " + context);
                continue;
            }

            using (csv)
            {
                Assert.True(expected.HeaderOk, "the reader accepted a file whose header is unusable: " + context);
                List<(long Line, long Number, string[] Fields)> records;
                IReadOnlyList<MalformedRecord> malformed;
                try
                {
                    (records, malformed) = ReadAll(csv);
                }
                catch (Exception ex)
                {
                    Assert.Fail($"the reader threw {ex.GetType().Name}: {ex.Message}; " + context);
                    return null;
                }

                var physical = expected.Records.Count + expected.SetAsideLines.Count;
                Assert.True(records.Count + malformed.Count == physical, $"{records.Count} records + {malformed.Count} set aside, but the file has {physical} records: " + context);
                Assert.True(csv.RecordsRead == physical, $"RecordsRead {csv.RecordsRead} != {physical}: " + context);
                Assert.True(expected.Records.Select(r => r.Line).SequenceEqual(records.Select(r => (int)r.Line)), "record lines differ: " + context);
                Assert.True(expected.SetAsideLines.SequenceEqual(malformed.Select(m => (int)m.Line)), "set-aside lines differ: " + context);
                for (var r = 0; r < records.Count; r++)
                    Assert.True(expected.Records[r].Fields.SequenceEqual(records[r].Fields), $"record {r} fields differ: " + context);
                Assert.All(malformed, m => Assert.False(string.IsNullOrEmpty(m.Reason)));
                result = malformed;
            }
        }

        return result;
    }

    /// <summary>
    /// Fully independent of the rule's details: a file with no quote byte has one record per non-empty line. Returns
    /// false when the header itself is unusable (nothing to count).
    /// </summary>
    private static bool CheckAgainstLineCount(int iteration, byte[] bytes, char delimiter)
    {
        var nonEmptyLines = Encoding.Latin1.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r').Count(l => l.Length > 0);
        try
        {
            using var csv = Open(bytes, new CsvOptions { Delimiter = delimiter, OnMalformed = MalformedRecordPolicy.Collect });
            var (records, malformed) = ReadAll(csv);
            Assert.True(records.Count + malformed.Count == nonEmptyLines - 1,
                $"iteration {iteration}: {records.Count} + {malformed.Count} records, but {nonEmptyLines - 1} non-empty lines after the header");
            return true;
        }
        catch (TableFormatException)
        {
            return false;
        }
    }

    private static byte[] MakeFile(Random random, char delimiter, bool quoteFree)
    {
        var columns = random.Next(2, 8);
        var sb = new StringBuilder();
        sb.Append(string.Join(delimiter, Enumerable.Range(0, columns).Select(c => $"col{c}"))).Append('\n');
        var rows = random.Next(5, 40);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) sb.Append(delimiter);
                var value = Words[random.Next(Words.Length)];
                if (quoteFree)
                {
                    sb.Append(value);
                    continue;
                }

                switch (random.Next(6))
                {
                    case 0:
                        value += delimiter + "x";
                        break;
                    case 1:
                        value = "say \"" + value + "\"";
                        break;
                    case 2:
                        value += "\nnext line";
                        break;
                }

                var quote = value.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 || random.Next(8) == 0;
                sb.Append(quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
            }

            sb.Append(random.Next(4) == 0 ? "\r\n" : "\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static (byte[] Bytes, bool InsertedQuote) Corrupt(Random random, byte[] clean, char delimiter)
    {
        var bytes = new List<byte>(clean);
        var insertedQuote = false;
        var corruptions = random.Next(1, 5);
        for (var n = 0; n < corruptions && bytes.Count > 0; n++)
        {
            // Mostly after the header, sometimes anywhere (then the header may break, which must be refused).
            var from = random.Next(10) == 0 ? 0 : Math.Min(bytes.IndexOf((byte)'\n') + 1, bytes.Count - 1);
            var at = random.Next(from, bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes.Insert(at, (byte)'"');
                    insertedQuote = true;
                    break;
                case 1:
                    bytes.Insert(at, (byte)delimiter);
                    break;
                case 2:
                    bytes.Insert(at, random.Next(2) == 0 ? (byte)'\n' : (byte)'\r');
                    break;
                case 3:
                    var stray = (byte)random.Next(256);
                    bytes.Insert(at, stray);
                    insertedQuote |= stray == '"';
                    break;
                case 4:
                    bytes.RemoveAt(at);
                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at); // truncation
                    break;
                case 6:
                    var replacement = (byte)random.Next(0x80, 0x100); // a stray non-ASCII byte: often invalid UTF-8
                    bytes[at] = replacement;
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes("é").Take(1)); // half a UTF-8 character
                    break;
            }
        }

        return ([.. bytes], insertedQuote);
    }
}
