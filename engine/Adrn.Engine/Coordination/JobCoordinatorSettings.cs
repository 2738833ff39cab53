namespace Adrn.Engine.Coordination;

/// <summary>Typed settings of a <see cref="JobCoordinator"/>.</summary>
public sealed record JobCoordinatorSettings
{
    /// <summary>Failures of one partition (errors reported by workers, not lost workers) after which the job fails. Default 3.</summary>
    public int MaxFailuresPerPartition { get; init; } = 3;

    /// <summary>Whether result files journalled as finished are re-checked (existence and SHA-256) when a job resumes. Default true.</summary>
    public bool VerifyResultsOnResume { get; init; } = true;

    /// <summary>The settings used when none are given.</summary>
    public static JobCoordinatorSettings Default { get; } = new();
}
