namespace Adrn.Learning.Training;

/// <summary>
/// Platt scaling: P(match | score s) = 1 / (1 + exp(A·s + B)), fitted by Newton's method with backtracking on the
/// regularised targets of Platt (1999) — (N+ + 1)/(N+ + 2) for matches and 1/(N- + 2) for non-matches — following
/// the numerically careful formulation of Lin, Lin and Weng (2007).
/// </summary>
/// <param name="A">Slope (negative when higher scores mean matches).</param>
/// <param name="B">Offset.</param>
public sealed record PlattCalibration(double A, double B)
{
    /// <summary>Calibrated probability of a raw score.</summary>
    /// <param name="score">Raw classifier score.</param>
    /// <returns>Probability in (0, 1).</returns>
    public double Probability(double score)
    {
        var f = A * score + B;
        // Written two ways so neither exp overflows.
        return f >= 0 ? Math.Exp(-f) / (1 + Math.Exp(-f)) : 1 / (1 + Math.Exp(f));
    }

    /// <summary>Fits A and B.</summary>
    /// <param name="scores">Raw scores.</param>
    /// <param name="labels">True for matches.</param>
    /// <returns>The calibration.</returns>
    /// <exception cref="ArgumentException">The inputs differ in length or hold only one class.</exception>
    public static PlattCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels", nameof(labels));
        double pos = 0, neg = 0;
        foreach (var l in labels)
        {
            if (l) pos++;
            else neg++;
        }

        if (pos == 0 || neg == 0) throw new ArgumentException($"calibration needs both matches and non-matches (got {pos} and {neg})", nameof(labels));
        var hi = (pos + 1) / (pos + 2);
        var lo = 1 / (neg + 2);
        var n = scores.Length;
        double a = 0, b = Math.Log((neg + 1) / (pos + 1));
        double Objective(ReadOnlySpan<double> s, ReadOnlySpan<bool> y, double aa, double bb)
        {
            double f = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var t = y[i] ? hi : lo;
                var fi = s[i] * aa + bb;
                f += fi >= 0 ? t * fi + Math.Log(1 + Math.Exp(-fi)) : (t - 1) * fi + Math.Log(1 + Math.Exp(fi));
            }

            return f;
        }

        var fval = Objective(scores, labels, a, b);
        const double sigma = 1e-12;
        for (var iter = 0; iter < 100; iter++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < n; i++)
            {
                var t = labels[i] ? hi : lo;
                var fi = scores[i] * a + b;
                double p, q;
                if (fi >= 0)
                {
                    p = Math.Exp(-fi) / (1 + Math.Exp(-fi));
                    q = 1 / (1 + Math.Exp(-fi));
                }
                else
                {
                    p = 1 / (1 + Math.Exp(fi));
                    q = Math.Exp(fi) / (1 + Math.Exp(fi));
                }

                var d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                var d1 = t - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }

            if (Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5) break;
            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            var gd = g1 * da + g2 * db;
            var step = 1.0;
            var improved = false;
            while (step >= 1e-10)
            {
                var na = a + step * da;
                var nb = b + step * db;
                var nf = Objective(scores, labels, na, nb);
                if (nf < fval + 1e-4 * step * gd)
                {
                    a = na;
                    b = nb;
                    fval = nf;
                    improved = true;
                    break;
                }

                step /= 2;
            }

            if (!improved) break;
        }

        return new PlattCalibration(a, b);
    }
}
