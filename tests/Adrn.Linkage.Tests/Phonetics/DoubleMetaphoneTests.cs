using Adrn.Linkage.Blocking.Phonetics;
using Adrn.Linkage.Tests.Metrics;

namespace Adrn.Linkage.Tests.Phonetics;

public sealed class DoubleMetaphoneTests
{
    [Theory]
    // Primary and alternate codes (4 characters) pinned in Apache commons-codec's
    // DoubleMetaphoneTest (testDoubleMetaphone / assertDoubleMetaphoneAlt), which follows
    // Philips' original C++ implementation.
    [InlineData("testing", "TSTN", "TSTN")]
    [InlineData("The", "0", "T")]
    [InlineData("quick", "KK", "KK")]
    [InlineData("brown", "PRN", "PRN")]
    [InlineData("fox", "FKS", "FKS")]
    [InlineData("jumped", "JMPT", "AMPT")]
    [InlineData("over", "AFR", "AFR")]
    [InlineData("lazy", "LS", "LS")]
    [InlineData("dogs", "TKS", "TKS")]
    [InlineData("MacCafferey", "MKFR", "MKFR")]
    [InlineData("Stephan", "STFN", "STFN")]
    [InlineData("Kuczewski", "KSSK", null)]
    [InlineData("Kutchefski", null, "KXFS")]
    [InlineData("McClelland", "MKLL", "MKLL")]
    [InlineData("san jose", "SNHS", "SNHS")]
    [InlineData("xenophobia", "SNFP", "SNFP")]
    public void DoubleMetaphone_matches_the_commons_codec_examples(string word, string? primary, string? alternate)
    {
        var (actualPrimary, actualAlternate) = DoubleMetaphone.Encode(word);
        if (primary is not null)
        {
            Assert.Equal(primary, actualPrimary);
        }

        if (alternate is not null)
        {
            Assert.Equal(alternate, actualAlternate);
        }
    }

    [Theory]
    // Pairs that commons-codec's testIsDoubleMetaphoneEqualBasic and Philips' article say must meet
    // on a code (primary or alternate).
    [InlineData("cookie", "quick")]
    [InlineData("Brian", "Bryan")]
    [InlineData("Auto", "Otto")]
    [InlineData("Steven", "Stefan")]
    [InlineData("Philipowitz", "Filipowicz")]
    [InlineData("Jablonski", "Yablonsky")]
    [InlineData("Smith", "Schmidt")]
    public void DoubleMetaphone_codes_of_sound_alike_names_meet(string first, string second)
    {
        var a = DoubleMetaphone.Encode(first);
        var b = DoubleMetaphone.Encode(second);
        Assert.True(
            a.Primary == b.Primary || a.Primary == b.Alternate || a.Alternate == b.Primary || a.Alternate == b.Alternate,
            $"{first} {a} and {second} {b} share no code");
    }

    [Fact]
    public void DoubleMetaphone_codes_of_different_names_do_not_meet()
    {
        var a = DoubleMetaphone.Encode("Brain");
        var b = DoubleMetaphone.Encode("Band");
        Assert.NotEqual(a.Primary, b.Primary);
        Assert.NotEqual(a.Alternate, b.Alternate);
    }

    [Fact]
    public void DoubleMetaphone_matches_npm_double_metaphone_outside_its_three_known_deviations()
    {
        // reference/string-metrics/double_metaphone_expected.csv: untruncated codes from the npm
        // package double-metaphone 2.0.1 for 1,500 FEBRL names and suburbs plus classic examples.
        // That package departs from Philips' original (and commons-codec) in three places (the
        // first two its own source marks "Bug:" or comments out); rows that hit them are left out:
        //   1. "-CIA", "-CIO", "-CIE": the original codes C as S with alternate X; the package gives S.
        //   2. "MCC…": the original skips the second C after Mc (commons-codec: MacCafferey -> MKFR).
        //   3. "-OGY", "-RGY": the original excludes these from the -GY- rule (J/K, not K/J); the
        //      package instead tests the letter before G against E, G, I, R.
        var rows = ReferenceCsv.Read("double_metaphone_expected.csv");
        var failures = new List<string>();
        int compared = 0;
        foreach (var row in rows)
        {
            string name = row["name"];
            string upper = name.ToUpperInvariant();
            if (upper.Contains("CIA", StringComparison.Ordinal) || upper.Contains("CIO", StringComparison.Ordinal)
                || upper.Contains("CIE", StringComparison.Ordinal) || upper.Contains("MCC", StringComparison.Ordinal)
                || upper.Contains("MACC", StringComparison.Ordinal) || upper.Contains("OGY", StringComparison.Ordinal)
                || upper.Contains("RGY", StringComparison.Ordinal))
            {
                continue;
            }

            compared++;
            var (primary, alternate) = DoubleMetaphone.Encode(name, int.MaxValue);
            if (primary != row["wooorm_primary"] || alternate != row["wooorm_alternate"])
            {
                failures.Add($"\"{name}\": expected ({row["wooorm_primary"]}, {row["wooorm_alternate"]}), got ({primary}, {alternate})");
            }

            var truncated = DoubleMetaphone.Encode(name);
            Assert.Equal(Cut(row["wooorm_primary"]), truncated.Primary);
            Assert.Equal(Cut(row["wooorm_alternate"]), truncated.Alternate);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(1748, compared);
    }

    [Fact]
    public void DoubleMetaphone_returns_empty_codes_for_empty_input()
    {
        Assert.Equal((string.Empty, string.Empty), DoubleMetaphone.Encode(string.Empty));
    }

    private static string Cut(string code) => code.Length > DoubleMetaphone.DefaultMaxLength ? code[..DoubleMetaphone.DefaultMaxLength] : code;
}
