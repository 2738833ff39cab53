using System.Text;
using static Adrn.Tables.Tests.CsvText;

namespace Adrn.Tables.Tests;

/// <summary>
/// Malformed records (issue 15, "Strict, accountable input"): each is set aside with file, line, column and reason, the
/// reader continues, and records read = records returned + records set aside.
/// </summary>
public sealed class MalformedRecordTests
{
    private static readonly CsvOptions Collect = new() { OnMalformed = MalformedRecordPolicy.Collect };

    /// <summary>A payroll-like file: header of 16 columns and <paramref name="rows"/> rows, row r on line r + 1.</summary>
    private static string[] PayrollLines(int rows)
    {
        var lines = new List<string>
        {
            "record_id,person_id,nino,first_name,surname,date_of_birth,sex,home_postcode,employer_paye_ref,employer_name,employer_postcode,soc_major,qualification_level,hours,annual_pay,year",
        };
        string[] names = ["Teresa", "Oliver", "Amelia", "Thomas", "Isla"];
        for (var r = 1; r <= rows; r++)
        {
            var employer = r % 7 == 0 ? "\"Smith, Jones & Co\"" : "ASHSTONE CONSULTING";
            lines.Add(FormattableString.Invariant(
                $"E{r:D7},P{r:D6},QA{r:D6}A,{names[(r - 1) % names.Length]},Cross,1980-01-{1 + (r % 28):D2},F,PO21 4AQ,990/AP{r:D5},{employer},IV5 7LY,4,5,37.5,{20000 + r},2019"));
        }

        return [.. lines];
    }

    private static byte[] Join(IEnumerable<string> lines) => Utf8(string.Join("\n", lines) + "\n");

    [Fact]
    public void An_unbalanced_quote_in_row_101_costs_that_row_only_and_every_other_row_reads_as_before()
    {
        // Issue 15: one unbalanced " in row 101 of employees.csv (`,"Teresa,`) swallowed every later row into one field.
        var clean = PayrollLines(5000);
        var broken = (string[])clean.Clone();
        broken[101] = broken[101].Replace(",Teresa,", ",\"Teresa,", StringComparison.Ordinal);
        Assert.NotEqual(clean[101], broken[101]);

        using var csv = Open(Join(broken), Collect);
        var (records, malformed) = ReadAll(csv);

        var bad = Assert.Single(malformed);
        Assert.Equal(102, bad.Line); // data row 101 is on line 102
        Assert.Equal(101, bad.RecordNumber);
        Assert.Equal(MalformedRecordKind.UnbalancedQuote, bad.Kind);
        Assert.Equal(4, bad.Column);
        Assert.Equal("first_name", bad.ColumnName);
        Assert.Equal("test.csv", bad.File);
        Assert.StartsWith("\"Teresa,Cross,", bad.Value, StringComparison.Ordinal);
        Assert.Contains("resumes on line 103", bad.Reason, StringComparison.Ordinal);

        Assert.Equal(4999, records.Count);
        Assert.Equal(5000, csv.RecordsRead);
        using var reference = Open(Join(clean), Collect);
        var expected = ReadAll(reference).Records.Where(r => r.Number != 101).ToList();
        Assert.Equal(expected.Select(r => (r.Line, r.Number, string.Join("|", r.Fields))), records.Select(r => (r.Line, r.Number, string.Join("|", r.Fields))));
    }

