using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("2019-03-04")]
    [InlineData("04/03/2019")]
    [InlineData("4/3/2019")]
    [InlineData("20190304")]
    [InlineData("04-Mar-2019")]
    [InlineData("04-MAR-2019")]
    [InlineData("4-Mar-2019")]
    [InlineData("4 Mar 2019")]
    [InlineData("04.03.2019")]
    [InlineData("  2019-03-04 ")]
    public void TryParse_reads_each_default_format_as_4_March_2019(string raw)
    {
        var parser = new DateParser(DateParser.DefaultFormats);
        Assert.True(parser.TryParse(raw, out DateOnly value));
        Assert.Equal(new DateOnly(2019, 3, 4), value);
        Assert.Equal(0, parser.InvalidCount);
    }

    [Fact]
    public void TryParse_rejects_and_counts_invalid_dates_but_not_blanks()
    {
        var parser = new DateParser(DateParser.DefaultFormats);
        string[] invalid = ["2019-02-30", "31/04/2019", "13/13/2019", "2019/03/04", "yesterday", "2019-3-4x", "00000000"];
        foreach (string raw in invalid)
        {
            Assert.False(parser.TryParse(raw, out DateOnly value), raw);
            Assert.Equal(default, value);
        }

        Assert.False(parser.TryParse("", out _));
        Assert.False(parser.TryParse("   ", out _));
        Assert.Equal(invalid.Length, parser.InvalidCount);
    }

    [Fact]
    public void TryParse_honours_format_order_for_ambiguous_day_month_values()
    {
        var ukFirst = new DateParser(["dd/MM/yyyy", "MM/dd/yyyy"]);
        var usFirst = new DateParser(["MM/dd/yyyy", "dd/MM/yyyy"]);
        Assert.True(ukFirst.TryParse("03/04/2001", out DateOnly uk));
        Assert.True(usFirst.TryParse("03/04/2001", out DateOnly us));
        Assert.Equal(new DateOnly(2001, 4, 3), uk);
        Assert.Equal(new DateOnly(2001, 3, 4), us);
        // Only one reading exists for a day above 12.
        Assert.True(usFirst.TryParse("25/04/2001", out DateOnly only));
        Assert.Equal(new DateOnly(2001, 4, 25), only);
    }

    [Fact]
    public void InvalidCount_is_exact_under_concurrent_parsing()
    {
        var parser = new DateParser(["yyyy-MM-dd"]);
        Parallel.For(0, 20_000, i => parser.TryParse(i % 2 == 0 ? "2020-01-01" : "2020-13-01", out _));
        Assert.Equal(10_000, parser.InvalidCount);
    }

    [Fact]
    public void Constructor_rejects_an_empty_or_blank_format_list()
    {
        Assert.Throws<ArgumentNullException>(() => new DateParser(null!));
        var empty = Assert.Throws<ArgumentException>(() => new DateParser([]));
        Assert.Equal("formats", empty.ParamName);
        Assert.Throws<ArgumentException>(() => new DateParser(["yyyy-MM-dd", " "]));
    }
}
