namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Employer PAYE references (<c>123/AB56789</c>: a tax-office number, a slash and the employer's reference) split into
/// their two parts, so that blocking and comparison can use each part alone: a reference keyed without its office
/// number, or with a digit of it missing, still agrees on the reference part.
/// </summary>
public static class PayeReference
{
    /// <summary>
    /// Splits a PAYE reference. Whitespace is ignored and letters are upper-cased. With a slash, the office is what
    /// precedes it and the reference what follows; without one, a leading run of digits followed by a letter is the
    /// office and the rest the reference ("123AB56789"), and a value that starts with a letter is a reference with no
    /// office ("AB56789").
    /// </summary>
    /// <param name="value">The recorded value; may be null.</param>
    /// <returns>The office (digits only, null when absent or not digits) and the reference (null when absent).</returns>
    public static (string? Office, string? Reference) Split(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, null);
        Span<char> buffer = value.Length <= 64 ? stackalloc char[64] : new char[value.Length];
        var length = 0;
        foreach (var c in value)
            if (!char.IsWhiteSpace(c)) buffer[length++] = char.ToUpperInvariant(c);
        var text = buffer[..length];
        var slash = text.IndexOf('/');
        int officeEnd, referenceStart;
        if (slash >= 0)
        {
            officeEnd = slash;
            referenceStart = slash + 1;
        }
        else
        {
            var digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
            if (digits == text.Length) return (digits == 0 ? null : new string(text), null);
            officeEnd = referenceStart = digits;
        }

        var office = text[..officeEnd];
        var reference = text[referenceStart..];
        return (IsDigits(office) ? new string(office) : null, reference.IsEmpty ? null : new string(reference));
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
