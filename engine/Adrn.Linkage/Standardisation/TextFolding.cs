namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Lower-case, accent-free folding of single characters, shared by the standardisers and the
/// phonetic encoders.
/// </summary>
/// <remarks>
/// NOTE: a fixed table rather than <c>string.Normalize(FormD)</c>: the engine runs with invariant
/// globalization (no ICU), and a table gives the same answer on every machine. It covers Latin-1
/// Supplement and Latin Extended-A (every accented letter in UK, Irish and western/central
/// European names); combining diacritical marks (U+0300–U+036F) fold to nothing, so decomposed
/// input folds like precomposed input; fullwidth ASCII (U+FF01–U+FF5E) folds to ASCII. Other
/// letters are only lower-cased.
/// </remarks>
internal static class TextFolding
{
    // Folded forms of U+00C0..U+00FF, lower case; "" marks the two non-letters (× and ÷).
    private static readonly string[] LatinOneSupplement = (
        "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th ss " +
        "a a a a a a ae c e e e e i i i i d n o o o o o _ o u u u u y th y").Split(' ');

    // Folded forms of U+0100..U+017F (Latin Extended-A), lower case.
    private static readonly string[] LatinExtendedA = (
        "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g g g h h h h " +
        "i i i i i i i i i i ij ij j j k k k l l l l l l l l l l n n n n n n n n n " +
        "o o o o o o oe oe r r r r r r s s s s s s s s t t t t t t " +
        "u u u u u u u u u u u u w w y y y z z z z z z s").Split(' ');

    /// <summary>
    /// Folds <paramref name="c"/> to lower-case ASCII where a folding is known.
    /// </summary>
    /// <param name="c">The character to fold.</param>
    /// <param name="single">The folded character when the folding is one character long.</param>
    /// <returns>
    /// null when the folding is exactly <paramref name="single"/>; "" when the character should be
    /// dropped (combining marks); otherwise the multi-character folding (æ → "ae", ß → "ss").
    /// </returns>
    public static string? Fold(char c, out char single)
    {
        if (c < 0x80)
        {
            single = c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
            return null;
        }

        if (c is >= '\u0300' and <= '\u036F')
        {
            single = '\0';
            return string.Empty;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            // Fullwidth forms of printable ASCII (East Asian keyboards): fold to ASCII first.
            return Fold((char)(c - 0xFEE0), out single);
        }

        string? folded = c switch
        {
            >= '\u00C0' and <= '\u00FF' => LatinOneSupplement[c - 0xC0],
            >= '\u0100' and <= '\u017F' => LatinExtendedA[c - 0x100],
            _ => null,
        };

        if (folded is null)
        {
            single = FoldPunctuation(char.ToLowerInvariant(c));
            return null;
        }

        if (folded == "_")
        {
            single = ' ';
            return null;
        }

        if (folded.Length == 1)
        {
            single = folded[0];
            return null;
        }

        single = '\0';
        return folded;
    }

    /// <summary>Maps typographic punctuation to its ASCII counterpart.</summary>
    private static char FoldPunctuation(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u02BC' or '\u00B4' => '\'',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
        '\u00A0' or '\u2007' or '\u202F' or '\u2009' => ' ',
        _ => c,
    };
}
