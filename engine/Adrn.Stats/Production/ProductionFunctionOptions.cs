using Adrn.Stats.Disclosure;

namespace Adrn.Stats.Production;

/// <summary>
/// What to estimate: columns, the variables as formula expressions (a column or <c>log(column)</c> etc.), the
/// method and its tuning. Defaults follow the synthetic business survey (<c>business_survey</c>) and prodest.
/// </summary>
public sealed record ProductionFunctionOptions
{
    /// <summary>Firm identifier column (default <c>employer_id</c>).</summary>
    public string FirmColumn { get; init; } = "employer_id";

    /// <summary>Year column, whole numbers; a lag is the same firm's row of the previous year (default <c>year</c>).</summary>
    public string YearColumn { get; init; } = "year";

    /// <summary>Log output (default <c>log(value_added)</c>).</summary>
    public string Output { get; init; } = "log(value_added)";

    /// <summary>Free (flexible) inputs, chosen after productivity is seen (default <c>log(employment)</c>).</summary>
    public IReadOnlyList<string> Free { get; init; } = ["log(employment)"];

    /// <summary>State inputs, chosen a period ahead (default <c>log(capital)</c>).</summary>
    public IReadOnlyList<string> State { get; init; } = ["log(capital)"];

    /// <summary>The proxy for productivity: investment (Olley–Pakes) or intermediate inputs (Levinsohn–Petrin, ACF); unused by OLS.</summary>
    public string? Proxy { get; init; } = "log(intermediate_inputs)";

    /// <summary>The estimator (default ACF).</summary>
    public ProductionFunctionMethod Method { get; init; } = ProductionFunctionMethod.Acf;

    /// <summary>Cobb–Douglas (default) or translog (OLS and ACF only).</summary>
    public ProductionFunctionForm Form { get; init; } = ProductionFunctionForm.CobbDouglas;

    /// <summary>
    /// Degree of the first-stage control function: a full polynomial in the standardised inputs and proxy
    /// (ACF) or in the state inputs and proxy, free inputs linear (Olley–Pakes, Levinsohn–Petrin). Default 3.
    /// </summary>
    public int PolynomialDegree { get; init; } = 3;

    /// <summary>Degree of the polynomial law of motion ω_t = g(ω_{t−1}) + ξ_t (default 3, as prodest).</summary>
    public int LawOfMotionDegree { get; init; } = 3;

    /// <summary>Year effects in the first stage and the law of motion (OLS: year fixed effects). Default true.</summary>
    public bool YearEffects { get; init; } = true;

    /// <summary>Firm-block bootstrap replications for standard errors of the control-function methods (default 0: none).</summary>
    public int BootstrapReplications { get; init; }

    /// <summary>Seed of the bootstrap (default 1): the same seed gives the same standard errors.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Confidence level of the intervals (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Iteration cap of the GMM second stage (default 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Identifier of the output check (default from the method and output).</summary>
    public string? OutputId { get; init; }

    /// <summary>The disclosure rules of the output check.</summary>
    public DisclosureRules DisclosureRules { get; init; } = DisclosureRules.Default;

    /// <summary>Checks the options; returns every problem at once (empty when usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(FirmColumn)) problems.Add("the firm column is required.");
        if (string.IsNullOrWhiteSpace(YearColumn)) problems.Add("the year column is required.");
        if (string.IsNullOrWhiteSpace(Output)) problems.Add("the output expression is required.");
        if (Free is null || Free.Count == 0) problems.Add("at least one free input is required.");
        if (State is null || State.Count == 0) problems.Add("at least one state input is required.");
        if (Method != ProductionFunctionMethod.Ols && string.IsNullOrWhiteSpace(Proxy))
            problems.Add($"{Method} needs a proxy (investment for Olley–Pakes, intermediate inputs for Levinsohn–Petrin and ACF).");
        if (Form == ProductionFunctionForm.Translog && Method is ProductionFunctionMethod.OlleyPakes or ProductionFunctionMethod.LevinsohnPetrin)
            problems.Add("the translog form is estimated by OLS or ACF: Olley–Pakes and Levinsohn–Petrin identify the free inputs' coefficients linearly in the first stage.");
        if (PolynomialDegree is < 1 or > 5) problems.Add($"the control-function degree must be 1..5 (got {PolynomialDegree}).");
        if (LawOfMotionDegree is < 1 or > 5) problems.Add($"the law-of-motion degree must be 1..5 (got {LawOfMotionDegree}).");
        if (BootstrapReplications < 0) problems.Add($"bootstrap replications must not be negative (got {BootstrapReplications}).");
        if (BootstrapReplications is > 0 and < 2) problems.Add("a bootstrap needs at least 2 replications.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) problems.Add($"the confidence level must be in (0, 1) (got {ConfidenceLevel}).");
        if (MaxIterations < 1) problems.Add($"the iteration cap must be positive (got {MaxIterations}).");
        return problems;
    }
}
