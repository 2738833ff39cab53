namespace Adrn.Linkage.Configuration;

/// <summary>How the model's parameters are estimated.</summary>
public sealed record TrainingConfig
{
    /// <summary>Seed of the pair sampler (default 42).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Number of random pairs sampled to estimate u (default 1,000,000).</summary>
    public long UMaxPairs { get; init; } = 1_000_000;

    /// <summary>Hand-set probability that two random records match; null to estimate it from <see cref="DeterministicRules"/>.</summary>
    public double? ProbabilityTwoRandomRecordsMatch { get; init; }

    /// <summary>Rules that (almost) only produce matches; their pair count / <see cref="Recall"/> estimates the matches.</summary>
    public IReadOnlyList<BlockingRuleConfig> DeterministicRules { get; init; } = [];

    /// <summary>Assumed share of all true matches the deterministic rules find (0..1].</summary>
    public double Recall { get; init; } = 1.0;

    /// <summary>EM rounds in order; m of a comparison is the mean over the rounds that estimated it.</summary>
    public IReadOnlyList<EmRoundConfig> EmRounds { get; init; } = [];
}
