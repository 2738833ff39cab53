namespace Adrn.Engine.Workers;

/// <summary>Typed settings of a <see cref="PartitionWorker"/>.</summary>
public sealed record PartitionWorkerSettings
{
    private readonly int _tasksAhead = 1;

    /// <summary>
    /// How often a worker with room for another task asks for work again (it also asks right after each task).
    /// Covers requests lost while a coordinator restarts. Default 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Tasks a worker holds beyond the one it runs, received while it runs and started the moment it ends, so the
    /// round trip of report, journal write and next task (about 10 ms across nodes) is not spent idle. Tasks are
    /// messages (a partition's records are loaded when its task starts), so memory stays bounded by the workers.
    /// 0: ask for the next task only after reporting the last. Default 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int TasksAhead
    {
        get => _tasksAhead;
        init => _tasksAhead = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(TasksAhead), value, "TasksAhead must be 0 or more.");
    }

    /// <summary>The settings used when none are given.</summary>
    public static PartitionWorkerSettings Default { get; } = new();
}
