using Adrn.Linkage.Configuration;

namespace Adrn.Linkage;

/// <summary>Per-run choices that are not part of the job file.</summary>
public sealed record LinkageRunOptions
{
    /// <summary>Truth pairs file for evaluation (overrides the job's <c>truth</c>).</summary>
    public string? TruthPairsPath { get; init; }

    /// <summary>A saved <c>model.json</c> to score with instead of training.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Threads for partition work (default: <see cref="Environment.ProcessorCount"/>).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Overrides the job's partition count.</summary>
    public int? Partitions { get; init; }

    /// <summary>
    /// Whether outputs another job left in the output folder are replaced (deleted before any work). Without it a
    /// folder holding another job's outputs is refused; a run of the same job replaces its own earlier outputs.
    /// </summary>
    public bool ReplaceOutputs { get; init; }

    /// <summary>Overrides the job's output formats.</summary>
    public IReadOnlyList<SourceFormat>? Formats { get; init; }

    /// <summary>Overrides the job's match probability threshold.</summary>
    public double? MatchProbability { get; init; }

    /// <summary>
    /// Scores partitions instead of the Fellegi–Sunter model when set (the learned scorer of Adrn.Learning, see
    /// <c>LearnedLinkageJob</c>). A job whose <c>scorer</c> is <c>learned</c> refuses to run without one.
    /// </summary>
    public IPairScorer? PairScorer { get; init; }

    /// <summary>
    /// Whether <c>report.json</c> and <c>report.html</c> are written (default true). A driver that keeps only the links
    /// and clusters of its runs and discards the folder (the dataset store) turns it off.
    /// </summary>
    public bool WriteReport { get; init; } = true;
}
