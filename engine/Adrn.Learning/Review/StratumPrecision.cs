namespace Adrn.Learning.Review;

/// <summary>One stratum's share of true links among its reviewed pairs.</summary>
/// <param name="Name">Stratum label.</param>
/// <param name="Population">Links in the stratum (N_h).</param>
/// <param name="Reviewed">Reviewed pairs of the stratum (n_h).</param>
/// <param name="Matches">Reviewed pairs judged matches.</param>
/// <param name="Precision">Matches / reviewed (NaN when none were reviewed).</param>
/// <param name="WilsonLower">Lower end of the stratum's Wilson score interval.</param>
/// <param name="WilsonUpper">Upper end of the stratum's Wilson score interval.</param>
public sealed record StratumPrecision(string Name, long Population, int Reviewed, int Matches, double Precision, double WilsonLower, double WilsonUpper);
