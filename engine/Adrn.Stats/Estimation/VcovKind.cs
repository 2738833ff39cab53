namespace Adrn.Stats.Estimation;

/// <summary>The variance–covariance estimator of the coefficients.</summary>
public enum VcovKind
{
    /// <summary>fixest's default: iid without fixed effects, clustered by the first fixed effect with them.</summary>
    Default,

    /// <summary>Homoskedastic: σ² (X'X)⁻¹ with σ² = SSR / (n − K).</summary>
    Iid,

    /// <summary>White heteroskedasticity-robust, no small-sample factor.</summary>
    Hc0,

    /// <summary>Heteroskedasticity-robust with the factor n / (n − K) (fixest "hetero", Stata "robust").</summary>
    Hc1,

    /// <summary>Heteroskedasticity-robust with squared residuals divided by (1 − hᵢᵢ); not with fixed effects.</summary>
    Hc2,

    /// <summary>Heteroskedasticity-robust with squared residuals divided by (1 − hᵢᵢ)²; not with fixed effects.</summary>
    Hc3,

    /// <summary>Cluster-robust, one- or two-way (Cameron–Gelbach–Miller), with fixest's small-sample corrections.</summary>
    Cluster,
}
