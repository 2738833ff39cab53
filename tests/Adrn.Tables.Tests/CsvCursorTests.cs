using static Adrn.Tables.Tests.CsvText;

namespace Adrn.Tables.Tests;

/// <summary>The grammar of <see cref="CsvCursor"/> on well-formed input (RFC 4180 examples and the project's files).</summary>
public sealed class CsvCursorTests
{
    [Fact]
    public void Fields_come_back_unquoted_with_doubled_quotes_undone_and_the_line_each_record_starts_on()
    {
        // RFC 4180 section 2, rules 5-7: quoted fields may hold commas, line breaks and doubled quotes.
        var text = "id,name,note\n1,\"Smith, J\",plain\n2,\"say \"\"hi\"\"\",\"two\nlines\"\n3,,\"\"\n";
        foreach (var open in new Func<byte[], CsvOptions?, CsvCursor>[] { (b, o) => Open(b, o), (b, o) => OpenTrickle(b, o) })
        {
            using var csv = open(Utf8(text), null);
            Assert.Equal(["id", "name", "note"], csv.Header);
            var (records, malformed) = ReadAll(csv);
            Assert.Empty(malformed);
            Assert.Equal(3, records.Count);
            Assert.Equal(["1", "Smith, J", "plain"], records[0].Fields);
            Assert.Equal(2, records[0].Line);
            Assert.Equal(["2", "say \"hi\"", "two\nlines"], records[1].Fields);
            Assert.Equal(3, records[1].Line);
            Assert.Equal(["3", "", ""], records[2].Fields);
            Assert.Equal(5, records[2].Line); // the quoted line break of record 2 is a physical line
            Assert.Equal([1L, 2L, 3L], records.Select(r => r.Number));
        }
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Records_end_at_lf_crlf_or_a_lone_cr_and_empty_lines_are_not_records(string eol)
    {
        var text = $"a,b{eol}1,2{eol}{eol}3,4{eol}";
        using var csv = OpenTrickle(Utf8(text));
        var (records, malformed) = ReadAll(csv);
        Assert.Empty(malformed);
        Assert.Equal([["1", "2"], ["3", "4"]], records.Select(r => r.Fields));
        Assert.Equal([2L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public void The_last_record_needs_no_line_end_and_a_trailing_empty_field_counts()
    {
        using var csv = Open(Utf8("a,b,c\n1,2,"));
        var (records, malformed) = ReadAll(csv);
        Assert.Empty(malformed);
        Assert.Equal(["1", "2", ""], Assert.Single(records).Fields);
    }

    [Theory]
    [InlineData('|')]
    [InlineData('\t')]
    [InlineData(';')]
    [InlineData(',')]
    public void Each_supported_delimiter_splits_fields_and_the_others_are_plain_text(char delimiter)
    {
        var others = string.Concat(",|\t;".Where(c => c != delimiter));
        var d = delimiter.ToString();
        var text = $"id{d}name{d}other\n1{d}\"a{d}b\"{d}x{others}y\n";
        using var csv = Open(Utf8(text), new CsvOptions { Delimiter = delimiter });
        var (records, malformed) = ReadAll(csv);
        Assert.Empty(malformed);
        Assert.Equal(["1", $"a{d}b", $"x{others}y"], Assert.Single(records).Fields);
    }

    [Fact]
    public void An_unsupported_delimiter_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Open(Utf8("a:b\n"), new CsvOptions { Delimiter = ':' }));
        Assert.Contains("':'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trim_drops_blanks_around_fields_and_quotes_but_keeps_those_inside_quotes()
    {
        // FEBRL files put a space after every comma.
        var text = "rec_id, given_name, surname\nrec-1-org, \" anna \" , smith \t\n";
        using var csv = OpenTrickle(Utf8(text), new CsvOptions { Trim = true });
        Assert.Equal(["rec_id", "given_name", "surname"], csv.Header);
        var (records, malformed) = ReadAll(csv);
        Assert.Empty(malformed);
        Assert.Equal(["rec-1-org", " anna ", "smith"], Assert.Single(records).Fields);
    }

    [Fact]
    public void Trim_never_eats_a_tab_that_is_the_delimiter()
    {
        using var csv = Open(Utf8("a\tb\tc\n 1\t\t \"3\" \n"), new CsvOptions { Delimiter = '\t', Trim = true });
        var (records, malformed) = ReadAll(csv);
        Assert.Empty(malformed);
        Assert.Equal(["1", "", "3"], Assert.Single(records).Fields);
    }

    [Fact]
    public void Without_trim_blanks_are_data()
    {
        using var csv = Open(Utf8("a,b\n 1 , 2\n"));
        var (records, _) = ReadAll(csv);
        Assert.Equal([" 1 ", " 2"], Assert.Single(records).Fields);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped_and_does_not_become_part_of_the_first_name()
    {
        using var csv = Open([0xEF, 0xBB, 0xBF, .. Utf8("id,x\n1,2\n")]);
        Assert.Equal("id", csv.Header[0]);
        Assert.Equal(0, csv.IndexOf("id"));
    }

    [Fact]
    public void A_utf16_file_is_refused_with_a_message_saying_what_to_do()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(System.Text.Encoding.Unicode.GetBytes("id,x\n1,2\n")).ToArray();
        var ex = Assert.Throws<TableFormatException>(() => Open(bytes));
        Assert.Contains("UTF-16", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void A_duplicate_header_name_is_refused_naming_the_file_and_both_columns()
    {
        var ex = Assert.Throws<TableFormatException>(() => Open(Utf8("id,surname,dob,surname\n1,a,b,c\n")));
        Assert.Equal("test.csv", ex.File);
        Assert.Equal(1, ex.Line);
        Assert.Equal(4, ex.Column);
        Assert.Equal("surname", ex.ColumnName);
        Assert.Contains("columns 2 and 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var ex = Assert.Throws<TableFormatException>(() => Open(Utf8("\n\n")));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_header_is_refused_naming_the_line_and_column()
    {
        var ex = Assert.Throws<TableFormatException>(() => Open(Utf8("\nid,\"name\nx,y\n")));
        Assert.Equal(2, ex.Line);
        Assert.Equal(2, ex.Column);
    }

    [Fact]
    public void A_header_only_file_has_no_records()
    {
        using var csv = Open(Utf8("a,b\n"));
        Assert.False(csv.MoveNext());
        Assert.Equal(0, csv.RecordsRead);
    }

    [Fact]
    public void A_record_longer_than_the_buffer_is_read_whole()
    {
        var big = new string('x', 300_000);
        using var csv = Open(Utf8($"a,b\n1,\"{big}\"\n2,{big}\n"));
        var (records, malformed) = ReadAll(csv);
        Assert.Empty(malformed);
        Assert.Equal(big, records[0].Fields[1]);
        Assert.Equal(big, records[1].Fields[1]);
    }

    [Fact]
    public void A_line_longer_than_the_record_limit_is_an_error_not_a_hang()
    {
        var big = new string('x', 5000);
        var ex = Assert.Throws<TableFormatException>(() =>
        {
            using var csv = Open(Utf8($"a,b\n1,{big}\n"), new CsvOptions { MaxRecordBytes = 1024, OnMalformed = MalformedRecordPolicy.Collect });
            while (csv.MoveNext())
            {
            }
        });
        Assert.Equal(2, ex.Line);
        Assert.Contains("1,024 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_in_a_trickle_gives_the_same_records_as_reading_at_once()
    {
        var rows = Enumerable.Range(0, 200).Select(i => $"{i},\"n{i}, \"\"q\"\"\",Zoë{i}\r\n");
        var bytes = Utf8("id,name,x\r\n" + string.Concat(rows));
        using var a = Open(bytes);
        using var b = OpenTrickle(bytes);
        var (ra, _) = ReadAll(a);
        var (rb, _) = ReadAll(b);
        Assert.Equal(200, ra.Count);
        Assert.Equal(ra.Select(r => (r.Line, string.Join("|", r.Fields))), rb.Select(r => (r.Line, string.Join("|", r.Fields))));
        Assert.Equal("n7, \"q\"", ra[7].Fields[1]);
        Assert.Equal("Zoë7", ra[7].Fields[2]);
    }
}
