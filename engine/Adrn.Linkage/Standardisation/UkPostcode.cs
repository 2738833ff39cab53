using System.Diagnostics.CodeAnalysis;

namespace Adrn.Linkage.Standardisation;

/// <summary>
/// A valid UK postcode split into the levels that comparisons use, from the most to the least
/// precise: unit "SW1A 1AA", sector "SW1A 1", district "SW1A" (the outward code), area "SW".
/// </summary>
/// <param name="Unit">The full postcode in canonical form: upper case, one space before the inward code.</param>
/// <param name="Sector">Outward code, space, and the sector digit of the inward code.</param>
/// <param name="District">The outward code (area plus district).</param>
/// <param name="Area">The one or two leading letters.</param>
/// <remarks>
/// Accepted shapes are the six forms A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA and AA9A 9AA,
/// i.e. the regular expression <c>[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}</c> after folding
/// case and removing all whitespace. Letters are not corrected (O and 0 are not swapped) and the
/// non-geographic "GIR 0AA" is rejected: a wrong correction would create a false agreement.
/// </remarks>
public readonly record struct UkPostcode(string Unit, string Sector, string District, string Area)
{
    /// <summary>Parses a postcode in any case and spacing (" sw1a1aa " → "SW1A 1AA").</summary>
    /// <param name="raw">The postcode as recorded; may be null.</param>
    /// <param name="postcode">The parsed postcode, or default when parsing fails.</param>
    /// <returns>true when <paramref name="raw"/> is a validly shaped UK postcode.</returns>
    public static bool TryParse(string? raw, out UkPostcode postcode)
    {
        postcode = default;
        if (raw is null)
        {
            return false;
        }

        // Longest valid form is 7 characters without spaces; anything longer is rejected while
        // copying, so the buffer never overflows.
        Span<char> compact = stackalloc char[7];
        int length = 0;
        foreach (char c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (length == compact.Length)
            {
                return false;
            }

            compact[length++] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        }

        if (length < 5)
        {
            return false;
        }

        int outwardLength = length - 3;
        ReadOnlySpan<char> outward = compact[..outwardLength];
        ReadOnlySpan<char> inward = compact.Slice(outwardLength, 3);
        if (!IsValidOutward(outward, out int areaLength) || !IsValidInward(inward))
        {
            return false;
        }

        string district = new(outward);
        string unit = string.Concat(district, " ", inward);
        postcode = new UkPostcode(unit, unit[..(outwardLength + 2)], district, district[..areaLength]);
        return true;
    }

    /// <summary>The canonical form of a postcode ("SW1A 1AA"), or null when it is missing or invalid.</summary>
    /// <param name="raw">The postcode as recorded; may be null.</param>
    /// <returns>The unit in canonical form, or null.</returns>
    public static string? Normalise(string? raw) => TryParse(raw, out UkPostcode postcode) ? postcode.Unit : null;

    /// <summary>The canonical unit, e.g. "SW1A 1AA".</summary>
    /// <returns><see cref="Unit"/>.</returns>
    public override string ToString() => Unit;

    // Outward code: [A-Z]{1,2} \d [A-Z\d]?  (2 to 4 characters).
    private static bool IsValidOutward(ReadOnlySpan<char> outward, out int areaLength)
    {
        areaLength = 0;
        while (areaLength < outward.Length && areaLength < 2 && IsUpperLetter(outward[areaLength]))
        {
            areaLength++;
        }

        if (areaLength == 0)
        {
            return false;
        }

        int rest = outward.Length - areaLength;
        if (rest is < 1 or > 2 || !char.IsAsciiDigit(outward[areaLength]))
        {
            return false;
        }

        return rest == 1 || IsUpperLetter(outward[areaLength + 1]) || char.IsAsciiDigit(outward[areaLength + 1]);
    }

    // Inward code: \d [ABD-HJLNP-UW-Z]{2}  (C, I, K, M, O, V never appear in the unit letters).
    private static bool IsValidInward(ReadOnlySpan<char> inward)
        => char.IsAsciiDigit(inward[0]) && IsUnitLetter(inward[1]) && IsUnitLetter(inward[2]);

    private static bool IsUpperLetter(char c) => c is >= 'A' and <= 'Z';

    private static bool IsUnitLetter(char c) => IsUpperLetter(c) && c is not ('C' or 'I' or 'K' or 'M' or 'O' or 'V');
}
