using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Comparison.Metrics;

public static partial class StringMetrics
{
    /// <summary>The Jaro similarity below or at which <see cref="JaroWinkler(ReadOnlySpan{char}, ReadOnlySpan{char}, double, int)"/> adds no prefix boost (Winkler 1990; jellyfish, Splink/DuckDB).</summary>
    public const double DefaultWinklerBoostThreshold = 0.7;

    /// <summary>
    /// Jaro similarity of two strings, in [0, 1]: 1 for identical strings (including two empty
    /// strings), 0 when no character matches or exactly one string is empty.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <returns>(m/|a| + m/|b| + (m − t)/m) / 3, with m matching characters inside the window
    /// max(|a|,|b|)/2 − 1 and t = ⌊(matches out of order) / 2⌋, as Python jellyfish, Winkler's
    /// strcmp95 and Splink (R stringdist does not floor t).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        return JaroCore(a, b);
    }

    /// <summary>
    /// Jaro–Winkler similarity, in [0, 1]: the Jaro similarity <c>j</c> raised by
    /// <c>ℓ · prefixScale · (1 − j)</c> where ℓ is the length of the common prefix (at most
    /// <paramref name="maxPrefix"/>), applied only when <c>j</c> exceeds
    /// <see cref="DefaultWinklerBoostThreshold"/> (0.7). This is the definition of Python
    /// jellyfish <c>jaro_winkler_similarity</c> and of Splink's <c>jaro_winkler</c> (DuckDB).
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <param name="prefixScale">Winkler's scaling factor p; 0 ≤ p ≤ 1/maxPrefix keeps the result in [0, 1]. Default 0.1.</param>
    /// <param name="maxPrefix">Longest common prefix that is rewarded. Default 4.</param>
    /// <returns>The similarity; both strings empty gives 1.</returns>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double prefixScale = 0.1, int maxPrefix = 4)
        => JaroWinkler(a, b, prefixScale, maxPrefix, DefaultWinklerBoostThreshold);

    /// <summary>
    /// Jaro–Winkler similarity with an explicit boost threshold: the prefix boost applies only when
    /// the Jaro similarity is strictly greater than <paramref name="boostThreshold"/>. Pass 0 to
    /// boost every pair that is not already identical, as R <c>stringdist(method = "jw", bt = 0)</c>.
    /// </summary>
    /// <param name="a">First string.</param>
    /// <param name="b">Second string.</param>
    /// <param name="prefixScale">Winkler's scaling factor p (usually 0.1).</param>
    /// <param name="maxPrefix">Longest common prefix that is rewarded (usually 4).</param>
    /// <param name="boostThreshold">Jaro similarity at or below which no boost is added, in [0, 1].</param>
    /// <returns>The similarity, in [0, 1] when 0 ≤ prefixScale · maxPrefix ≤ 1.</returns>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double prefixScale, int maxPrefix, double boostThreshold)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        double jaro = JaroCore(a, b);
        if (jaro <= boostThreshold)
        {
            return jaro;
        }

        int limit = Math.Min(Math.Min(a.Length, b.Length), maxPrefix);
        int prefix = 0;
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * prefixScale * (1.0 - jaro));
    }

    /// <summary>Jaro similarity of two non-empty strings.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double JaroCore(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Identical strings are common in real data (exact agreement) and need no window scan.
        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        if (a.Length <= 64 && b.Length <= 64)
        {
            return JaroShort(a, b);
        }

        int total = a.Length + b.Length;
        byte[]? rented = null;
        // One flag buffer for both strings: flags of a in [0, |a|), flags of b in [|a|, |a|+|b|).
        // Bytes rather than bools so the clear below is a plain memset; SkipLocalsInit stops the
        // runtime zeroing the block before that clear.
        Span<byte> flags = total <= StackLimit * 4
            ? stackalloc byte[total]
            : (rented = ArrayPool<byte>.Shared.Rent(total));
        flags = flags[..total];
        flags.Clear();
        Span<byte> flagsA = flags[..a.Length];
        Span<byte> flagsB = flags[a.Length..];

        try
        {
            int window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
            int m = 0;

            // Each character of a takes the first unflagged equal character of b inside its window;
            // a plain nested loop beats any index structure for name-length strings.
            for (int i = 0; i < a.Length; i++)
            {
                char c = a[i];
                int lo = Math.Max(0, i - window);
                int hi = Math.Min(i + window + 1, b.Length);
                for (int j = lo; j < hi; j++)
                {
                    if (flagsB[j] == 0 && b[j] == c)
                    {
                        flagsA[i] = 1;
                        flagsB[j] = 1;
                        m++;
                        break;
                    }
                }
            }

            if (m == 0)
            {
                return 0.0;
            }

            // Walk the matched characters of both strings in order; each disagreement is half a
            // transposition.
            int halfTranspositions = 0;
            int k = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (flagsA[i] == 0)
                {
                    continue;
                }

                while (flagsB[k] == 0)
                {
                    k++;
                }

                if (a[i] != b[k])
                {
                    halfTranspositions++;
                }

                k++;
            }

            double md = m;
            int t = halfTranspositions / 2;
            return ((md / a.Length) + (md / b.Length) + ((m - t) / md)) / 3.0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Jaro for strings of at most 64 characters (every name, almost every company name): the
    /// "already matched" flags of each string fit in one 64-bit word, so there is no buffer to
    /// clear and the transposition walk jumps from match to match with trailing-zero counts.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double JaroShort(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        ulong flagsA = 0;
        ulong flagsB = 0;
        int m = 0;

        // NOTE: for ASCII strings (names, company names, references) each character of a finds its partner in b with
        // bit operations: positions[c] holds the positions of c in b, so "the first unmatched c inside the window" is
        // the lowest set bit of positions[c] & window & ~flagsB. Same matches as the scan below, in O(|a| + |b|).
        Span<ulong> positions = stackalloc ulong[128];
        var ascii = true;
        for (int j = 0; j < b.Length; j++)
        {
            if (b[j] >= 128)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            // A 1 KB clear (a few vector stores) is cheaper than tracking which entries b touched.
            positions.Clear();
            for (int j = 0; j < b.Length; j++) positions[b[j]] |= 1UL << j;
            for (int i = 0; i < a.Length; i++)
            {
                char c = a[i];
                if (c >= 128) continue;
                int lo = Math.Max(0, i - window);
                int hi = Math.Min(i + window + 1, b.Length);
                if (lo >= hi) continue;
                // Bits lo..hi-1 set (hi <= 64).
                ulong inWindow = (hi == 64 ? ulong.MaxValue : (1UL << hi) - 1) & ~((1UL << lo) - 1);
                ulong candidates = positions[c] & inWindow & ~flagsB;
                if (candidates == 0) continue;
                int j = BitOperations.TrailingZeroCount(candidates);
                flagsA |= 1UL << i;
                flagsB |= 1UL << j;
                m++;
            }

            return JaroFromFlags(a, b, m, flagsA, flagsB);
        }

        for (int i = 0; i < a.Length; i++)
        {
            char c = a[i];
            int lo = Math.Max(0, i - window);
            int hi = Math.Min(i + window + 1, b.Length);
            for (int j = lo; j < hi; j++)
            {
                // Character test first: it fails far more often than the flag test.
                if (b[j] == c && (flagsB & (1UL << j)) == 0)
                {
                    flagsA |= 1UL << i;
                    flagsB |= 1UL << j;
                    m++;
                    break;
                }
            }
        }

        return JaroFromFlags(a, b, m, flagsA, flagsB);
    }

    /// <summary>The Jaro similarity from the match flags of both strings (at most 64 characters each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double JaroFromFlags(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int m, ulong flagsA, ulong flagsB)
    {
        if (m == 0)
        {
            return 0.0;
        }

        // Both flag words hold exactly m set bits; pair them off in order.
        int halfTranspositions = 0;
        while (flagsA != 0)
        {
            if (a[BitOperations.TrailingZeroCount(flagsA)] != b[BitOperations.TrailingZeroCount(flagsB)])
            {
                halfTranspositions++;
            }

            flagsA &= flagsA - 1;
            flagsB &= flagsB - 1;
        }

        double md = m;
        int t = halfTranspositions / 2;
        return ((md / a.Length) + (md / b.Length) + ((m - t) / md)) / 3.0;
    }
}
