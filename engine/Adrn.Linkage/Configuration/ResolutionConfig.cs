namespace Adrn.Linkage.Configuration;

/// <summary>Link resolution and thresholds.</summary>
public sealed record ResolutionConfig
{
    /// <summary>Resolution method (default: one-to-one for link_only, clusters otherwise).</summary>
    public required ResolutionMethod Method { get; init; }

    /// <summary>Minimum match probability of a link (default 0.9).</summary>
    public double MatchProbability { get; init; } = 0.9;

    /// <summary>Scored pairs below this probability are dropped before resolution and evaluation tables (default 0.01).</summary>
    public double KeepProbability { get; init; } = 0.01;

    /// <summary>Register-aware posterior (many_to_one, one_to_one), or null for pairwise probabilities only.</summary>
    public RegisterPosteriorConfig? RegisterPosterior { get; init; }
}
