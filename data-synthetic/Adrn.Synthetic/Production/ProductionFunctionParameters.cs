namespace Adrn.Synthetic.Production;

/// <summary>
/// The planted production function of the synthetic business survey (a value-added Cobb–Douglas with
/// productivity that firms see when they choose inputs), with every timing assumption the control-function
/// estimators rely on. Written to <c>dgp.json</c> (<c>production_function</c>); see docs/synthetic-data.md.
/// <code>
/// log VA_it = β0 + β_l l_it + β_k k_it + ω_it + ε_it                  ε ~ N(0, σ_ε²), unseen when inputs are chosen
/// ω_it = ρ ω_i,t−1 + ξ_it, stationary sd σ_ω                          first-order Markov; ξ arrives in two parts, at t − b and at t
/// l*(ω, k, t) = (log β_l + β0 + ω + β_k k − w_t) / (1 − β_l)          the static optimum of labour
/// l_it = log(round(exp((1 − θ)(l*(ω_i,t−b, k_it, t) − ω^w_it/(1 − β_l)) + θ l_i,t−1 + ν_it), 2))
///                                                                        labour is hired at t − b, knowing ω_i,t−b only (ACF's timing), at
///                                                                        a firm-specific wage log W_t + ω^w_it, ω^w AR(1) (ρ_w, sd σ_w), and
///                                                                        adjusts only part of the way (hiring and firing costs, θ);
///                                                                        ν ~ N(0, σ_ν²): an optimisation error
/// m_it = log μ + β0 + β_l l*(ω_it, k_it, t) + β_k k_it + ω_it           intermediate inputs ordered at t for the output the firm would plan
///                                                                        with today's ω at the common wage (Leontief): a function of (k_it, ω_it)
/// I_it = δ K_it exp(γ ω_it − γ²σ_ω²/2)                                  investment rises with ω (Olley–Pakes' monotone policy)
/// K_i,t+1 = ((1 − δ) K_it + I_it) exp(κ_i,t+1)                          κ ~ N(0, σ_κ²): disposals and revaluations; capital is a state
/// w_t = log W + g (t − first year)                                     the common wage
/// </code>
/// OLS is biased (labour and capital respond to ω). Olley–Pakes (investment proxy), Levinsohn–Petrin
/// (intermediate-input proxy) and Ackerberg–Caves–Frazer are consistent: the proxies are strictly increasing
/// in ω_it given k_it; labour varies apart from them (it was hired on ω_i,t−b, plus ν), so the first stage
/// identifies its coefficient; k_it and l_i,t−1 are uncorrelated with ξ_it. Adjustment costs, the firm-specific
/// wage and the capital shock κ are also what rule out spurious solutions of the moment conditions: if labour
/// were an exact function of (ω_i,t−b, k_it), β_l + (1 − β_l)ρ^b for labour and β_k(1 − ρ^b) for capital would
/// leave an ω that is white noise, where ACF's moments hold too (we found such second roots with θ = 0 and
/// θ = 0.5), and if next year's capital were an exact function of (k, ω) a negative β_k could leave ω Markov.
/// The persistent firm wage and κ also give capital and lagged labour variation apart from firm size; with
/// σ_w = 0.1, ρ_w = 0.3, σ_κ = 0.1 ACF was weakly identified on 200 firms × 6 years (bootstrap SEs up to 0.7).
/// </summary>
public sealed record ProductionFunctionParameters
{
    /// <summary>The defaults used by the generator.</summary>
    public static ProductionFunctionParameters Default { get; } = new();

    /// <summary>β_l, the output elasticity of labour (default 0.6).</summary>
    public double LabourElasticity { get; init; } = 0.6;

    /// <summary>β_k, the output elasticity of capital (default 0.3).</summary>
    public double CapitalElasticity { get; init; } = 0.3;

    /// <summary>β0, the intercept of log value added (default 7.5: median capital per worker of about £100k at ten workers).</summary>
    public double Intercept { get; init; } = 7.5;

    /// <summary>ρ, the persistence of log TFP (default 0.7).</summary>
    public double Persistence { get; init; } = 0.7;

