namespace Adrn.Engine.Workloads;

/// <summary>What running one partition produced.</summary>
/// <param name="Rows">Rows written to the result file.</param>
/// <param name="PairsCompared">Candidate pairs compared.</param>
public readonly record struct PartitionWork(long Rows, long PairsCompared);
