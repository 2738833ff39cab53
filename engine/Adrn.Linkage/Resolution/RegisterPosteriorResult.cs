namespace Adrn.Linkage.Resolution;

/// <summary>What <see cref="RegisterPosterior"/> used: the prior that a left record has a match, and how it was found.</summary>
/// <param name="Prior">π, the prior probability that a left record has a match among the right records.</param>
/// <param name="Estimated">Whether π was estimated from the data (else given in the job).</param>
/// <param name="Iterations">Fixed-point iterations of the estimate (0 when given).</param>
/// <param name="Converged">Whether the estimate met its tolerance (true when given).</param>
public sealed record RegisterPosteriorResult(double Prior, bool Estimated, int Iterations, bool Converged);
