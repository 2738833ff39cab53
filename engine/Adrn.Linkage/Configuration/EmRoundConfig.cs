namespace Adrn.Linkage.Configuration;

/// <summary>One expectation–maximisation training round, run on the pairs of one blocking rule.</summary>
public sealed record EmRoundConfig
{
    /// <summary>Rule producing the round's training pairs; comparisons of its columns are held fixed in the round.</summary>
    public required BlockingRuleConfig BlockingRule { get; init; }

    /// <summary>Maximum EM iterations (default 25).</summary>
    public int MaxIterations { get; init; } = 25;

    /// <summary>Stop when no parameter moves more than this (default 0.0001, as Splink).</summary>
    public double Tolerance { get; init; } = 1e-4;
}
