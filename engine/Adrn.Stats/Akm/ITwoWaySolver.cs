namespace Adrn.Stats.Akm;

/// <summary>
/// Solves the normal equations S u = b of the weighted worker–firm design (S = X'WX, one constant
/// direction per connected set left free) for a right-hand side b given as a worker part and a firm part.
/// Every quantity the leave-out estimator takes from u (leverages, variances of centred effects) is the
/// same whichever solution is returned.
/// </summary>
internal interface ITwoWaySolver
{
    /// <summary>Solves S u = (workerRhs, firmRhs); the arguments are not modified.</summary>
    (double[] Worker, double[] Firm) Solve(double[] workerRhs, double[] firmRhs);
}
