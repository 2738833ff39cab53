namespace Adrn.Linkage.Configuration;

/// <summary>One non-null, non-else level of a comparison; levels are listed best first.</summary>
public sealed record ComparisonLevelConfig
{
    /// <summary>The test.</summary>
    public required ComparisonLevelKind Kind { get; init; }

    /// <summary>Similarity (0..1), distance, day count or numeric difference, depending on <see cref="Kind"/>.</summary>
    public double Threshold { get; init; }

    /// <summary>Default <see cref="TokenThreshold"/>: Cohen et al.'s 0.9.</summary>
    public const double DefaultTokenThreshold = 0.9;

    /// <summary>For <see cref="ComparisonLevelKind.SoftTfidf"/>: least Jaro–Winkler similarity for two tokens to count as matching (0..1, default 0.9).</summary>
    public double TokenThreshold { get; init; } = DefaultTokenThreshold;

    /// <summary>Second column for <see cref="ComparisonLevelKind.Swapped"/>.</summary>
    public string? OtherColumn { get; init; }

    /// <summary>Apply a term-frequency adjustment (exact levels only).</summary>
    public bool TermFrequency { get; init; }

    /// <summary>Readable label, e.g. <c>Jaro-Winkler &gt;= 0.92</c>.</summary>
    public required string Label { get; init; }
}
