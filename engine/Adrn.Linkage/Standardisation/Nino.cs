namespace Adrn.Linkage.Standardisation;

/// <summary>
/// National Insurance numbers: normalisation and format validation.
/// </summary>
/// <remarks>
/// <para>
/// A valid NINO is two prefix letters, six digits and a suffix letter A–D ("AB123456C"). The first
/// letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V; and the prefixes
/// BG, GB, KN, NK, NT, TN and ZZ are never issued.
/// </para>
/// <para>
/// NOTE: the synthetic population deliberately uses prefixes that start with Q, which HMRC never
/// issues, so that no generated number can be a real person's. Linkage of synthetic data
/// therefore validates with <c>IsValidFormat(value, allowSyntheticPrefix: true)</c>, which accepts
/// Q followed by any letter; production data should use the strict overload.
/// </para>
/// </remarks>
public static class Nino
{
    /// <summary>Upper-cases and removes all whitespace ("ab 12 34 56 c" → "AB123456C").</summary>
    /// <param name="raw">The number as recorded; may be null.</param>
    /// <returns>The normalised text, or null when <paramref name="raw"/> is null or blank. The result is not validated.</returns>
    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        Span<char> buffer = raw.Length <= 64 ? stackalloc char[64] : new char[raw.Length];
        int length = 0;
        foreach (char c in raw)
        {
            if (!char.IsWhiteSpace(c))
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>Whether a normalised value has the format of an issuable NINO (strict rules).</summary>
    /// <param name="normalised">A value from <see cref="Normalise"/>; may be null.</param>
    /// <returns>true for a well-formed, issuable number.</returns>
    public static bool IsValidFormat(string? normalised) => IsValidFormat(normalised, allowSyntheticPrefix: false);

    /// <summary>
    /// Whether a normalised value has the format of a NINO, optionally also accepting the
    /// never-issued Q prefixes that the synthetic data uses.
    /// </summary>
    /// <param name="normalised">A value from <see cref="Normalise"/>; may be null.</param>
    /// <param name="allowSyntheticPrefix">Accept a prefix of Q followed by any letter A–Z (synthetic data only).</param>
    /// <returns>true for a well-formed number.</returns>
    public static bool IsValidFormat(string? normalised, bool allowSyntheticPrefix)
    {
        if (normalised is null || normalised.Length != 9)
        {
            return false;
        }

        char first = normalised[0];
        char second = normalised[1];
        if (!IsUpperLetter(first) || !IsUpperLetter(second))
        {
            return false;
        }

        for (int i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(normalised[i]))
            {
                return false;
            }
        }

        if (normalised[8] is < 'A' or > 'D')
        {
            return false;
        }

        if (allowSyntheticPrefix && first == 'Q')
        {
            return true;
        }

        if (first is 'D' or 'F' or 'I' or 'Q' or 'U' or 'V')
        {
            return false;
        }

        if (second is 'D' or 'F' or 'I' or 'O' or 'Q' or 'U' or 'V')
        {
            return false;
        }

        ReadOnlySpan<char> prefix = normalised.AsSpan(0, 2);
        return !(prefix is "BG" or "GB" or "KN" or "NK" or "NT" or "TN" or "ZZ");
    }

    private static bool IsUpperLetter(char c) => c is >= 'A' and <= 'Z';
}
