namespace Adrn.Bench.Scaling;

/// <summary>One run of the actor engine as the user runs it (<c>adrn link</c>), timed from the client's progress lines.</summary>
public sealed record EngineRunMeasurement
{
    /// <summary><c>local</c> (one process, in-process workers) or <c>cluster</c> (a seed node and worker node processes).</summary>
    public required string Mode { get; init; }

    /// <summary>Worker processes (cluster) or 1 (local).</summary>
    public required int Processes { get; init; }

    /// <summary>Workers in all (each scores one partition at a time).</summary>
    public required int Workers { get; init; }

    /// <summary>Seconds from starting <c>adrn link</c> to its exit (includes process start and reading the inputs).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Seconds from the client command's start to its summary line (the job; wall adds runtime start-up and exit).</summary>
    public required double JobSeconds { get; init; }

    /// <summary>Seconds from the command's start to the start of the counting phase (the coordinator has read, standardised and blocked the inputs).</summary>
    public required double OpenSeconds { get; init; }

    /// <summary>Seconds from the start of the counting phase to the last counted unit (includes any worker preparation not overlapped with the coordinator's).</summary>
    public required double CountingSeconds { get; init; }

    /// <summary>Seconds from the last counted unit to the start of the scoring phase (merge counts, u sampling, EM on the coordinator).</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>Seconds from the start of the scoring phase to the last scored partition.</summary>
    public required double ScoringSeconds { get; init; }

    /// <summary>Seconds from the last scored partition to the summary line (merge, resolve, write).</summary>
    public required double WriteSeconds { get; init; }

    /// <summary>Scored pairs written, from the client's summary line.</summary>
    public required long PairsWritten { get; init; }

    /// <summary>CPU seconds (user + system) of all the run's processes during the job (client sampled every 50 ms; nodes from when the client started).</summary>
    public required double CpuSeconds { get; init; }

    /// <summary>Largest peak RSS of any process of the run (client, seed, workers), MiB.</summary>
    public required double PeakRssMaxMiB { get; init; }

    /// <summary>Sum of the processes' peak RSS, MiB (an upper bound on the run's footprint at any moment).</summary>
    public required double PeakRssSumMiB { get; init; }

    /// <summary>SHA-256 over (id_l, id_r, match_weight) of every row of links.arrow, in file order.</summary>
    public required string LinksDigest { get; init; }
}
