using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.LinkageError;

/// <summary>A regression on M multiply imputed link sets, combined by Rubin's rules.</summary>
public sealed class MultipleImputationResult
{
    internal MultipleImputationResult() { }

    /// <summary>The combined coefficients (standard error √T, Barnard–Rubin degrees of freedom).</summary>
    public required IReadOnlyList<CoefficientEstimate> Coefficients { get; init; }

    /// <summary>Per coefficient, λ = (1 + 1/M)B/T: the share of its variance due to not knowing the links.</summary>
    public required IReadOnlyDictionary<string, double> BetweenImputationShare { get; init; }

    /// <summary>Per coefficient, the degrees of freedom of its interval.</summary>
    public required IReadOnlyDictionary<string, double> DegreesOfFreedom { get; init; }

    /// <summary>The regression on each imputed link set.</summary>
    public required IReadOnlyList<RegressionResult> Fits { get; init; }

    /// <summary>Mean number of left records linked per imputation.</summary>
    public required double MeanLinked { get; init; }

    /// <summary>The output check: the smallest residual degrees of freedom over the imputations.</summary>
    public required OutputCheck Check { get; init; }

    /// <summary>Returns a combined coefficient.</summary>
    /// <param name="term">The term.</param>
    /// <exception cref="KeyNotFoundException">No such term.</exception>
    public CoefficientEstimate this[string term] =>
        Coefficients.FirstOrDefault(c => c.Term == term) ?? throw new KeyNotFoundException($"No term '{term}'. Terms: {string.Join(", ", Coefficients.Select(c => c.Term))}.");
}
