using Adrn.Linkage.Model;

namespace Adrn.Linkage.Training;

/// <summary>The outcome of <see cref="ExpectationMaximisation.Run"/>.</summary>
/// <param name="Lambda">Estimated proportion of matches among the pairs counted.</param>
/// <param name="M">m by comparison then gamma (0 = else).</param>
/// <param name="U">u by comparison then gamma.</param>
/// <param name="Iterations">Convergence log.</param>
/// <param name="Converged">Whether the tolerance was met before the iteration limit.</param>
public sealed record EmResult(double Lambda, double[][] M, double[][] U, IReadOnlyList<TrainingIteration> Iterations, bool Converged);
