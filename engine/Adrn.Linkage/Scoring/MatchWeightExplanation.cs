namespace Adrn.Linkage.Scoring;

/// <summary>Why a pair scored what it did: prior plus each comparison's weight (a waterfall chart's bars).</summary>
public sealed record MatchWeightExplanation
{
    /// <summary>Left record id.</summary>
    public required string IdLeft { get; init; }

    /// <summary>Right record id.</summary>
    public required string IdRight { get; init; }

    /// <summary>log2 prior odds (first bar).</summary>
    public required double PriorMatchWeight { get; init; }

    /// <summary>One bar per comparison.</summary>
    public required IReadOnlyList<ComparisonExplanation> Comparisons { get; init; }

    /// <summary>Total match weight (prior + every weight and adjustment).</summary>
    public required double MatchWeight { get; init; }

    /// <summary>Match probability.</summary>
    public required double MatchProbability { get; init; }
}
