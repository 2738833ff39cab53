namespace Adrn.Bench;

/// <summary>Measurements of one benchmark case (one data size).</summary>
public sealed record BenchCaseResult
{
    /// <summary>Employee records.</summary>
    public required long Employees { get; init; }

    /// <summary>Employer records.</summary>
    public required int Employers { get; init; }

    /// <summary>Candidate pairs produced by blocking.</summary>
    public required long CandidatePairs { get; init; }

    /// <summary>Engine end-to-end stage seconds (LinkageJob.Run timings: prepare, blocking, training, scoring, resolution, writing, total).</summary>
    public required IReadOnlyDictionary<string, double> EngineStages { get; init; }

    /// <summary>Threads used by the end-to-end engine run.</summary>
    public required int EngineThreads { get; init; }

    /// <summary>Peak RSS of the end-to-end engine run, MiB.</summary>
    public required double EnginePeakMiB { get; init; }

    /// <summary>Seconds the peer took to load the prepared records into DuckDB.</summary>
    public required double PeerLoadSeconds { get; init; }

    /// <summary>Compare+score measurements by thread count.</summary>
    public required IReadOnlyList<ScoringMeasurement> Scoring { get; init; }

    /// <summary>Pair-by-pair check, or null when not run.</summary>
    public PeerVerification? Verification { get; init; }

    /// <summary>Engine compare+score plus the merge of partition batches into id order (as in LinkageJob's scoring lap), seconds.</summary>
    public double EngineScoreAndMergeSeconds { get; init; }

    /// <summary>Distinct agreement patterns over all candidate pairs.</summary>
    public int Patterns { get; init; }

    /// <summary>Seconds to count the agreement patterns of all candidate pairs.</summary>
    public double PatternCountSeconds { get; init; }

    /// <summary>EM iterations run on the pattern counts.</summary>
    public int EmIterations { get; init; }

    /// <summary>Seconds of those EM iterations.</summary>
    public double EmSeconds { get; init; }

    /// <summary>Runs of <c>adrn link</c> as processes (local workers, cluster worker processes); empty when not run.</summary>
    public IReadOnlyList<Scaling.EngineRunMeasurement> EngineRuns { get; init; } = [];

    /// <summary>1-minute load average at the end of the case.</summary>
    public double LoadAverage { get; init; } = double.NaN;
}
