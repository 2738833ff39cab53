namespace Adrn.Engine.Jobs;

/// <summary>
/// A finished partition: the result file (written atomically), how many rows it holds and its
/// SHA-256 checksum, so a resumed job can trust it without recomputing it.
/// </summary>
/// <param name="Phase">The phase that produced the file.</param>
/// <param name="Partition">Partition index, 0 to P-1.</param>
/// <param name="RelativePath">Path of the result file relative to the job's output folder.</param>
/// <param name="Rows">Rows in the file: pairs counted (counting) or pairs written (scoring).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="PairsCompared">Candidate pairs the partition compared (drives the pairs-per-second figure).</param>
public sealed record PartitionResult(
    JobPhase Phase,
    int Partition,
    string RelativePath,
    long Rows,
    string Sha256,
    long PairsCompared);
