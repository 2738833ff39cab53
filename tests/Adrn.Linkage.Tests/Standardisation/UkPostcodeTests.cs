using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

/// <summary>The six postcode shapes and the validation regex are those of docs/standardisation.md and DOMAIN.md.</summary>
public sealed class UkPostcodeTests
{
    [Theory]
    [InlineData("M1 1AE", "M1 1AE", "M1 1", "M1", "M")]            // A9 9AA
    [InlineData("B33 8TH", "B33 8TH", "B33 8", "B33", "B")]        // A99 9AA
    [InlineData("CR2 6XH", "CR2 6XH", "CR2 6", "CR2", "CR")]       // AA9 9AA
    [InlineData("DN55 1PT", "DN55 1PT", "DN55 1", "DN55", "DN")]   // AA99 9AA
    [InlineData("W1A 0AX", "W1A 0AX", "W1A 0", "W1A", "W")]        // A9A 9AA
    [InlineData("EC1A 1BB", "EC1A 1BB", "EC1A 1", "EC1A", "EC")]   // AA9A 9AA
    [InlineData("sw1a1aa", "SW1A 1AA", "SW1A 1", "SW1A", "SW")]
    [InlineData(" SW1A 1AA ", "SW1A 1AA", "SW1A 1", "SW1A", "SW")]
    [InlineData("sw1a  1aa", "SW1A 1AA", "SW1A 1", "SW1A", "SW")]
    [InlineData("m11ae", "M1 1AE", "M1 1", "M1", "M")]
    public void TryParse_accepts_all_six_forms_in_any_case_and_spacing(string raw, string unit, string sector, string district, string area)
    {
        Assert.True(UkPostcode.TryParse(raw, out UkPostcode postcode));
        Assert.Equal(new UkPostcode(unit, sector, district, area), postcode);
        Assert.Equal(unit, UkPostcode.Normalise(raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("SW1A")]          // outward code only
    [InlineData("SW1A 1A")]       // inward code too short
    [InlineData("1A1 1AA")]       // starts with a digit
    [InlineData("SW1A 1CA")]      // C never appears in the unit letters
    [InlineData("SW1A 1AI")]      // nor I
    [InlineData("SW1A 1AK")]      // nor K
    [InlineData("ABC1 1AA")]      // three-letter area
    [InlineData("SW1A1AAA")]      // too long
    [InlineData("SW1AA 1AA")]     // letter then letter after the district digit
    [InlineData("SW1A-1AA")]      // hyphen is not whitespace
    [InlineData("GIR 0AA")]       // non-geographic, outside the regex
    [InlineData("SWAA 1AA")]      // no district digit
    public void TryParse_rejects_invalid_postcodes(string? raw)
    {
        Assert.False(UkPostcode.TryParse(raw, out UkPostcode postcode));
        Assert.Equal(default, postcode);
        Assert.Null(UkPostcode.Normalise(raw));
    }
}
