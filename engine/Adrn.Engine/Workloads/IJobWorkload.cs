using Adrn.Engine.Jobs;

namespace Adrn.Engine.Workloads;

/// <summary>
/// The linkage work of one job, cut into partitions. The actor runtime decides who runs which
/// partition and when; the workload does the computing and knows nothing of actors.
/// </summary>
/// <remarks>
/// NOTE: every method must be deterministic for a given job file and inputs: a partition may run
/// twice (a lost worker's task is handed out again) and several nodes may open the same job, and
/// the output must not depend on which of them ran it.
/// </remarks>
public interface IJobWorkload : IDisposable
{
    /// <summary>Hex hash of the job file and its inputs; a resumed job refuses to continue when it changed.</summary>
    string ConfigHash { get; }

    /// <summary>Where the workload's records came from when that is worth a line in the log (for example a prepared job reused on resume), or null.</summary>
    string? OpenedFrom => null;

    /// <summary>Number of partitions P of the blocking key space (at least 1).</summary>
    int PartitionCount { get; }

    /// <summary>
    /// Number of counting units (0 to U-1) run before training; 0 when the workload trains in one
    /// step in <see cref="TrainModel"/> without partitioned counting.
    /// </summary>
    int CountingUnitCount { get; }

    /// <summary>Counts the agreement patterns of one partition's candidate pairs and writes the counts to <paramref name="outputPath"/>.</summary>
    /// <param name="partition">Counting unit index, 0 to U-1.</param>
    /// <param name="outputPath">File to create (a temporary name; the runtime renames it when complete).</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>Rows written and candidate pairs compared.</returns>
    PartitionWork CountPatterns(int partition, string outputPath, CancellationToken cancellationToken);

    /// <summary>Trains the model (EM) on the merged counts of every partition.</summary>
    /// <param name="countFiles">The count files of units 0 to U-1, in unit order (empty when U is 0).</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>The trained model as JSON (journalled, and sent with every scoring task).</returns>
    string TrainModel(IReadOnlyList<string> countFiles, CancellationToken cancellationToken);

    /// <summary>Scores one partition's candidate pairs and streams them to an Arrow file sorted by (id_l, id_r).</summary>
    /// <param name="partition">Partition index, 0 to P-1.</param>
    /// <param name="modelJson">The model returned by <see cref="TrainModel"/>.</param>
    /// <param name="outputPath">File to create (a temporary name; the runtime renames it when complete).</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>Rows written and candidate pairs compared.</returns>
    PartitionWork ScorePartition(int partition, string modelJson, string outputPath, CancellationToken cancellationToken);

    /// <summary>
    /// Makes one task's inputs readable by workers on other nodes (a partition slice in the job's folder) and
    /// completes when they are. Called by the coordinator before it hands the task to a worker on another node;
    /// workers on the coordinator's own node use the open workload directly. The default has nothing to ship.
    /// </summary>
    /// <param name="phase">The phase of the task.</param>
    /// <param name="partition">The partition or counting unit.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>A task that completes when the inputs are in place.</returns>
    Task ShipAsync(JobPhase phase, int partition, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Merges the scored partitions into the job's outputs (deterministic order) and writes the model and report.</summary>
    /// <param name="scoreFiles">The score files of partitions 0 to P-1, in partition order.</param>
    /// <param name="modelJson">The trained model.</param>
    /// <param name="cancellationToken">Stops the work early.</param>
    /// <returns>What was written.</returns>
    JobSummary WriteOutputs(IReadOnlyList<string> scoreFiles, string modelJson, CancellationToken cancellationToken);
}
