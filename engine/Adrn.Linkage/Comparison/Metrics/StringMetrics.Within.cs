using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Comparison.Metrics;

public static partial class StringMetrics
{
    /// <summary>
    /// Whether the Levenshtein distance of two strings is at most <paramref name="maxDistance"/>: the same answer as
    /// <c>Levenshtein(a, b) &lt;= maxDistance</c>, computed in a band of 2k+1 diagonals (Ukkonen) that stops as soon
    /// as every cell of a row exceeds k, so pairs that are far apart cost a few cells instead of the whole matrix.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <param name="maxDistance">The bound k (at least 0).</param>
    /// <returns>True when the distance is at most k.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool LevenshteinWithin(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        if (Math.Abs(a.Length - b.Length) > maxDistance) return false;
        TrimCommonAffixes(ref a, ref b);
        if (a.Length == 0 || b.Length == 0) return Math.Max(a.Length, b.Length) <= maxDistance;
        // NOTE: with the common prefix and suffix trimmed, both strings are non-empty and differ at both ends.
        if (maxDistance == 0) return false;
        if (maxDistance == 1) return OneEditApart(a, b, transpositions: false);
        return BandedWithin(a, b, maxDistance);
    }

    /// <summary>
    /// Whether the (unrestricted) Damerau–Levenshtein distance of two strings is at most
    /// <paramref name="maxDistance"/>: the same answer as <c>DamerauLevenshtein(a, b) &lt;= maxDistance</c>. Distance 1
    /// (one edit or one swap of adjacent characters) is decided in one pass; larger bounds use the full distance.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <param name="maxDistance">The bound k (at least 0).</param>
    /// <returns>True when the distance is at most k.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool DamerauLevenshteinWithin(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        if (Math.Abs(a.Length - b.Length) > maxDistance) return false;
        TrimCommonAffixes(ref a, ref b);
        if (a.Length == 0 || b.Length == 0) return Math.Max(a.Length, b.Length) <= maxDistance;
        // NOTE: with the common prefix and suffix trimmed, both strings are non-empty and differ at both ends.
        if (maxDistance == 0) return false;
        if (maxDistance == 1) return OneEditApart(a, b, transpositions: true);
        return DamerauLevenshtein(a, b) <= maxDistance;
    }

    /// <summary>
    /// Distance at most 1 for two non-empty strings whose first and last characters differ (common affixes trimmed):
    /// only a single substitution (both of length 1), a single insertion or deletion (lengths 0 and 1 after trimming,
    /// excluded by the caller, or one character left over), or one swap of the two adjacent characters that are left.
    /// </summary>
    private static bool OneEditApart(ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool transpositions)
    {
        // After trimming, one edit leaves exactly one character on one side and at most one on the other:
        // substitution "x"/"y", deletion "x"/"" (handled by the caller). A swap leaves "xy"/"yx".
        if (a.Length == 1 && b.Length == 1) return true;
        return transpositions && a.Length == 2 && b.Length == 2 && a[0] == b[1] && a[1] == b[0];
    }

    /// <summary>Levenshtein distance at most k, in a band of diagonals; the strings are non-empty.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool BandedWithin(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int k)
    {
        var n = a.Length;
        var m = b.Length;
        var over = k + 1;
        var width = m + 1;
        int[]? rented = null;
        Span<int> buffer = 2 * width <= StackLimit
            ? stackalloc int[2 * width]
            : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(2 * width));
        try
        {
            var prev = buffer[..width];
            var cur = buffer.Slice(width, width);
            prev.Fill(over);
            cur.Fill(over);
            for (var j = 0; j <= Math.Min(m, k); j++) prev[j] = j;
            for (var i = 1; i <= n; i++)
            {
                var lo = Math.Max(1, i - k);
                var hi = Math.Min(m, i + k);
                cur[lo - 1] = lo == 1 && i <= k ? i : over;
                var rowMin = cur[lo - 1];
                var ca = a[i - 1];
                for (var j = lo; j <= hi; j++)
                {
                    var d = prev[j - 1] + (ca == b[j - 1] ? 0 : 1);
                    var up = prev[j] + 1;
                    var left = cur[j - 1] + 1;
                    if (up < d) d = up;
                    if (left < d) d = left;
                    if (d > over) d = over;
                    cur[j] = d;
                    if (d < rowMin) rowMin = d;
                }

                if (rowMin > k) return false;
                var swap = prev;
                prev = cur;
                cur = swap;
            }

            return prev[m] <= k;
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Jaro–Winkler similarity from an already computed Jaro similarity of the same strings: exactly what
    /// <see cref="JaroWinkler(ReadOnlySpan{char}, ReadOnlySpan{char}, double, int)"/> returns (the same arithmetic on the
    /// same value), so levels that use both metrics compute the costly Jaro part once per pair.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <param name="jaro">Their Jaro similarity.</param>
    /// <returns>The Jaro–Winkler similarity with prefix scale 0.1, prefix limit 4 and boost threshold 0.7.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double JaroWinklerFromJaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double jaro)
    {
        if (a.Length == 0 || b.Length == 0) return jaro;
        if (jaro <= DefaultWinklerBoostThreshold) return jaro;
        var limit = Math.Min(Math.Min(a.Length, b.Length), 4);
        var prefix = 0;
        while (prefix < limit && a[prefix] == b[prefix]) prefix++;
        return jaro + (prefix * 0.1 * (1.0 - jaro));
    }
}
