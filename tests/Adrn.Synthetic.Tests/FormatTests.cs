using System.Globalization;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Synthetic.Tests;

public sealed partial class FormatTests(GeneratedPopulationFixture population) : IClassFixture<GeneratedPopulationFixture>
{
    // Postcode pattern from the data contract (docs: ONS postcode directory user guide).
    [GeneratedRegex(@"^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"^\d{3}/[A-Z]{2}\d{5}$")]
    private static partial Regex PayePattern();

    [GeneratedRegex(@"^(\d{8}|(SC|NI|OC|SO|NC|FC|LP)\d{6})$")]
    private static partial Regex CompanyNumberPattern();

    [GeneratedRegex(@"^[A-Z]{2}\d{6}[A-D]$")]
    private static partial Regex NinoPattern();

    [Fact]
    public void Every_postcode_is_a_valid_uk_postcode()
    {
        var postcodes = population.Employers.Column("postcode")
            .Concat(population.Employees.Column("home_postcode"))
            .Concat(population.Employees.Column("employer_postcode"))
            .Concat(population.Cohort.Column("postcode"))
            .Where(p => p.Length > 0)
            .ToList();

        Assert.True(postcodes.Count > 40_000);
        Assert.All(postcodes, p => Assert.Matches(PostcodePattern(), p));
        // The A9A / AA9A forms (central London) appear too.
        Assert.Contains(postcodes, p => char.IsLetter(p[p.IndexOf(' ', StringComparison.Ordinal) - 1]));
    }

    [Fact]
    public void Every_nino_has_a_valid_format_and_a_prefix_that_is_never_issued()
    {
        // HMRC rules: first letter not D F I Q U V; second not D F I O Q U V; never BG GB KN NK NT TN ZZ.
        // The generator uses Q as first letter, which the rules forbid, so no real NINO is produced.
        var ninos = population.Employees.Column("nino").Distinct().ToList();
        Assert.Equal(population.Options.Persons, ninos.Count);
        Assert.All(ninos, nino =>
        {
            Assert.Matches(NinoPattern(), nino);
            Assert.Equal('Q', nino[0]);
            Assert.DoesNotContain(nino[1], "DFIOQUV");
            Assert.DoesNotContain(nino[..2], new[] { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" });
        });
    }

    [Fact]
    public void Employer_identifiers_have_the_contract_formats_and_are_unique()
    {
        var employers = population.Employers;
        Assert.All(employers.Column("employer_id"), id => Assert.Matches(@"^[1-9]\d{9}$", id));
        Assert.All(employers.Column("paye_ref"), paye => Assert.Matches(PayePattern(), paye));
        Assert.All(employers.Column("ch_number"), ch => Assert.Matches(CompanyNumberPattern(), ch));
        Assert.Equal(employers.Count, employers.Column("employer_id").Distinct().Count());
        Assert.Equal(employers.Count, employers.Column("paye_ref").Distinct().Count());
        Assert.Equal(employers.Count, employers.Column("ch_number").Distinct().Count());
        Assert.Equal(employers.Count, employers.Column("registered_name").Select(n => n.ToUpperInvariant()).Distinct().Count());
        Assert.All(population.Employees.Column("employer_paye_ref").Where(p => p.Length > 0), paye => Assert.Matches(PayePattern(), paye));
    }

    [Fact]
    public void Employer_codes_use_the_official_code_lists()
    {
        var employers = population.Employers;
        var itl1 = new HashSet<string> { "TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK", "TLL", "TLM", "TLN" };
        Assert.All(employers.Column("itl1"), code => Assert.Contains(code, itl1));
        Assert.All(employers.Column("sic_section"), code => Assert.Matches("^[A-U]$", code));
        Assert.All(employers.Column("sic_division"), code => Assert.Matches(@"^\d{2}$", code));
        Assert.All(employers.Column("management_score"), s => Assert.InRange(double.Parse(s, CultureInfo.InvariantCulture), 0.0, 1.0));
        Assert.All(employers.Column("investment"), s => Assert.True(double.Parse(s, CultureInfo.InvariantCulture) >= 0));
        Assert.Contains(employers.Column("registered_name"), n => n.EndsWith(" PLC", StringComparison.Ordinal) || n.EndsWith(" LLP", StringComparison.Ordinal));
        Assert.Contains(employers.Column("registered_name"), n => n.Contains("& Sons", StringComparison.Ordinal));
        var trading = employers.Column("trading_name").Count(t => t.Length > 0) / (double)employers.Count;
        Assert.InRange(trading, 0.08, 0.25);
        Assert.All(population.Employees.Column("soc_major"), s => Assert.InRange(int.Parse(s, CultureInfo.InvariantCulture), 1, 9));
        Assert.All(population.Employees.Column("qualification_level"), s => Assert.InRange(int.Parse(s, CultureInfo.InvariantCulture), 0, 8));
        Assert.All(population.Employees.Column("sex"), s => Assert.Contains(s, new[] { "M", "F" }));
    }

    [Fact]
    public void Csv_files_are_utf8_without_bom_with_unix_line_endings_and_iso_dates()
    {
        var bytes = File.ReadAllBytes(Path.Combine(population.Directory, "employees.csv"));
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.All(population.Employees.Column("date_of_birth"), d => Assert.True(DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), d));
        // Addresses such as "Unit 4, Riverside Business Park" need RFC 4180 quoting.
        Assert.Contains(population.Employers.Column("address"), a => a.Contains(',', StringComparison.Ordinal));
    }

    [Fact]
    public void Arrow_files_hold_the_same_rows_with_date64_dates()
    {
        using var stream = File.OpenRead(Path.Combine(population.Directory, "employees.arrow"));
        using var reader = new ArrowFileReader(stream);
        var rows = 0;
        var firstDates = new List<DateTime>();
        var firstIds = new List<string>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var dob = batch.Column("date_of_birth");
                Assert.IsType<Date64Type>(dob.Data.DataType);
                var ids = (StringArray)batch.Column("record_id");
                for (var i = 0; i < batch.Length && firstIds.Count < 50; i++)
                {
                    firstIds.Add(ids.GetString(i));
                    firstDates.Add(((Date64Array)dob).GetDateTime(i)!.Value);
                }

                rows += batch.Length;
            }
        }

        Assert.Equal(population.Employees.Count, rows);
        var csv = population.Employees.Rows.Take(50).ToList();
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(population.Employees.Get(csv[i], "record_id"), firstIds[i]);
            Assert.Equal(population.Employees.Get(csv[i], "date_of_birth"), firstDates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Parquet_files_hold_the_same_rows()
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(Path.Combine(population.Directory, "cohort.parquet"));
        long rows = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            rows += group.RowCount;
        }

        Assert.Equal(population.Cohort.Count, rows);
        Assert.Equal(
            population.Cohort.Header,
            reader.Schema.GetDataFields().Select(f => f.Name).ToArray());
    }
}
