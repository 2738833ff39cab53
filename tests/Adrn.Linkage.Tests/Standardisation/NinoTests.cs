using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

/// <summary>Rules from HMRC's National Insurance number format as summarised in DOMAIN.md.</summary>
public sealed class NinoTests
{
    [Theory]
    [InlineData(" ab 12 34 56 c ", "AB123456C")]
    [InlineData("AB123456C", "AB123456C")]
    [InlineData("qq\t123456\u00A0a", "QQ123456A")]
    public void Normalise_upper_cases_and_removes_whitespace(string raw, string expected)
    {
        Assert.Equal(expected, Nino.Normalise(raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Normalise_returns_null_for_missing_values(string? raw)
    {
        Assert.Null(Nino.Normalise(raw));
    }

    [Theory]
    [InlineData("AB123456C")]
    [InlineData("CE123456D")]
    [InlineData("JG103759A")]
    [InlineData("NA123456B")]
    [InlineData("ZY000000A")]
    [InlineData("OA123456A")] // O is barred only as the second letter
    public void IsValidFormat_accepts_issuable_numbers(string value)
    {
        Assert.True(Nino.IsValidFormat(value));
        Assert.True(Nino.IsValidFormat(value, allowSyntheticPrefix: true));
    }

    [Theory]
    [InlineData("DA123456A")] // first letter D
    [InlineData("FA123456A")]
    [InlineData("IA123456A")]
    [InlineData("QA123456A")]
    [InlineData("UA123456A")]
    [InlineData("VA123456A")]
    [InlineData("AD123456A")] // second letter D
    [InlineData("AF123456A")]
    [InlineData("AI123456A")]
    [InlineData("AO123456A")]
    [InlineData("AQ123456A")]
    [InlineData("AU123456A")]
    [InlineData("AV123456A")]
    [InlineData("BG123456A")] // never-issued prefixes
    [InlineData("GB123456A")]
    [InlineData("KN123456A")]
    [InlineData("NK123456A")]
    [InlineData("NT123456A")]
    [InlineData("TN123456A")]
    [InlineData("ZZ123456A")]
    [InlineData("AB123456E")] // suffix outside A-D
    [InlineData("AB123456")]  // no suffix
    [InlineData("AB12345CC")] // letter among the digits
    [InlineData("ab123456c")] // not normalised
    [InlineData("AB 123456C")]
    [InlineData(null)]
    public void IsValidFormat_rejects_malformed_or_never_issued_numbers(string? value)
    {
        Assert.False(Nino.IsValidFormat(value));
    }

    [Theory]
    [InlineData("QQ123456C")]
    [InlineData("QA123456A")]
    [InlineData("QZ999999D")]
    public void Synthetic_Q_prefixes_are_valid_only_when_allowed(string value)
    {
        Assert.False(Nino.IsValidFormat(value));
        Assert.True(Nino.IsValidFormat(value, allowSyntheticPrefix: true));
    }

    [Theory]
    [InlineData("QQ123456E")]
    [InlineData("Q1123456A")]
    [InlineData("DA123456A")]
    [InlineData("BG123456A")]
    public void Allowing_synthetic_prefixes_does_not_relax_other_rules(string value)
    {
        Assert.False(Nino.IsValidFormat(value, allowSyntheticPrefix: true));
    }
}
