using Adrn.Linkage.Model;

namespace Adrn.Linkage.Training;

/// <summary>
/// Expectation–maximisation for the Fellegi–Sunter mixture on an agreement-pattern histogram (fastLink style):
/// each iteration touches each distinct pattern once, not each pair, so it costs microseconds even for
/// hundreds of millions of pairs. Comparisons are conditionally independent given match status; a null gamma
/// contributes no evidence.
/// </summary>
public static class ExpectationMaximisation
{
    /// <summary>Runs EM from a starting point.</summary>
    /// <param name="counts">Pattern histogram.</param>
    /// <param name="lambda">Starting proportion of matches (0..1, exclusive).</param>
    /// <param name="m">Starting m by comparison then gamma (copied, not modified).</param>
    /// <param name="u">Starting u by comparison then gamma (copied, not modified).</param>
    /// <param name="active">Per comparison: true to use and estimate it; inactive comparisons are left out of the round entirely (Splink's "held fixed").</param>
    /// <param name="estimateU">True to estimate u too; false keeps u fixed (Splink's default after random sampling).</param>
    /// <param name="maxIterations">Iteration limit.</param>
    /// <param name="tolerance">Stop when the largest parameter change is below this.</param>
    /// <returns>Estimates and the convergence log.</returns>
    public static EmResult Run(AgreementPatternCounts counts, double lambda, double[][] m, double[][] u, bool[] active,
        bool estimateU, int maxIterations = 25, double tolerance = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(active);
        var k = counts.ComparisonCount;
        if (m.Length != k || u.Length != k || active.Length != k)
            throw new ArgumentException($"m, u and active must have one entry per comparison ({k})", nameof(m));
        if (!(lambda > 0 && lambda < 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "must be in (0, 1)");

        var patterns = counts.Counts.Count;
        var gammas = new sbyte[patterns * k];
        var weights = new double[patterns];
        var p = 0;
        // Fixed pattern order (sorted keys) makes the floating-point sums, hence the estimates, reproducible.
        foreach (var key in counts.Counts.Keys.Order())
        {
            for (var c = 0; c < k; c++) gammas[p * k + c] = AgreementPatternCounts.GammaOf(key, c);
            weights[p++] = counts.Counts[key];
        }

        var mm = m.Select(a => (double[])a.Clone()).ToArray();
        var uu = u.Select(a => (double[])a.Clone()).ToArray();
        var mNum = mm.Select(a => new double[a.Length]).ToArray();
        var uNum = uu.Select(a => new double[a.Length]).ToArray();
        var log = new List<TrainingIteration>();
        var converged = false;
        var total = 0.0;
        foreach (var w in weights) total += w;

        for (var it = 1; it <= maxIterations; it++)
        {
            for (var c = 0; c < k; c++)
            {
                Array.Clear(mNum[c]);
                Array.Clear(uNum[c]);
            }

            var matchSum = 0.0;
            for (p = 0; p < patterns; p++)
            {
                double pm = lambda, pu = 1 - lambda;
                var row = p * k;
                for (var c = 0; c < k; c++)
                {
                    var g = gammas[row + c];
                    if (g < 0 || !active[c]) continue;
                    pm *= mm[c][g];
                    pu *= uu[c][g];
                }

                var denom = pm + pu;
                var post = denom > 0 ? pm / denom : 0;
                var wm = weights[p] * post;
                var wu = weights[p] - wm;
                matchSum += wm;
                for (var c = 0; c < k; c++)
                {
                    var g = gammas[row + c];
                    if (g < 0 || !active[c]) continue;
                    mNum[c][g] += wm;
                    uNum[c][g] += wu;
                }
            }

            var maxChange = 0.0;
            var newLambda = total > 0 ? matchSum / total : lambda;
            maxChange = Math.Max(maxChange, Math.Abs(newLambda - lambda));
            lambda = Math.Clamp(newLambda, 1e-12, 1 - 1e-12);
            for (var c = 0; c < k; c++)
            {
                if (!active[c]) continue;
                maxChange = Math.Max(maxChange, Normalise(mNum[c], mm[c]));
                if (estimateU) maxChange = Math.Max(maxChange, Normalise(uNum[c], uu[c]));
            }

            log.Add(new TrainingIteration(it, maxChange, lambda));
            if (maxChange < tolerance)
            {
                converged = true;
                break;
            }
        }

        return new EmResult(lambda, mm, uu, log, converged);
    }

    /// <summary>Writes the normalised numerators into <paramref name="target"/>; returns the largest change.</summary>
    private static double Normalise(double[] numerators, double[] target)
    {
        var sum = 0.0;
        foreach (var x in numerators) sum += x;
        if (sum <= 0) return 0; // no non-null observations: keep the previous values
        var change = 0.0;
        for (var g = 0; g < target.Length; g++)
        {
            var v = numerators[g] / sum;
            change = Math.Max(change, Math.Abs(v - target[g]));
            target[g] = v;
        }

        return change;
    }
}
