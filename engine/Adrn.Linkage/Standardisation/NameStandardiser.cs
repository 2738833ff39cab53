using System.Buffers;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Standardises person names (first names, surnames) for comparison: lower case, accents
/// stripped, apostrophes dropped, other punctuation turned into spaces, whitespace collapsed.
/// </summary>
/// <remarks>
/// Rules, in order (documented in docs/standardisation.md):
/// <list type="number">
/// <item>null, empty or whitespace-only input gives null (a missing value, not an empty name).</item>
/// <item>Letters are lower-cased and accents removed (é → e, ø → o, ß → ss, æ → ae).</item>
/// <item>Apostrophes (' ’ ‘ `) are removed: O'Brien → obrien, D’Arcy → darcy.</item>
/// <item>Every other character that is not a letter or digit (hyphen, full stop, comma, brackets…)
/// becomes a space: Smith-Jones → "smith jones", St. John → "st john".</item>
/// <item>Runs of whitespace collapse to one space; leading and trailing spaces go. If nothing is
/// left the result is null.</item>
/// </list>
/// Titles and nicknames are not touched: they are the job of comparisons, not of standardisation.
/// </remarks>
public static class NameStandardiser
{
    /// <summary>Standardises one person name.</summary>
    /// <param name="raw">The name as recorded; may be null.</param>
    /// <returns>The standardised name, or null when <paramref name="raw"/> holds no letter or digit.</returns>
    public static string? Standardise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return Fold(raw, ampersandAsWord: false);
    }

    /// <summary>
    /// Shared folding of names and company names: case, accents, apostrophes, punctuation,
    /// whitespace. With <paramref name="ampersandAsWord"/>, '&amp;' becomes the word "and".
    /// Full stops are dropped (not spaced) when <paramref name="dropFullStops"/> is set, so that
    /// "L.L.P." folds to "llp".
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string? Fold(string raw, bool ampersandAsWord, bool dropFullStops = false)
    {
        // One input character expands to at most 4 output characters (& -> " and"), so 5x+4 always fits.
        int capacity = (raw.Length * 5) + 4;
        char[]? rented = null;
        Span<char> buffer = capacity <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = 0;
            bool pendingSpace = false;
            foreach (char original in raw)
            {
                string? multi = TextFolding.Fold(original, out char c);
                if (multi is not null)
                {
                    if (multi.Length > 0)
                    {
                        Append(buffer, ref length, ref pendingSpace, multi);
                    }

                    continue;
                }

                if (char.IsLetterOrDigit(c))
                {
                    if (pendingSpace && length > 0)
                    {
                        buffer[length++] = ' ';
                    }

                    pendingSpace = false;
                    buffer[length++] = c;
                }
                else if (c is '\'' or '`' || (dropFullStops && c == '.'))
                {
                    // Dropped without a space: O'Brien -> obrien, L.L.P. -> llp.
                }
                else if (ampersandAsWord && c == '&')
                {
                    pendingSpace = true;
                    Append(buffer, ref length, ref pendingSpace, "and");
                    pendingSpace = true;
                }
                else
                {
                    pendingSpace = true;
                }
            }

            return length == 0 ? null : new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static void Append(Span<char> buffer, ref int length, ref bool pendingSpace, string text)
    {
        if (pendingSpace && length > 0)
        {
            buffer[length++] = ' ';
        }

        pendingSpace = false;
        text.AsSpan().CopyTo(buffer[length..]);
        length += text.Length;
    }
}
