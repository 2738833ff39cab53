namespace Adrn.Stats.Production;

/// <summary>The functional form of log output in log inputs.</summary>
public enum ProductionFunctionForm
{
    /// <summary>Cobb–Douglas: y = Σ β_j x_j; the coefficients are the output elasticities.</summary>
    CobbDouglas,

    /// <summary>
    /// Translog: y = Σ β_j x_j + Σ β_jj x_j² + Σ_{j&lt;k} β_jk x_j x_k; the output elasticity of input j varies by
    /// observation (β_j + 2β_jj x_j + Σ_k β_jk x_k) and is reported as its sample mean. Estimated by OLS or ACF.
    /// </summary>
    Translog,
}
