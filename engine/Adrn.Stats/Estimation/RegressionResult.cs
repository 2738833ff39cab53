using Adrn.Stats.Disclosure;
using Adrn.Stats.Formulas;

namespace Adrn.Stats.Estimation;

/// <summary>
/// A fitted model: coefficients with standard errors, fit statistics, what was dropped, and the
/// output check that must pass before the result leaves the secure environment.
/// </summary>
public sealed class RegressionResult
{
    internal RegressionResult() { }

    /// <summary>The parsed formula.</summary>
    public required Formula Formula { get; init; }

    /// <summary>The coefficient table, in design-matrix order (collinear terms omitted).</summary>
    public required IReadOnlyList<CoefficientEstimate> Coefficients { get; init; }

    /// <summary>The variance–covariance matrix of <see cref="Coefficients"/> (same order).</summary>
    public required double[,] Covariance { get; init; }

    /// <summary>The standard errors used.</summary>
    public required VcovSpec Vcov { get; init; }

    /// <summary>Human-readable standard-error label as fixest prints it, e.g. <c>Clustered (firm)</c>.</summary>
    public required string VcovDescription { get; init; }

    /// <summary>Number of observations used.</summary>
    public required int N { get; init; }

    /// <summary>Observations dropped for a missing or non-finite value (or zero weight) in any variable used.</summary>
    public required int RemovedMissing { get; init; }

    /// <summary>Observations dropped as fixed-effect singletons.</summary>
    public required int RemovedSingletons { get; init; }

    /// <summary>Number of estimated parameters K: regressors plus fixed-effect levels minus one restriction per extra fixed effect.</summary>
    public required int ParameterCount { get; init; }

    /// <summary>Residual degrees of freedom, n − K.</summary>
    public required int ResidualDf { get; init; }

    /// <summary>Degrees of freedom of the t distribution for p-values and intervals (n − K; with clusters the smallest G − 1, as fixest).</summary>
    public required int TDistributionDf { get; init; }

    /// <summary>Clusters per cluster variable of <see cref="Vcov"/> (in its order) in the estimation sample; empty when not clustered.</summary>
    public IReadOnlyList<int> ClusterCounts { get; init; } = [];

    /// <summary>R² (centred; relative to the weighted mean of y).</summary>
    public required double R2 { get; init; }

    /// <summary>Adjusted R²: 1 − (1 − R²)(n − 1)/(n − K).</summary>
    public required double AdjustedR2 { get; init; }

    /// <summary>Within R² (after absorbing the fixed effects); NaN without fixed effects.</summary>
    public required double WithinR2 { get; init; }

    /// <summary>F statistic of all slope coefficients being zero, under iid errors (as fixest prints); NaN if there are no slopes.</summary>
    public required double FStat { get; init; }

    /// <summary>p-value of <see cref="FStat"/>.</summary>
    public required double FPValue { get; init; }

    /// <summary>Root mean squared residual, √(SSR/n).</summary>
    public required double Rmse { get; init; }

    /// <summary>Sum of (weighted) squared residuals.</summary>
    public required double SumSquaredResiduals { get; init; }

    /// <summary>Regressors dropped because they were collinear with earlier ones or with the fixed effects.</summary>
    public required IReadOnlyList<string> DroppedCollinear { get; init; }

    /// <summary>The absorbed fixed effects.</summary>
    public required IReadOnlyList<FixedEffectSummary> FixedEffects { get; init; }

    /// <summary>Accelerated iterations of the slowest fixed-effect projection (0 with at most one fixed effect).</summary>
    public required int FixedEffectIterations { get; init; }

    /// <summary>The weights column, or null.</summary>
    public required string? Weights { get; init; }

    /// <summary>The output disclosure check (residual df at least 10).</summary>
    public required OutputCheck Check { get; init; }

    /// <summary>Returns the row for a term.</summary>
    /// <param name="term">The term name as in <see cref="CoefficientEstimate.Term"/>.</param>
    /// <exception cref="KeyNotFoundException">No such term (it may have been dropped as collinear).</exception>
    public CoefficientEstimate this[string term] =>
        Coefficients.FirstOrDefault(c => c.Term == term)
        ?? throw new KeyNotFoundException(DroppedCollinear.Contains(term)
            ? $"Term '{term}' was dropped as collinear."
            : $"No term '{term}'. Terms: {string.Join(", ", Coefficients.Select(c => c.Term))}.");

    /// <summary>
    /// The same fit reported under another formula and term names: for estimators that fit a transformed design
    /// (Lahiri–Larsen regresses on transformed regressors) and report the coefficients of the original terms.
    /// </summary>
    internal RegressionResult WithTerms(Formula formula, IReadOnlyList<CoefficientEstimate> coefficients) => new()
    {
        Formula = formula, Coefficients = coefficients, Covariance = Covariance, Vcov = Vcov, VcovDescription = VcovDescription,
        N = N, RemovedMissing = RemovedMissing, RemovedSingletons = RemovedSingletons, ParameterCount = ParameterCount,
        ResidualDf = ResidualDf, TDistributionDf = TDistributionDf, R2 = R2, AdjustedR2 = AdjustedR2, WithinR2 = WithinR2,
        FStat = FStat, FPValue = FPValue, Rmse = Rmse, SumSquaredResiduals = SumSquaredResiduals, DroppedCollinear = DroppedCollinear,
        FixedEffects = FixedEffects, FixedEffectIterations = FixedEffectIterations, Weights = Weights, Check = Check,
    };

    /// <summary>The result as a one-model text table (fixest's print layout).</summary>
    public override string ToString() => Tables.ModelTable.Render([this], Tables.TableFormat.Text);
}
