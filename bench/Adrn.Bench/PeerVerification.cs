namespace Adrn.Bench;

/// <summary>Result of checking engine and peer pair by pair over all candidate pairs.</summary>
/// <param name="EnginePairs">Pairs the engine scored.</param>
/// <param name="PeerPairs">Pairs the peer scored.</param>
/// <param name="PairsInOneOnly">Pairs present on one side only.</param>
/// <param name="GammaMismatches">Pairs whose gamma vectors differ.</param>
/// <param name="MaxWeightDifference">Largest absolute match-weight difference over common pairs.</param>
/// <param name="DistinctGammaVectors">Distinct gamma vectors among the engine's pairs (how much of the level logic the check exercised).</param>
public sealed record PeerVerification(long EnginePairs, long PeerPairs, long PairsInOneOnly, long GammaMismatches, double MaxWeightDifference, int DistinctGammaVectors)
{
    /// <summary>Same pairs, same gammas, weights within 1e-9.</summary>
    public bool Agrees => PairsInOneOnly == 0 && GammaMismatches == 0 && EnginePairs == PeerPairs && MaxWeightDifference <= 1e-9;
}
