using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

/// <summary>Expected values follow the rules in docs/standardisation.md (company names).</summary>
public sealed class CompanyNameStandardiserTests
{
    [Theory]
    [InlineData("Harrow Precision Engineering Ltd", "harrow precision engineering")]
    [InlineData("HARROW PRECISION ENG. LIMITED", "harrow precision engineering")]
    [InlineData("Harrow Precision Engg", "harrow precision engineering")]
    [InlineData("Smith & Sons Ltd", "smith")]
    [InlineData("Smith and Son", "smith")]
    [InlineData("J. Smith and Co.", "j smith")]
    [InlineData("Acme Services PLC", "acme services")]
    [InlineData("Acme Svcs plc", "acme services")]
    [InlineData("ACME SERVS", "acme services")]
    [InlineData("The Widget Company", "widget")]
    [InlineData("Baker Bros Ltd", "baker brothers")]
    [InlineData("Global Intl Grp Holdings PLC", "global international group holdings")]
    [InlineData("Marks & Spencer p.l.c.", "marks and spencer")]
    [InlineData("Smith Jones L.L.P.", "smith jones")]
    [InlineData("Smith Jones Limited Liability Partnership", "smith jones")]
    [InlineData("Northern Foods Public Limited Company", "northern foods")]
    [InlineData("Co-operative Bank plc", "co operative bank")]
    [InlineData("Company Ltd", "company")]
    [InlineData("Sainsbury's Supermarkets Ltd", "sainsburys supermarkets")]
    [InlineData("Café Nero Ltd", "cafe nero")]
    [InlineData("Ace Mgmt Assoc LLP", "ace management associates")]
    [InlineData("Widget Tech Mfg Ltd", "widget technology manufacturing")]
    [InlineData("Bank of the West Inc.", "bank of west")]
    [InlineData("Limited Editions Ltd", "limited editions")]
    [InlineData("Smith & Co Ltd", "smith")]
    [InlineData("Smith ＆ Jones Ｌｔｄ", "smith and jones")]
    public void Standardise_canonicalises_legal_forms_abbreviations_and_punctuation(string raw, string expected)
    {
        Assert.Equal(expected, CompanyNameStandardiser.Standardise(raw));
        // Standardising a standardised name changes nothing.
        Assert.Equal(expected, CompanyNameStandardiser.Standardise(expected));
    }

    [Theory]
    // Registered names and the abbreviations the synthetic payroll/cohort noise writes for them.
    [InlineData("Harrow Precision Engineering Ltd", "Harrow Prec Eng Ltd")]
    [InlineData("Apex Healthcare Limited", "Apex Health Care")]
    [InlineData("Kestrel Distributors Ltd", "KESTREL DIST")]
    [InlineData("Quantum Technologies Ltd", "Quantum Tech Ltd")]
    [InlineData("Summit Supplies and Co Limited", "Summit Supp & Co Ltd")]
    [InlineData("Atlas Environmental Services Ltd", "Atlas Env Svcs")]
    [InlineData("Beacon Recruitment Solutions Ltd", "Beacon Recruit Soln")]
    [InlineData("Falcon Logistics Group PLC", "Falcon Logs Grp Plc")]
    [InlineData("Smith & Sons Plumbing Ltd", "Smith and Sons Plumbing Limited")]
    public void Abbreviated_and_full_names_of_one_firm_standardise_alike(string full, string abbreviated)
    {
        Assert.Equal(CompanyNameStandardiser.Standardise(full), CompanyNameStandardiser.Standardise(abbreviated));
    }

    [Fact]
    public void Look_alike_firms_that_differ_by_a_qualifier_stay_distinct()
    {
        Assert.NotEqual(
            CompanyNameStandardiser.Standardise("Smith Plumbing Ltd"),
            CompanyNameStandardiser.Standardise("Smith Plumbing Services Ltd"));
        Assert.NotEqual(
            CompanyNameStandardiser.Standardise("Apex Digital UK Limited"),
            CompanyNameStandardiser.Standardise("Apex Digital Limited"));
    }

    [Fact]
    public void Registered_and_payroll_keyed_names_of_one_firm_standardise_alike()
    {
        Assert.Equal(
            CompanyNameStandardiser.Standardise("Harrow Precision Engineering Limited"),
            CompanyNameStandardiser.Standardise("HARROW PRECISION ENG LTD."));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-.,")]
    public void Standardise_returns_null_for_missing_or_punctuation_only_names(string? raw)
    {
        Assert.Null(CompanyNameStandardiser.Standardise(raw));
    }

    [Fact]
    public void Standardise_keeps_the_word_and_for_a_lone_ampersand()
    {
        Assert.Equal("and", CompanyNameStandardiser.Standardise(" & "));
    }

    [Fact]
    public void Tokens_splits_a_standardised_name_in_order()
    {
        Assert.Equal(["harrow", "precision", "engineering"], CompanyNameStandardiser.Tokens("harrow precision engineering"));
        Assert.Empty(CompanyNameStandardiser.Tokens(null));
        Assert.Empty(CompanyNameStandardiser.Tokens("  "));
    }
}
