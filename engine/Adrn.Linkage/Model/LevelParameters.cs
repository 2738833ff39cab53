namespace Adrn.Linkage.Model;

/// <summary>One level of a comparison in the model: its gamma, label and m/u probabilities.</summary>
public sealed record LevelParameters
{
    /// <summary>Gamma value (-1 null, 0 else, highest = best level).</summary>
    public required int Gamma { get; init; }

    /// <summary>Readable label.</summary>
    public required string Label { get; init; }

    /// <summary>Level test (snake_case <c>ComparisonLevelKind</c>, or <c>null</c>/<c>else</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The level's threshold, when it has one.</summary>
    public double? Threshold { get; init; }

    /// <summary>Whether a term-frequency adjustment applies.</summary>
    public bool TermFrequency { get; init; }

    /// <summary>P(level | match); null for the null level.</summary>
    public double? M { get; init; }

    /// <summary>P(level | non-match); null for the null level.</summary>
    public double? U { get; init; }

    /// <summary>log2(m/u) (0 for the null level).</summary>
    public double MatchWeight { get; init; }
}
