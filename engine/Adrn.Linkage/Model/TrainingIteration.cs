namespace Adrn.Linkage.Model;

/// <summary>One EM iteration in the convergence log.</summary>
/// <param name="Iteration">1-based iteration number.</param>
/// <param name="MaxChange">Largest absolute change of any estimated parameter (m, u or lambda).</param>
/// <param name="Lambda">The round's estimated proportion of matches among its pairs after the iteration.</param>
public sealed record TrainingIteration(int Iteration, double MaxChange, double Lambda);
