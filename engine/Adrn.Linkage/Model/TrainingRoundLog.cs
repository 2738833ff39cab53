namespace Adrn.Linkage.Model;

/// <summary>What one training step did (u sampling, lambda estimation or an EM round).</summary>
public sealed record TrainingRoundLog
{
    /// <summary>Step description, e.g. <c>em: surname &amp; dob</c>.</summary>
    public required string Step { get; init; }

    /// <summary>Pairs used.</summary>
    public required long Pairs { get; init; }

    /// <summary>Comparisons estimated in the step (others held fixed).</summary>
    public IReadOnlyList<string> Estimated { get; init; } = [];

    /// <summary>EM iterations (empty for non-EM steps).</summary>
    public IReadOnlyList<TrainingIteration> Iterations { get; init; } = [];

    /// <summary>Whether EM met its tolerance before the iteration limit.</summary>
    public bool Converged { get; init; } = true;

    /// <summary>Wall-clock seconds the step took.</summary>
    public double Seconds { get; init; }

    /// <summary>Free text (e.g. how lambda was derived).</summary>
    public string? Note { get; init; }
}
