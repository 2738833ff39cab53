using Adrn.Linkage.Privacy;

namespace Adrn.Linkage.Tests.Privacy;

public sealed class SourceEncoderTests
{
    private const string Csv =
        "cohort_id,first_name,surname,date_of_birth,sex,postcode\n" +
        "C1,Oliver,Ashworth,1983-09-13,M,SW1A 1AA\n" +
        "C2,Amelia,Smith,not-a-date,F,\n" +
        "C3,Olivia,Ashworth,1983-09-13,F,sw1a1aa\n";

    private static readonly EncodingSpec Spec = EncodingSpec.Parse(
        "cohort_id", "sex", "first_name:name,surname:name,date_of_birth:date,postcode:postcode", "date_of_birth:year,postcode:district,surname:soundex",
        new BloomFilterSettings());

    private static (string[] Header, string[][] Rows) EncodeSample(string secret)
    {
        var dir = Directory.CreateTempSubdirectory("adrn-encode-");
        var input = Path.Combine(dir.FullName, "in.csv");
        File.WriteAllText(input, Csv);
        var output = Path.Combine(dir.FullName, "out.csv");
        SourceEncoder.Encode(input, output, Spec, PseudonymKey.FromSecret(secret));
        var lines = File.ReadAllLines(output);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    [Fact]
    public void Encoded_file_keeps_every_row_and_no_plain_identifier()
    {
        var (header, rows) = EncodeSample("a shared secret for the tests");
        Assert.Equal(["cohort_id", "sex", "first_name", "surname", "date_of_birth", "postcode", "date_of_birth_year", "postcode_district", "surname_soundex"], header);
        Assert.Equal(3, rows.Length);
        var all = string.Join("\n", rows.Select(r => string.Join(",", r)));
        foreach (var plain in new[] { "Oliver", "oliver", "Ashworth", "ashworth", "1983", "SW1A", "A262" })
            Assert.DoesNotContain(plain, all, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparseable_or_missing_values_are_left_empty_and_counted()
    {
        var dir = Directory.CreateTempSubdirectory("adrn-encode-");
        var input = Path.Combine(dir.FullName, "in.csv");
        File.WriteAllText(input, Csv);
        var summary = SourceEncoder.Encode(input, Path.Combine(dir.FullName, "out.csv"), Spec, PseudonymKey.FromSecret("a shared secret for the tests"));
        Assert.Equal(3, summary.Rows);
        Assert.Equal(1, summary.MissingByField["date_of_birth"]);
        Assert.Equal(1, summary.MissingByField["postcode"]);
    }

    [Fact]
    public void Equal_values_get_equal_blocking_keys_and_keys_change_with_the_secret()
    {
        var (_, rows) = EncodeSample("a shared secret for the tests");
        // C1 and C3 share surname, birth year and (after normalisation) postcode district.
        Assert.Equal(rows[0][6], rows[2][6]);
        Assert.Equal(rows[0][7], rows[2][7]);
        Assert.Equal(rows[0][8], rows[2][8]);
        Assert.NotEqual(rows[0][2], rows[2][2]); // Oliver vs Olivia: different filters
        var (_, other) = EncodeSample("a different secret, same data");
        Assert.NotEqual(rows[0][6], other[0][6]);
        Assert.NotEqual(rows[0][3], other[0][3]);
    }

    [Fact]
    public void Missing_column_is_reported_with_the_file_and_the_column()
    {
        var dir = Directory.CreateTempSubdirectory("adrn-encode-");
        var input = Path.Combine(dir.FullName, "in.csv");
        File.WriteAllText(input, "cohort_id,first_name\nC1,Oliver\n");
        var ex = Assert.Throws<InvalidDataException>(() => SourceEncoder.Encode(input, Path.Combine(dir.FullName, "out.csv"), Spec, PseudonymKey.FromSecret("a shared secret for the tests")));
        Assert.Contains("in.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("surname", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_spec_lists_every_problem()
    {
        var ex = Assert.Throws<FormatException>(() => EncodingSpec.Parse("id", null, "a:name,b:colour,c", "d:weekday", new BloomFilterSettings()));
        Assert.Contains("colour", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("weekday", ex.Message, StringComparison.Ordinal);
    }
}
