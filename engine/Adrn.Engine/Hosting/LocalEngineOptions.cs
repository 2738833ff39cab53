using Adrn.Engine.Coordination;
using Adrn.Engine.Workers;

namespace Adrn.Engine.Hosting;

/// <summary>Typed options of local mode: one in-process actor system running coordinator and workers.</summary>
public sealed record LocalEngineOptions
{
    /// <summary>Workers, each running one partition at a time. Default: one per core.</summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The journal; required.</summary>
    public required JournalOptions Journal { get; init; }

    /// <summary>Coordinator settings.</summary>
    public JobCoordinatorSettings Coordinator { get; init; } = JobCoordinatorSettings.Default;

    /// <summary>Worker settings.</summary>
    public PartitionWorkerSettings Worker { get; init; } = PartitionWorkerSettings.Default;

    /// <summary>
    /// Lowest Akka log level written to standard output, or null for no Akka log at all (<c>adrn link</c> without
    /// <c>--verbose</c>: the command reports progress and the outcome itself). Default warnings.
    /// </summary>
    public Akka.Event.LogLevel? LogLevel { get; init; } = Akka.Event.LogLevel.WarningLevel;

    /// <summary>Whether logged exceptions show their stack traces. Default false: one line with the innermost error.</summary>
    public bool LogStackTraces { get; init; }
}
