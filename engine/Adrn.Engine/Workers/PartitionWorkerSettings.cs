namespace Adrn.Engine.Workers;

/// <summary>Typed settings of a <see cref="PartitionWorker"/>.</summary>
public sealed record PartitionWorkerSettings
{
    /// <summary>
    /// How often an idle worker asks for work again (it also asks right after each task). Covers
    /// requests lost while a coordinator restarts. Default 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The settings used when none are given.</summary>
    public static PartitionWorkerSettings Default { get; } = new();
}
