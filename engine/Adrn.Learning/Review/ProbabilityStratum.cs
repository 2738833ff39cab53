namespace Adrn.Learning.Review;

/// <summary>A band of match probability and how many pairs fall in it and were sampled.</summary>
/// <param name="Name">Label, e.g. <c>[0.95, 0.99)</c>.</param>
/// <param name="Lower">Lowest probability in the band (inclusive).</param>
/// <param name="Upper">Upper bound (exclusive, except 1 for the top band).</param>
/// <param name="Population">Pairs of the sampled population in the band (N_h).</param>
/// <param name="Sampled">Pairs sampled from it (n_h).</param>
public sealed record ProbabilityStratum(string Name, double Lower, double Upper, long Population, int Sampled);
