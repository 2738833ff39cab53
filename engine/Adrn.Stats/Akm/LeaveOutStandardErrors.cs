namespace Adrn.Stats.Akm;

/// <summary>
/// Standard errors of the KSS variance components from the variance of their linear term (KSS 2020,
/// section 5, the case without a dominant quadratic term): V̂ = 4 Σ_r w_r² (x_r'S⁻Aβ̂)² σ̂_r. With β̂
/// in place of β the formula also counts the quadratic term twice, so it is conservative when the
/// design is weakly identified; the leave-three-out refinement of the paper is not implemented.
/// </summary>
/// <param name="VarWorker">SE of Var(α).</param>
/// <param name="VarFirm">SE of Var(ψ).</param>
/// <param name="CovWorkerFirm">SE of Cov(α, ψ).</param>
public sealed record LeaveOutStandardErrors(double VarWorker, double VarFirm, double CovWorkerFirm);
