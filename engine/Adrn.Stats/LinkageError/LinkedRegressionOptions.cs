using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.LinkageError;

/// <summary>How a regression on probabilistically linked data is set up and fitted.</summary>
public sealed record LinkedRegressionOptions
{
    /// <summary>Identifier column of the left table, matched to the candidates' left identifiers (default <c>id</c>).</summary>
    public string LeftId { get; init; } = "id";

    /// <summary>Identifier column of the right table, matched to the candidates' right identifiers (default <c>id</c>).</summary>
    public string RightId { get; init; } = "id";

    /// <summary>Best links only count when their probability is at least this (default 0.5, the usual Fellegi–Sunter cut).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Standard errors of each fitted regression (default HC1).</summary>
    public VcovSpec Vcov { get; init; } = VcovSpec.Hc1;

    /// <summary>Confidence level (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Disclosure rules of the output checks.</summary>
    public DisclosureRules DisclosureRules { get; init; } = DisclosureRules.Default;

    /// <summary>Multiple imputation: number of imputed link sets M (default 20).</summary>
    public int Imputations { get; init; } = 20;

    /// <summary>Multiple imputation: Gibbs sweeps before the first imputation is kept (default 20).</summary>
    public int BurnIn { get; init; } = 20;

    /// <summary>Multiple imputation: sweeps between kept imputations (default 2).</summary>
    public int Thin { get; init; } = 2;

    /// <summary>Seed of the imputations (default 1): the same seed gives the same link sets.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the options; returns every problem (empty when usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(LeftId)) problems.Add("the left identifier column is required.");
        if (string.IsNullOrWhiteSpace(RightId)) problems.Add("the right identifier column is required.");
        if (!(Threshold >= 0 && Threshold <= 1)) problems.Add($"the threshold must be in [0, 1] (got {Threshold}).");
        if (Imputations < 2) problems.Add($"multiple imputation needs at least 2 imputations (got {Imputations}).");
        if (BurnIn < 0) problems.Add($"burn-in must not be negative (got {BurnIn}).");
        if (Thin < 1) problems.Add($"thinning must be at least 1 (got {Thin}).");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) problems.Add($"the confidence level must be in (0, 1) (got {ConfidenceLevel}).");
        return problems;
    }
}
