namespace Adrn.Learning.Review;

/// <summary>One pair chosen for review.</summary>
/// <param name="IdLeft">Left record id.</param>
/// <param name="IdRight">Right record id.</param>
/// <param name="Probability">Match probability from the sampling scorer.</param>
/// <param name="Stratum">Index into <see cref="ClericalSample.Strata"/> (-1 for uncertainty samples).</param>
public sealed record ClericalSamplePair(string IdLeft, string IdRight, double Probability, int Stratum);
