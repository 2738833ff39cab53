namespace Adrn.Stats.Akm;

/// <summary>Which bias correction of the AKM variance decomposition to compute.</summary>
public enum AkmCorrection
{
    /// <summary>Plug-in only.</summary>
    None,

    /// <summary>Andrews, Gill, Schank and Upward (2008): every error has the same variance σ².</summary>
    Homoskedastic,

    /// <summary>
    /// Kline, Saggio and Sølvsten (2020): leave-out estimates of each observation's (or match's) error
    /// variance, on the leave-one-out connected set; unbiased under heteroskedasticity.
    /// </summary>
    LeaveOut,
}
