using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Comparison.Metrics;

/// <summary>
/// Soft TF-IDF similarity of two token lists (Cohen, Ravikumar &amp; Fienberg 2003, "A comparison of string distance
/// metrics for name-matching tasks"): the cosine of the names' IDF-weighted token vectors, where a token also matches a
/// <em>similar</em> token of the other name. From name A to name B:
/// <code>
/// soft(A, B) = Σ_{a ∈ A, s(a) ≥ θ} v_A(a) · v_B(b*(a)) · s(a),   b*(a) = argmax_{b ∈ B} JW(a, b),   s(a) = JW(a, b*(a))
/// </code>
/// with v_X(t) = w(t) / ‖w_X‖₂ (w = IDF weight; repeats count once) and JW the Jaro–Winkler similarity (equal tokens 1).
/// This implementation is symmetric, ½(soft(A, B) + soft(B, A)), clamped to [0, 1]. Both empty gives 1, one empty 0.
/// </summary>
/// <remarks>
/// NOTE: runs in the comparison hot loop (on a value-pair cache miss). Token lists are short, so token-pair
/// similarities are computed directly: no allocation, quadratic in the (small) token counts.
/// </remarks>
public static class SoftTfidf
{
    /// <summary>Soft TF-IDF similarity.</summary>
    /// <param name="a">Token ids of the first name.</param>
    /// <param name="b">Token ids of the second name.</param>
    /// <param name="weights">IDF weight per token id (positive).</param>
    /// <param name="tokenText">Text per token id.</param>
    /// <param name="tokenThreshold">θ: least Jaro–Winkler similarity of a matching token pair, in [0, 1].</param>
    /// <returns>A similarity in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Similarity(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<double> weights, string[] tokenText, double tokenThreshold)
    {
        ArgumentNullException.ThrowIfNull(tokenText);
        if (a.IsEmpty && b.IsEmpty) return 1.0;
        if (a.IsEmpty || b.IsEmpty) return 0.0;
        var normA = Norm(a, weights);
        var normB = Norm(b, weights);
        var s = 0.5 * (Directed(a, b, weights, tokenText, tokenThreshold, normA, normB) + Directed(b, a, weights, tokenText, tokenThreshold, normB, normA));
        return Math.Clamp(s, 0.0, 1.0);
    }

    private static double Directed(ReadOnlySpan<int> from, ReadOnlySpan<int> to, ReadOnlySpan<double> weights, string[] text, double theta, double normFrom, double normTo)
    {
        var sum = 0.0;
        for (var i = 0; i < from.Length; i++)
        {
            var x = from[i];
            if (from[..i].Contains(x)) continue;
            var best = -1.0;
            var bestToken = -1;
            for (var j = 0; j < to.Length; j++)
            {
                var y = to[j];
                var sim = x == y ? 1.0 : StringMetrics.JaroWinkler(text[x], text[y]);
                if (sim > best)
                {
                    best = sim;
                    bestToken = y;
                    if (sim >= 1.0) break;
                }
            }

            if (best >= theta) sum += weights[x] / normFrom * (weights[bestToken] / normTo) * best;
        }

        return sum;
    }

    private static double Norm(ReadOnlySpan<int> tokens, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[..i].Contains(tokens[i])) continue;
            var w = weights[tokens[i]];
            sum += w * w;
        }

        return Math.Sqrt(sum);
    }
}
