using Adrn.Linkage.Blocking;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;

namespace Adrn.Linkage;

/// <summary>What a run did and wrote.</summary>
public sealed record LinkageRunResult
{
    /// <summary>Output folder.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Output name (<c>links</c>, <c>clusters</c>, <c>model</c>, <c>report</c>, <c>quarantine</c>, ...) -> paths written.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Files { get; init; }

    /// <summary>Rows read over all sources.</summary>
    public required long RowsRead { get; init; }

    /// <summary>Rows that became records.</summary>
    public required long RowsUsed { get; init; }

    /// <summary>Rows quarantined.</summary>
    public required long RowsQuarantined { get; init; }

    /// <summary>Rows superseded (<c>duplicate_ids: keep_latest</c>).</summary>
    public required long RowsSuperseded { get; init; }

    /// <summary>Candidate pairs compared and scored.</summary>
    public required long PairsCompared { get; init; }

    /// <summary>Scored pairs kept (probability at or above <c>keep_probability</c>).</summary>
    public required long PairsKept { get; init; }

    /// <summary>Links written.</summary>
    public required long Links { get; init; }

    /// <summary>Clusters with more than one record (clusters resolution), else null.</summary>
    public long? Clusters { get; init; }

    /// <summary>Stage -> seconds.</summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }

    /// <summary>The blocking report.</summary>
    public required BlockingReport Blocking { get; init; }

    /// <summary>The model used.</summary>
    public required MatchModel Model { get; init; }

    /// <summary>Evaluation (against truth when given; model estimates otherwise).</summary>
    public required EvaluationReport Evaluation { get; init; }

    /// <summary>
    /// The links as written to <c>links</c>, in memory (record indices into the run's prepared records, probability and
    /// blocking rule index), for a driver that uses them at once instead of reading the file back (the dataset store).
    /// </summary>
    public Scoring.ScoredPairBatch? LinkedPairs { get; init; }

    /// <summary>Per record index, its cluster id as written to <c>clusters</c> (clusters resolution), else null.</summary>
    public IReadOnlyList<string>? ClusterIds { get; init; }

    /// <summary>The register posterior's prior (given or estimated) when <c>resolution.register_posterior</c> is on, else null.</summary>
    public Resolution.RegisterPosteriorResult? RegisterPosterior { get; init; }
}
