using System.Buffers;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Comparison.Metrics;

public static partial class StringMetrics
{
    /// <summary>
    /// Levenshtein distance: the least number of single-character insertions, deletions and
    /// substitutions that turn <paramref name="a"/> into <paramref name="b"/>.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <returns>A distance in [0, max(|a|, |b|)].</returns>
    [SkipLocalsInit]
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        TrimCommonAffixes(ref a, ref b);
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        // Keep the shorter string along the row so the single row buffer is as small as possible.
        if (b.Length > a.Length)
        {
            ReadOnlySpan<char> swap = a;
            a = b;
            b = swap;
        }

        int width = b.Length + 1;
        int[]? rented = null;
        Span<int> row = width <= StackLimit
            ? stackalloc int[StackLimit]
            : (rented = ArrayPool<int>.Shared.Rent(width));
        row = row[..width];

        try
        {
            for (int j = 0; j < width; j++)
            {
                row[j] = j;
            }

            // One row, updated left to right; `diagonal` carries the previous row's value at j-1,
            // so the full matrix is never stored.
            for (int i = 1; i <= a.Length; i++)
            {
                int diagonal = row[0];
                row[0] = i;
                char ca = a[i - 1];
                for (int j = 1; j < width; j++)
                {
                    int above = row[j];
                    int cost = ca == b[j - 1] ? 0 : 1;
                    row[j] = Math.Min(Math.Min(above + 1, row[j - 1] + 1), diagonal + cost);
                    diagonal = above;
                }
            }

            return row[width - 1];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Optimal string alignment distance (restricted Damerau–Levenshtein): Levenshtein edits plus
    /// transposition of two adjacent characters, with no substring edited more than once
    /// (so "CA" → "ABC" is 3, not 2). As R <c>stringdist(method = "osa")</c>.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <returns>A distance in [0, max(|a|, |b|)].</returns>
    [SkipLocalsInit]
    public static int OptimalStringAlignment(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        TrimCommonAffixes(ref a, ref b);
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        int width = b.Length + 1;
        int[]? rented = null;
        Span<int> rows = 3 * width <= StackLimit
            ? stackalloc int[StackLimit]
            : (rented = ArrayPool<int>.Shared.Rent(3 * width));

        try
        {
            // Three rolling rows (i-2, i-1, i): the transposition looks two rows back, nothing older.
            Span<int> twoBack = rows.Slice(0, width);
            Span<int> previous = rows.Slice(width, width);
            Span<int> current = rows.Slice(2 * width, width);
            for (int j = 0; j < width; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                char ca = a[i - 1];
                for (int j = 1; j < width; j++)
                {
                    char cb = b[j - 1];
                    int cost = ca == cb ? 0 : 1;
                    int best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb)
                    {
                        best = Math.Min(best, twoBack[j - 2] + 1);
                    }

                    current[j] = best;
                }

                // Rotate the rows without copying.
                Span<int> recycled = twoBack;
                twoBack = previous;
                previous = current;
                current = recycled;
            }

            return previous[width - 1];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Unrestricted Damerau–Levenshtein distance (Lowrance–Wagner): Levenshtein edits plus
    /// transpositions of adjacent characters, where transposed characters may be edited again
    /// (so "CA" → "ABC" is 2). As Python jellyfish <c>damerau_levenshtein_distance</c> and
    /// R <c>stringdist(method = "dl")</c>.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <returns>A distance in [0, max(|a|, |b|)].</returns>
    [SkipLocalsInit]
    public static int DamerauLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        TrimCommonAffixes(ref a, ref b);
        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        int n = a.Length;
        int m = b.Length;
        int width = m + 2;
        int cells = (n + 2) * width;
        // Scratch: the (n+2)×(m+2) matrix, then the alphabet index of every character of a and b,
        // then `lastRow` per distinct character of a. The algorithm needs the whole matrix because
        // a transposition can reach back to any earlier row.
        int needed = cells + n + m + n;
        int[]? rented = null;
        Span<int> scratch = needed <= StackLimit * 4
            ? stackalloc int[StackLimit * 4]
            : (rented = ArrayPool<int>.Shared.Rent(needed));

        try
        {
            Span<int> d = scratch[..cells];
            Span<int> symbolA = scratch.Slice(cells, n);
            Span<int> symbolB = scratch.Slice(cells + n, m);
            Span<int> lastRow = scratch.Slice(cells + n + m, n);

            // Map characters to small dense ids (ids of a's distinct characters; -1 for characters
            // only in b) so `lastRow` is a tiny array instead of a dictionary over all of UTF-16.
            int distinct = 0;
            for (int i = 0; i < n; i++)
            {
                int id = -1;
                for (int p = 0; p < i; p++)
                {
                    if (a[p] == a[i])
                    {
                        id = symbolA[p];
                        break;
                    }
                }

                symbolA[i] = id >= 0 ? id : distinct++;
            }

            for (int j = 0; j < m; j++)
            {
                int id = -1;
                int at = a.IndexOf(b[j]);
                if (at >= 0)
                {
                    id = symbolA[at];
                }

                symbolB[j] = id;
            }

            lastRow[..distinct].Clear();

            int infinity = n + m;
            d[0] = infinity;
            for (int i = 0; i <= n; i++)
            {
                d[((i + 1) * width) + 0] = infinity;
                d[((i + 1) * width) + 1] = i;
            }

            for (int j = 0; j <= m; j++)
            {
                d[j + 1] = infinity;
                d[width + j + 1] = j;
            }

            for (int i = 1; i <= n; i++)
            {
                int lastMatchColumn = 0;
                char ca = a[i - 1];
                for (int j = 1; j <= m; j++)
                {
                    int symbol = symbolB[j - 1];
                    int i1 = symbol >= 0 ? lastRow[symbol] : 0;
                    int j1 = lastMatchColumn;
                    int cost = 1;
                    if (ca == b[j - 1])
                    {
                        cost = 0;
                        lastMatchColumn = j;
                    }

                    int substitute = d[(i * width) + j] + cost;
                    int insert = d[((i + 1) * width) + j] + 1;
                    int delete = d[(i * width) + j + 1] + 1;
                    int transpose = d[(i1 * width) + j1] + (i - i1 - 1) + 1 + (j - j1 - 1);
                    d[((i + 1) * width) + j + 1] = Math.Min(Math.Min(substitute, insert), Math.Min(delete, transpose));
                }

                lastRow[symbolA[i - 1]] = i;
            }

            return d[((n + 1) * width) + m + 1];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Drops the common prefix and suffix: they never change an edit distance, and name pairs
    /// that differ by one typo usually share most of their characters, so the matrix shrinks a lot.
    /// </summary>
    private static void TrimCommonAffixes(ref ReadOnlySpan<char> a, ref ReadOnlySpan<char> b)
    {
        int prefix = a.CommonPrefixLength(b);
        a = a[prefix..];
        b = b[prefix..];
        int suffix = 0;
        int limit = Math.Min(a.Length, b.Length);
        while (suffix < limit && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        a = a[..^suffix];
        b = b[..^suffix];
    }
}