    [Fact]
    public void Rows_with_3_and_10_fields_are_set_aside_with_their_field_counts_and_the_rest_are_read()
    {
        // Issue 15: a short row was padded with nulls and a long one cut, silently.
        var lines = PayrollLines(20);
        lines[5] = "E0000005,P000005,QA000005A";
        lines[9] = string.Join(",", lines[9].Split(',').Take(10));
        using var csv = OpenTrickle(Join(lines), Collect);
        var (records, malformed) = ReadAll(csv);

        Assert.Equal(18, records.Count);
        Assert.Equal(20, csv.RecordsRead);
        Assert.Equal([6L, 10L], malformed.Select(m => m.Line));
        Assert.All(malformed, m => Assert.Equal(MalformedRecordKind.WrongFieldCount, m.Kind));
        Assert.Equal("3 fields, but the header has 16", malformed[0].Reason);
        Assert.Equal("10 fields, but the header has 16", malformed[1].Reason);
        Assert.Equal("E0000005,P000005,QA000005A", malformed[0].Value);
        Assert.Null(malformed[0].Column);
    }

    [Fact]
    public void Latin1_bytes_in_a_utf8_file_are_set_aside_naming_line_and_column_never_replaced()
    {
        // Issue 15: "Müller" in ISO-8859-1 (M 0xFC l l e r) next to UTF-8 "Müller" (M 0xC3 0xBC l l e r).
        var bytes = Encoding.UTF8.GetBytes("id,surname\n1,Müller\n")
            .Concat(new byte[] { (byte)'2', (byte)',', (byte)'M', 0xFC, (byte)'l', (byte)'l', (byte)'e', (byte)'r', (byte)'\n' })
            .ToArray();
        using var csv = Open(bytes, Collect);
        var (records, malformed) = ReadAll(csv);

        Assert.Equal("Müller", Assert.Single(records).Fields[1]);
        var bad = Assert.Single(malformed);
        Assert.Equal(MalformedRecordKind.Undecodable, bad.Kind);
        Assert.Equal(3, bad.Line);
        Assert.Equal(2, bad.Column);
        Assert.Equal("surname", bad.ColumnName);
        Assert.Equal("M\\xFCller", bad.Value);
        Assert.Contains("not valid UTF-8 (0xFC at byte 2 of the field)", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_latin1_the_latin1_bytes_read_as_Muller_and_utf8_bytes_read_as_what_they_mean_in_latin1()
    {
        var bytes = new byte[] { (byte)'i', (byte)'d', (byte)',', (byte)'s', (byte)'\n', (byte)'1', (byte)',', (byte)'M', 0xFC, (byte)'l', (byte)'l', (byte)'e', (byte)'r', (byte)'\n' }
            .Concat(Encoding.UTF8.GetBytes("2,Müller\n"))
            .ToArray();
        foreach (var encoding in new[] { CsvEncoding.Latin1, CsvEncoding.Windows1252 })
        {
            using var csv = OpenTrickle(bytes, Collect with { Encoding = encoding });
            var (records, malformed) = ReadAll(csv);
            Assert.Empty(malformed);
            Assert.Equal("Müller", records[0].Fields[1]);
            Assert.Equal("MÃ¼ller", records[1].Fields[1]); // 0xC3 0xBC in Latin-1: no error, but not the same name
        }
    }

    [Fact]
    public void Windows1252_maps_0x80_to_0x9F_and_refuses_its_five_undefined_bytes()
    {
        // Mapping from the Unicode consortium's CP1252.TXT: 0x80 = U+20AC EURO SIGN, 0x93/0x94 = curly double quotes; 0x81 undefined.
        var bytes = new byte[] { (byte)'a', (byte)'\n', 0x80, 0x93, (byte)'x', 0x94, (byte)'\n', (byte)'y', 0x81, (byte)'\n' };
        using var csv = Open(bytes, Collect with { Encoding = CsvEncoding.Windows1252 });
        var (records, malformed) = ReadAll(csv);
        Assert.Equal("\u20AC\u201Cx\u201D", Assert.Single(records).Fields[0]);
        var bad = Assert.Single(malformed);
        Assert.Equal(3, bad.Line);
        Assert.Contains("0x81", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_byte_order_mark_under_a_declared_latin1_encoding_is_refused()
    {
        var ex = Assert.Throws<TableFormatException>(() => Open([0xEF, 0xBB, 0xBF, .. Utf8("a\n1\n")], new CsvOptions { Encoding = CsvEncoding.Latin1 }));
        Assert.Contains("declare utf-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_and_text_after_a_closing_quote_are_set_aside_with_their_column()
    {
        using var csv = Open(Utf8("a,b,c\n1,O\"Brien,x\n2,\"ok\"junk,y\n3,fine,z\n"), Collect);
        var (records, malformed) = ReadAll(csv);
        Assert.Equal(["3", "fine", "z"], Assert.Single(records).Fields);
        Assert.Equal(4, records[0].Line);
        Assert.Equal(3, records[0].Number);
        Assert.Equal([MalformedRecordKind.QuoteInUnquotedField, MalformedRecordKind.TextAfterClosingQuote], malformed.Select(m => m.Kind));
        Assert.Equal([2, 2], malformed.Select(m => m.Column ?? 0));
        Assert.Equal([2L, 3L], malformed.Select(m => m.Line));
    }

    [Fact]
    public void A_quote_left_open_on_the_last_line_is_set_aside_at_the_end_of_the_file()
    {
        using var csv = Open(Utf8("a,b\n1,x\n2,\"never closed"), Collect);
        var (records, malformed) = ReadAll(csv);
        Assert.Single(records);
        var bad = Assert.Single(malformed);
        Assert.Equal(3, bad.Line);
        Assert.Equal(MalformedRecordKind.UnbalancedQuote, bad.Kind);
        Assert.Contains("end of the file", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_line_record_with_the_wrong_field_count_costs_its_first_line_and_the_next_lines_are_read_on_their_own()
    {
        // The documented isolation rule: a record a quoted line break carries over lines is cut to its first line when malformed.
        using var csv = Open(Utf8("a,b,c\n1,\"two\nlines\"\n2,x,y\n"), Collect);
        var (records, malformed) = ReadAll(csv);
        Assert.Equal(2, malformed.Count);
        Assert.Equal(MalformedRecordKind.WrongFieldCount, malformed[0].Kind);
        Assert.Equal(2, malformed[0].Line);
        Assert.Contains("resumes on line 3", malformed[0].Reason, StringComparison.Ordinal);
        Assert.Equal(3, malformed[1].Line); // `lines"` on its own: a quote inside an unquoted field
        Assert.Equal(["2", "x", "y"], Assert.Single(records).Fields);
        Assert.Equal(3, csv.RecordsRead);
    }

    [Fact]
    public void A_quoted_field_running_past_the_record_limit_is_an_unbalanced_quote_on_its_first_line()
    {
        var lines = new[] { "a,b", "1,\"open" }.Concat(Enumerable.Range(0, 200).Select(i => $"{i},filler text of the file")).ToArray();
        using var csv = Open(Join(lines), Collect with { MaxRecordBytes = 1024 });
        var (records, malformed) = ReadAll(csv);
        var bad = Assert.Single(malformed);
        Assert.Equal(2, bad.Line);
        Assert.Equal(MalformedRecordKind.UnbalancedQuote, bad.Kind);
        Assert.Equal(200, records.Count);
    }

    [Fact]
    public void Under_the_throw_policy_the_first_malformed_record_is_an_error_naming_file_line_and_column()
    {
        var lines = PayrollLines(10);
        lines[4] = lines[4].Replace(",Thomas,", ",\"Thomas,", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"adrn-tables-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, Join(lines));
        try
        {
            using var csv = CsvCursor.Open(path);
            var ex = Assert.Throws<TableFormatException>(() =>
            {
                while (csv.MoveNext())
                {
                }
            });
            Assert.Equal(path, ex.File);
            Assert.Equal(5, ex.Line);
            Assert.Equal(4, ex.Column);
            Assert.Equal("first_name", ex.ColumnName);
            Assert.StartsWith($"{path}, line 5, column 4 ('first_name'): unbalanced quote", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
