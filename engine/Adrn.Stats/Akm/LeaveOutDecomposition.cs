namespace Adrn.Stats.Akm;

/// <summary>
/// The KSS (Kline, Saggio and Sølvsten 2020) leave-out variance decomposition: each plug-in quadratic form
/// θ̂ = β̂'Aβ̂ is reduced by Σ_r w_r² b_r σ̂_r, where σ̂_r = (y_r − ȳ)(y_r − x_r'β̂₋r) is the leave-out
/// estimate of row r's error variance and b_r = x_r'S⁻AS⁻x_r. Rows are person-years or matches
/// (<see cref="Level"/>); variances are over person-years, with 1/n.
/// </summary>
public sealed record LeaveOutDecomposition
{
    /// <summary>What was left out.</summary>
    public required LeaveOutLevel Level { get; init; }

    /// <summary>How the leverages were computed (never <see cref="LeverageMethod.Auto"/>).</summary>
    public required LeverageMethod Method { get; init; }

    /// <summary>Random-projection draws (0 when exact).</summary>
    public required int Draws { get; init; }

    /// <summary>Movers dropped because removing them would disconnect the worker–firm graph (summed over the pruning rounds).</summary>
    public required int ArticulationWorkersDropped { get; init; }

    /// <summary>Workers dropped because they have a single person-year observation.</summary>
    public required int SingleObservationWorkersDropped { get; init; }

    /// <summary>Worker–firm matches in the leave-out sample.</summary>
    public required int Matches { get; init; }

    /// <summary>Matches of workers with a single match, whose error variance is estimated within the match (match level only).</summary>
    public required int StayerMatches { get; init; }

    /// <summary>The bias-corrected decomposition. <see cref="VarianceDecomposition.VarResidual"/> is the person-year mean of σ̂.</summary>
    public required VarianceDecomposition Corrected { get; init; }

    /// <summary>Standard errors of the corrected components.</summary>
    public required LeaveOutStandardErrors StandardErrors { get; init; }

    /// <summary>Mean leverage over the rows whose leverage is below one.</summary>
    public required double MeanLeverage { get; init; }

    /// <summary>Largest leverage below one (close to one means a weakly identified effect).</summary>
    public required double MaxLeverage { get; init; }
}
