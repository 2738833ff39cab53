using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage;

/// <summary>What <see cref="IPairScorer.Prepare"/> and <see cref="IPairScorer.Open"/> receive.</summary>
public sealed record PairScoringContext
{
    /// <summary>The job.</summary>
    public required LinkageJobConfig Config { get; init; }

    /// <summary>Prepared records: the job's (for <see cref="IPairScorer.Prepare"/>) or only its value tables (on a worker).</summary>
    public required PreparedLinkage Prepared { get; init; }

    /// <summary>The job's comparisons bound to <see cref="Prepared"/>.</summary>
    public required ComparisonSet Comparisons { get; init; }

    /// <summary>The blocking plan whose partitions will be scored (null on a worker that holds slices only).</summary>
    public BlockingPlan? Plan { get; init; }

    /// <summary>The run's Fellegi–Sunter model (still written to <c>model.json</c>).</summary>
    public required MatchModel Model { get; init; }

    /// <summary>The folder the scorer's files go to and are read from (exists).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The <c>model.json</c> given to the run to load instead of training (<see cref="LinkageRunOptions.ModelPath"/>), or null.</summary>
    public string? ModelPath { get; init; }
}
