namespace Adrn.Linkage.Comparison.Metrics;

public static partial class StringMetrics
{
    /// <summary>
    /// Jaccard index |A∩B| / |A∪B| of the distinct token ids of two token lists (unweighted; see
    /// <see cref="TokenSetSimilarity"/> for the rarity-weighted form). Both empty gives 1.
    /// </summary>
    /// <param name="tokensA">Interned token ids of the first value; repeats count once.</param>
    /// <param name="tokensB">Interned token ids of the second value.</param>
    /// <returns>A similarity in [0, 1].</returns>
    public static double JaccardTokens(ReadOnlySpan<int> tokensA, ReadOnlySpan<int> tokensB)
    {
        if (tokensA.IsEmpty && tokensB.IsEmpty)
        {
            return 1.0;
        }

        // Quadratic membership tests: token lists are a handful of ids, so this is faster than
        // hashing and needs no allocation.
        int distinctA = 0;
        int shared = 0;
        for (int i = 0; i < tokensA.Length; i++)
        {
            if (tokensA[..i].Contains(tokensA[i]))
            {
                continue;
            }

            distinctA++;
            if (tokensB.Contains(tokensA[i]))
            {
                shared++;
            }
        }

        int distinctB = 0;
        for (int j = 0; j < tokensB.Length; j++)
        {
            if (!tokensB[..j].Contains(tokensB[j]))
            {
                distinctB++;
            }
        }

        return (double)shared / (distinctA + distinctB - shared);
    }
}
