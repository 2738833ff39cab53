using Adrn.Linkage.Blocking;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage;

/// <summary>The content of <c>report.json</c> (documented in <c>docs/outputs.md</c>).</summary>
public sealed record LinkageRunReport
{
    /// <summary>The engine's job id (null for a run in process).</summary>
    public string? JobId { get; init; }

    /// <summary>Job name.</summary>
    public required string Job { get; init; }

    /// <summary>SHA-256 of the job file, its variables and its inputs (null for a run in process).</summary>
    public string? ConfigHash { get; init; }

    /// <summary>Number of blocking partitions scored.</summary>
    public int Partitions { get; init; }

    /// <summary>Link type.</summary>
    public required string LinkType { get; init; }

    /// <summary>UTC start time (ISO 8601).</summary>
    public required string StartedUtc { get; init; }

    /// <summary>Per source row and value accounting; rows_read = rows_used + rows_quarantined + rows_superseded.</summary>
    public required IReadOnlyList<SourceSummary> Sources { get; init; }

    /// <summary>Totals over sources.</summary>
    public required IReadOnlyDictionary<string, long> Rows { get; init; }

    /// <summary>Blocking counts.</summary>
    public required BlockingReport Blocking { get; init; }

    /// <summary>Pairs compared, kept, links, clusters.</summary>
    public required IReadOnlyDictionary<string, long> Pairs { get; init; }

    /// <summary>Lambda and m/u per comparison level, plus the training log.</summary>
    public required MatchModel Model { get; init; }

    /// <summary>Stage -> seconds.</summary>
    public required IReadOnlyDictionary<string, double> TimingsSeconds { get; init; }

    /// <summary>Scorer whose probabilities made the links: <c>fellegi-sunter</c> or <c>learned</c>.</summary>
    public string Scorer { get; init; } = "fellegi-sunter";

    /// <summary>Disclosure class of every job column and classified source column (docs/privacy.md).</summary>
    public IReadOnlyDictionary<string, string> Classifications { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Scored pairs kept (probability at or above <c>keep_probability</c>) by match probability: bin i counts
    /// p in [i/n, (i+1)/n), the last bin includes 1; n = <see cref="LinkagePipeline.HistogramBins"/>.
    /// </summary>
    public IReadOnlyList<long> ProbabilityHistogram { get; init; } = [];

    /// <summary>Evaluation.</summary>
    public required EvaluationReport Evaluation { get; init; }

    /// <summary>The register posterior's prior (given or estimated) when <c>resolution.register_posterior</c> is on, else null.</summary>
    public Resolution.RegisterPosteriorResult? RegisterPosterior { get; init; }
}
