using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Comparison.Metrics;

/// <summary>
/// Rarity-weighted Monge–Elkan similarity of two token lists (Monge &amp; Elkan 1996, with IDF token weights): from name A
/// to name B, the IDF-weighted mean over A's distinct tokens of their best Jaro–Winkler similarity to a token of B,
/// <code>
/// me(A, B) = Σ_{a ∈ A} w(a) · max_{b ∈ B} JW(a, b) / Σ_{a ∈ A} w(a)
/// </code>
/// made symmetric as ½(me(A, B) + me(B, A)). Both empty gives 1, one empty 0. Unlike <see cref="SoftTfidf"/> it gives
/// partial credit to dissimilar tokens, so it separates unrelated names less sharply.
/// </summary>
/// <remarks>NOTE: hot-loop code (value-pair cache misses): no allocation, quadratic in the small token counts.</remarks>
public static class MongeElkan
{
    /// <summary>Monge–Elkan similarity.</summary>
    /// <param name="a">Token ids of the first name.</param>
    /// <param name="b">Token ids of the second name.</param>
    /// <param name="weights">IDF weight per token id (positive).</param>
    /// <param name="tokenText">Text per token id.</param>
    /// <returns>A similarity in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Similarity(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<double> weights, string[] tokenText)
    {
        ArgumentNullException.ThrowIfNull(tokenText);
        if (a.IsEmpty && b.IsEmpty) return 1.0;
        if (a.IsEmpty || b.IsEmpty) return 0.0;
        return 0.5 * (Directed(a, b, weights, tokenText) + Directed(b, a, weights, tokenText));
    }

    private static double Directed(ReadOnlySpan<int> from, ReadOnlySpan<int> to, ReadOnlySpan<double> weights, string[] text)
    {
        double sum = 0.0, total = 0.0;
        for (var i = 0; i < from.Length; i++)
        {
            var x = from[i];
            if (from[..i].Contains(x)) continue;
            var best = 0.0;
            for (var j = 0; j < to.Length && best < 1.0; j++)
            {
                var y = to[j];
                best = Math.Max(best, x == y ? 1.0 : StringMetrics.JaroWinkler(text[x], text[y]));
            }

            sum += weights[x] * best;
            total += weights[x];
        }

        return total > 0 ? sum / total : 0.0;
    }
}