    /// <summary>σ_ω, the stationary standard deviation of log TFP (default 0.2).</summary>
    public double TfpSd { get; init; } = 0.2;

    /// <summary>σ_ε, the output shock firms do not see (default 0.1).</summary>
    public double OutputShockSd { get; init; } = 0.1;

    /// <summary>σ_ν, the labour optimisation error (default 0.1).</summary>
    public double LabourErrorSd { get; init; } = 0.1;

    /// <summary>b, how long before the year labour is hired, as a share of a year (default 0.5, ACF's Monte Carlo).</summary>
    public double LabourTiming { get; init; } = 0.5;

    /// <summary>θ, the weight of last year's labour in this year's (partial adjustment; default 0.8). 0 makes labour static.</summary>
    public double LabourAdjustment { get; init; } = 0.8;

    /// <summary>σ_w, the stationary standard deviation of the firm-specific log wage (default 0.2).</summary>
    public double FirmWageSd { get; init; } = 0.2;

    /// <summary>ρ_w, the persistence of the firm-specific log wage (default 0.9: firm wage premia are persistent).</summary>
    public double FirmWagePersistence { get; init; } = 0.9;

    /// <summary>σ_κ, the capital shock between years (default 0.2).</summary>
    public double CapitalShockSd { get; init; } = 0.2;

    /// <summary>δ, the depreciation rate and mean investment rate (default 0.08).</summary>
    public double Depreciation { get; init; } = 0.08;

    /// <summary>γ, the response of the investment rate to log TFP (default 2).</summary>
    public double InvestmentResponse { get; init; } = 2.0;

    /// <summary>μ, intermediate inputs per unit of planned value added (default 1.2).</summary>
    public double IntermediatesPerValueAdded { get; init; } = 1.2;

    /// <summary>W, the annual wage per FTE in the first year (GBP, default 28 000).</summary>
    public double Wage { get; init; } = 28_000;

    /// <summary>g, the yearly growth of log wages (default 0.02).</summary>
    public double WageGrowth { get; init; } = 0.02;

    /// <summary>σ_ξ = σ_ω √(1 − ρ²), the standard deviation of the TFP innovation.</summary>
    public double InnovationSd => TfpSd * Math.Sqrt(1 - (Persistence * Persistence));

    /// <summary>Checks the parameters; returns every problem (empty when usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(LabourElasticity > 0 && LabourElasticity < 1)) problems.Add($"labour elasticity must be in (0, 1) (got {LabourElasticity}).");
        if (!(CapitalElasticity > 0)) problems.Add($"capital elasticity must be positive (got {CapitalElasticity}).");
        if (!(Persistence >= 0 && Persistence < 1)) problems.Add($"persistence must be in [0, 1) (got {Persistence}).");
        if (!(Depreciation > 0 && Depreciation < 1)) problems.Add($"depreciation must be in (0, 1) (got {Depreciation}).");
        if (!(LabourTiming >= 0 && LabourTiming <= 1)) problems.Add($"labour timing must be in [0, 1] (got {LabourTiming}).");
        if (!(LabourAdjustment >= 0 && LabourAdjustment < 1)) problems.Add($"labour adjustment must be in [0, 1) (got {LabourAdjustment}).");
        if (!(FirmWagePersistence >= 0 && FirmWagePersistence < 1)) problems.Add($"firm wage persistence must be in [0, 1) (got {FirmWagePersistence}).");
        foreach (var (name, value) in new[] { ("TFP sd", TfpSd), ("output shock sd", OutputShockSd), ("labour error sd", LabourErrorSd), ("capital shock sd", CapitalShockSd), ("firm wage sd", FirmWageSd), ("investment response", InvestmentResponse) })
            if (!(value >= 0) || !double.IsFinite(value)) problems.Add($"{name} must be a finite non-negative number (got {value}).");
        if (!(IntermediatesPerValueAdded > 0)) problems.Add($"intermediates per value added must be positive (got {IntermediatesPerValueAdded}).");
        if (!(Wage > 0)) problems.Add($"wage must be positive (got {Wage}).");
        return problems;
    }
}
