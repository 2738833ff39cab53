namespace Adrn.Stats.Akm;

/// <summary>The result of an AKM (Abowd–Kramarz–Margolis) two-way fixed-effect wage model.</summary>
public sealed partial record AkmResult
{
    /// <summary>Observations with all variables present, before restricting to the connected set.</summary>
    public required int ObservationsInput { get; init; }

    /// <summary>Observations used: the largest connected set of the worker–firm graph, singletons removed.</summary>
    public required int Observations { get; init; }

    /// <summary>Workers in the estimation sample.</summary>
    public required int Workers { get; init; }

    /// <summary>Firms in the estimation sample.</summary>
    public required int Firms { get; init; }

    /// <summary>Workers observed in more than one firm (they identify the firm effects).</summary>
    public required int Movers { get; init; }

    /// <summary>Connected components of the worker–firm graph in the input (1 = fully connected).</summary>
    public required int ConnectedComponents { get; init; }

    /// <summary>Residual variance σ² = SSR / (n − K) with K = controls + workers + firms − 1.</summary>
    public required double ResidualVariance { get; init; }

    /// <summary>The plug-in decomposition from the estimated effects (Var(ψ) is biased upward by limited mobility).</summary>
    public required VarianceDecomposition PlugIn { get; init; }

    /// <summary>
    /// The homoskedasticity-corrected decomposition (Andrews, Gill, Schank and Upward 2008): each
    /// quadratic form b'Ab is reduced by σ² tr(A (Z'Z)⁻¹), the trace estimated with Rademacher probes
    /// (Hutchinson). Null when <see cref="AkmOptions.BiasCorrectionDraws"/> is 0.
    /// </summary>
    public required VarianceDecomposition? BiasCorrected { get; init; }

    /// <summary>Coefficients of the controls (term name to estimate), if any.</summary>
    public required IReadOnlyDictionary<string, double> Controls { get; init; }

    /// <summary>Worker effect by worker identifier (normalised so firm effects have mean zero over observations).</summary>
    public required IReadOnlyDictionary<string, double> WorkerEffects { get; init; }

    /// <summary>Firm effect by firm identifier (mean zero over observations).</summary>
    public required IReadOnlyDictionary<string, double> FirmEffects { get; init; }

    /// <summary>Accelerated iterations of the fixed-effect solve of the wage equation.</summary>
    public required int Iterations { get; init; }

    /// <summary>The correction asked for.</summary>
    public AkmCorrection Correction { get; init; }

    /// <summary>The KSS leave-out decomposition on the leave-one-out connected set (null unless <see cref="AkmCorrection.LeaveOut"/>).</summary>
    public LeaveOutDecomposition? LeaveOut { get; init; }

    /// <summary>Residual degrees of freedom n − K of the wage equation (K = controls + workers + firms − 1).</summary>
    public int ResidualDf { get; init; }

    /// <summary>The output check: residual degrees of freedom and the number of firms behind the firm effects.</summary>
    public required Disclosure.OutputCheck Check { get; init; }
}
