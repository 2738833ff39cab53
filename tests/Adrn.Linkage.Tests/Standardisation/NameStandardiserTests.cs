using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

/// <summary>Expected values follow the rules in docs/standardisation.md (person names).</summary>
public sealed class NameStandardiserTests
{
    [Theory]
    [InlineData("SMITH", "smith")]
    [InlineData("  Mary   Jane ", "mary jane")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("D\u2019Arcy", "darcy")]
    [InlineData("Smith-Jones", "smith jones")]
    [InlineData("St. John", "st john")]
    [InlineData("José", "jose")]
    [InlineData("Jose\u0301", "jose")]
    [InlineData("Zoë", "zoe")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Strauß", "strauss")]
    [InlineData("Æthelred", "aethelred")]
    [InlineData("Ó Súilleabháin", "o suilleabhain")]
    [InlineData("van  der\tBerg", "van der berg")]
    [InlineData("Smith (nee Jones)", "smith nee jones")]
    [InlineData("ΩMEGA Дмитрий", "ωmega дмитрий")]
    [InlineData("Ｊｏｎｅｓ", "jones")]
    public void Standardise_folds_case_accents_and_punctuation(string raw, string expected)
    {
        Assert.Equal(expected, NameStandardiser.Standardise(raw));
        Assert.Equal(expected, NameStandardiser.Standardise(expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--")]
    [InlineData("'")]
    public void Standardise_returns_null_for_missing_or_empty_names(string? raw)
    {
        Assert.Null(NameStandardiser.Standardise(raw));
    }
}
