namespace Adrn.Synthetic.LinkageError;

/// <summary>The two files, the candidate pairs and the truth of one <see cref="LinkageErrorScenario"/> draw.</summary>
public sealed class LinkageErrorPopulation
{
    internal LinkageErrorPopulation() { }

    /// <summary>The scenario drawn.</summary>
    public required LinkageErrorScenario Scenario { get; init; }

    /// <summary>Left record identifiers (<c>C0000001</c>…).</summary>
    public required string[] LeftId { get; init; }

    /// <summary>The left file's regressor x.</summary>
    public required double[] LeftX { get; init; }

    /// <summary>Right record identifiers (<c>P0000001</c>…, shuffled relative to the left file).</summary>
    public required string[] RightId { get; init; }

    /// <summary>The right file's outcome y.</summary>
    public required double[] RightY { get; init; }

    /// <summary>Candidate pairs: left identifier.</summary>
    public required string[] PairLeft { get; init; }

    /// <summary>Candidate pairs: right identifier.</summary>
    public required string[] PairRight { get; init; }

    /// <summary>Candidate pairs: calibrated match probability.</summary>
    public required double[] PairProbability { get; init; }

    /// <summary>Candidate pairs: whether the pair is the true match (truth; not for the analysis).</summary>
    public required bool[] PairIsTrue { get; init; }

    /// <summary>Share of left records whose most probable candidate (p ≥ 0.5) is the true partner, among those linked.</summary>
    public required double BestLinkPrecision { get; init; }

    /// <summary>Share of left records linked by a best link (p ≥ 0.5).</summary>
    public required double BestLinkRate { get; init; }
}
