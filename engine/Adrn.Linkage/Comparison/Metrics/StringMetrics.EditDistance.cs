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
            ? stackalloc int[width]
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
            ? stackalloc int[3 * width]
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
        // Scratch: the (n+2)×(m+2) matrix, then for each position j of b the last row i so far with
        // a[i-1] == b[j-1]. The algorithm needs the whole matrix because a transposition can reach
        // back to any earlier row.
        int needed = cells + m;
        int[]? rented = null;
        Span<int> scratch = needed <= StackLimit * 4
            ? stackalloc int[needed]
            : (rented = ArrayPool<int>.Shared.Rent(needed));

        try
        {
            Span<int> d = scratch[..cells];
            // NOTE: Lowrance–Wagner keep "last row where character c occurred in a" in a table over
            // the alphabet. Only the characters of b are ever looked up, so one slot per position
            // of b does the same job with no dictionary and no 64K-entry table: slot j is read
            // once per row and updated in that same step when a[i-1] == b[j-1].
            Span<int> lastRowOfB = scratch.Slice(cells, m);
            lastRowOfB.Clear();

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
                int rowAbove = i * width;
                int row = rowAbove + width;
                for (int j = 1; j <= m; j++)
                {
                    int i1 = lastRowOfB[j - 1];
                    int j1 = lastMatchColumn;
                    int cost = 1;
                    if (ca == b[j - 1])
                    {
                        cost = 0;
                        lastMatchColumn = j;
                        lastRowOfB[j - 1] = i;
                    }

                    int substitute = d[rowAbove + j] + cost;
                    int insert = d[row + j] + 1;
                    int delete = d[rowAbove + j + 1] + 1;
                    int transpose = d[(i1 * width) + j1] + (i - i1 - 1) + 1 + (j - j1 - 1);
                    d[row + j + 1] = Math.Min(Math.Min(substitute, insert), Math.Min(delete, transpose));
                }
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
