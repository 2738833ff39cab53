using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Blocking.Phonetics;

/// <summary>
/// American Soundex (the U.S. National Archives rules), giving the same codes as Python jellyfish
/// <c>soundex</c>: the first character upper-cased, then up to three digits for the following
/// consonants, padded with '0' ("Robert" → "R163", "Tymczak" → "T522", "Ashcraft" → "A261").
/// </summary>
/// <remarks>
/// Digits: BFPV → 1, CGJKQSXZ → 2, DT → 3, L → 4, MN → 5, R → 6. A consonant with the same digit
/// as the previous coded letter is skipped, also across H and W ("Ashcraft"), but not across a
/// vowel or any other character ("Tymczak"). The first letter suppresses a following letter with
/// its digit ("Pfister" → "P236"). Accented letters fold first (é → E); ß folds to "SS" and
/// Æ to "AE" as in <see cref="NameStandardiser"/>. Like jellyfish, the first character is kept even
/// when it is not a letter: standardise names before encoding.
/// </remarks>
public static class Soundex
{
    /// <summary>Encodes a name as a four-character Soundex code.</summary>
    /// <param name="name">The name; case and accents do not matter.</param>
    /// <returns>The code, e.g. "R163"; "" for an empty name.</returns>
    public static string Encode(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return string.Empty;
        }

        Span<char> code = stackalloc char[4];
        int count = 0;
        char last = '\0';
        foreach (char original in name)
        {
            string? multi = TextFolding.Fold(original, out char single);
            if (multi is null)
            {
                Step(single, code, ref count, ref last);
            }
            else
            {
                foreach (char c in multi)
                {
                    Step(c, code, ref count, ref last);
                }
            }

            if (count == 4)
            {
                break;
            }
        }

        if (count == 0)
        {
            // Only combining marks: jellyfish would return the mark itself; nothing useful to code.
            return string.Empty;
        }

        code[count..].Fill('0');
        return new string(code);
    }

    private static void Step(char lower, Span<char> code, ref int count, ref char last)
    {
        if (count == 4)
        {
            return;
        }

        char digit = DigitOf(lower);
        if (count == 0)
        {
            code[0] = char.ToUpperInvariant(lower);
            count = 1;
            last = digit;
            return;
        }

        if (digit != '\0')
        {
            if (digit != last)
            {
                code[count++] = digit;
            }

            last = digit;
        }
        else if (lower is not ('h' or 'w'))
        {
            // Vowels (and anything else) separate two consonants with the same digit; H and W do not.
            last = '\0';
        }
    }

    private static char DigitOf(char lower) => lower switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '\0',
    };
}
