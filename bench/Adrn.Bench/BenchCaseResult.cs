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
}
