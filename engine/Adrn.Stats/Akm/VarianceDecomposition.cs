namespace Adrn.Stats.Akm;

/// <summary>
/// Var(log wage) split into worker effects, firm effects, their covariance (sorting), controls and
/// the residual, over person-year observations:
/// Var(y) = Var(α) + Var(ψ) + 2Cov(α, ψ) + Var(Xβ) + 2Cov(α + ψ, Xβ) + Var(ε).
/// </summary>
/// <param name="VarLogWage">Var(y).</param>
/// <param name="VarWorker">Var(α).</param>
/// <param name="VarFirm">Var(ψ).</param>
/// <param name="CovWorkerFirm">Cov(α, ψ) (the decomposition counts it twice).</param>
/// <param name="VarControls">Var(Xβ) plus 2Cov(α + ψ, Xβ): what the controls account for.</param>
/// <param name="VarResidual">Var(ε).</param>
public sealed record VarianceDecomposition(double VarLogWage, double VarWorker, double VarFirm, double CovWorkerFirm, double VarControls, double VarResidual)
{
    /// <summary>Var(α) / Var(y).</summary>
    public double WorkerShare => VarWorker / VarLogWage;

    /// <summary>Var(ψ) / Var(y).</summary>
    public double FirmShare => VarFirm / VarLogWage;

    /// <summary>2Cov(α, ψ) / Var(y).</summary>
    public double SortingShare => 2 * CovWorkerFirm / VarLogWage;

    /// <summary>Var(ε) / Var(y).</summary>
    public double ResidualShare => VarResidual / VarLogWage;

    /// <summary>Corr(α, ψ); NaN if a variance is not positive (possible after bias correction in tiny samples).</summary>
    public double Correlation => VarWorker > 0 && VarFirm > 0 ? CovWorkerFirm / Math.Sqrt(VarWorker * VarFirm) : double.NaN;
}
