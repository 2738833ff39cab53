using System.Runtime.CompilerServices;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Comparison.Metrics;

/// <summary>
/// Weighted token-set similarity for company names: the weighted Jaccard index
/// Σ_{t ∈ A∩B} w(t) / Σ_{t ∈ A∪B} w(t) over the distinct tokens of two names, where rare tokens
/// weigh more (inverse document frequency from a <see cref="TokenFrequencyTable"/>). Two names
/// that share "harrow precision" agree far more than two that share only "services".
/// </summary>
/// <remarks>
/// Token order and repeats are ignored. Both sets empty gives 1; exactly one empty gives 0.
/// NOTE: the id-based overload is the hot-loop form: token lists are short (rarely over 8), so the
/// quadratic membership test over spans beats hashing and allocates nothing.
/// </remarks>
public static class TokenSetSimilarity
{
    /// <summary>Weighted Jaccard similarity of two interned token lists.</summary>
    /// <param name="tokensA">Token ids of the first name (repeats allowed, counted once).</param>
    /// <param name="tokensB">Token ids of the second name.</param>
    /// <param name="tokenWeights">Weight of each token id (e.g. <see cref="TokenFrequencyTable.InverseWeightsById"/>); must be positive.</param>
    /// <returns>A similarity in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A token id is outside <paramref name="tokenWeights"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Weighted(ReadOnlySpan<int> tokensA, ReadOnlySpan<int> tokensB, ReadOnlySpan<double> tokenWeights)
    {
        if (tokensA.IsEmpty && tokensB.IsEmpty)
        {
            return 1.0;
        }

        if (tokensA.IsEmpty || tokensB.IsEmpty)
        {
            return 0.0;
        }

        double shared = 0.0;
        double union = 0.0;
        for (int i = 0; i < tokensA.Length; i++)
        {
            int token = tokensA[i];
            if (tokensA[..i].Contains(token))
            {
                continue;
            }

            double weight = WeightOf(token, tokenWeights);
            union += weight;
            if (tokensB.Contains(token))
            {
                shared += weight;
            }
        }

        for (int j = 0; j < tokensB.Length; j++)
        {
            int token = tokensB[j];
            if (tokensB[..j].Contains(token) || tokensA.Contains(token))
            {
                continue;
            }

            union += WeightOf(token, tokenWeights);
        }

        return union > 0.0 ? shared / union : 0.0;
    }

    /// <summary>
    /// Weighted Jaccard similarity of two token lists weighted by <see cref="TokenFrequencyTable.InverseWeight"/>.
    /// Convenient for tests and cold paths; the hot loop should use the id-based overload.
    /// </summary>
    /// <param name="tokensA">Tokens of the first name (e.g. from <see cref="CompanyNameStandardiser.Tokens"/>).</param>
    /// <param name="tokensB">Tokens of the second name.</param>
    /// <param name="frequencies">Document frequencies that define the weights.</param>
    /// <returns>A similarity in [0, 1].</returns>
    public static double Weighted(IReadOnlyList<string> tokensA, IReadOnlyList<string> tokensB, TokenFrequencyTable frequencies)
    {
        ArgumentNullException.ThrowIfNull(tokensA);
        ArgumentNullException.ThrowIfNull(tokensB);
        ArgumentNullException.ThrowIfNull(frequencies);
        var setA = new HashSet<string>(tokensA, StringComparer.Ordinal);
        var setB = new HashSet<string>(tokensB, StringComparer.Ordinal);
        if (setA.Count == 0 && setB.Count == 0)
        {
            return 1.0;
        }

        if (setA.Count == 0 || setB.Count == 0)
        {
            return 0.0;
        }

        double shared = 0.0;
        double union = 0.0;
        foreach (string token in setA)
        {
            double weight = frequencies.InverseWeight(token);
            union += weight;
            if (setB.Contains(token))
            {
                shared += weight;
            }
        }

        foreach (string token in setB)
        {
            if (!setA.Contains(token))
            {
                union += frequencies.InverseWeight(token);
            }
        }

        return shared / union;
    }

    private static double WeightOf(int token, ReadOnlySpan<double> tokenWeights)
    {
        if ((uint)token >= (uint)tokenWeights.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(tokenWeights), token, $"Token id {token} has no weight: only {tokenWeights.Length} weights were given.");
        }

        return tokenWeights[token];
    }
}
