using Adrn.Stats.Estimation;
using MathNet.Numerics.Distributions;

namespace Adrn.Stats.LinkageError;

/// <summary>
/// Rubin's rules for combining M analyses of multiply imputed data (Rubin 1987), with the Barnard and Rubin
/// (1999) small-sample degrees of freedom: estimate Q̄ = mean of the estimates, within variance Ū = mean of the
/// squared standard errors, between variance B = variance of the estimates, total T = Ū + (1 + 1/M) B;
/// intervals use Student's t with ν = 1/(1/ν_m + 1/ν_obs), ν_m = (M − 1)/λ², λ = (1 + 1/M) B / T,
/// ν_obs = (ν_c + 1)/(ν_c + 3) ν_c (1 − λ), ν_c the complete-data degrees of freedom.
/// </summary>
public static class RubinsRules
{
    /// <summary>Combines the same term across imputations.</summary>
    /// <param name="term">The term's name.</param>
    /// <param name="estimates">The estimate from each imputation (at least 2).</param>
    /// <param name="standardErrors">Its standard error in each imputation.</param>
    /// <param name="completeDataDf">Complete-data degrees of freedom ν_c.</param>
    /// <param name="confidenceLevel">Confidence level of the interval.</param>
    /// <returns>The combined estimate, the share λ of its variance due to the imputation, and ν.</returns>
    public static (CoefficientEstimate Estimate, double BetweenShare, double Df) Combine(string term, IReadOnlyList<double> estimates,
        IReadOnlyList<double> standardErrors, double completeDataDf, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(standardErrors);
        var m = estimates.Count;
        if (m < 2 || standardErrors.Count != m) throw new ArgumentException("Rubin's rules need at least two imputations with one standard error each.", nameof(estimates));
        var mean = estimates.Average();
        var within = standardErrors.Average(s => s * s);
        var between = estimates.Sum(e => (e - mean) * (e - mean)) / (m - 1);
        var total = within + ((1 + (1.0 / m)) * between);
        var lambda = total > 0 ? (1 + (1.0 / m)) * between / total : 0;
        var df = completeDataDf;
        if (lambda > 0)
        {
            var dfM = (m - 1) / (lambda * lambda);
            var dfObs = (completeDataDf + 1) / (completeDataDf + 3) * completeDataDf * (1 - lambda);
            df = 1 / ((1 / dfM) + (1 / dfObs));
        }

        var se = Math.Sqrt(total);
        var critical = StudentT.InvCDF(0, 1, df, 1 - ((1 - confidenceLevel) / 2));
        var t = mean / se;
        var p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        return (new CoefficientEstimate(term, mean, se, t, p, mean - (critical * se), mean + (critical * se)), lambda, df);
    }
}
