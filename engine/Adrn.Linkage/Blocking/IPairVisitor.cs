namespace Adrn.Linkage.Blocking;

/// <summary>
/// Receives candidate pairs from <see cref="BlockingPartition.ForEachPair{TVisitor}"/>. Implement it on a struct:
/// the generic call is then specialised by the JIT and the per-pair call is inlined, with no delegate or
/// allocation per pair.
/// </summary>
public interface IPairVisitor
{
    /// <summary>Handles one candidate pair.</summary>
    /// <param name="left">Record index of the left record (the smaller index for dedupe).</param>
    /// <param name="right">Record index of the right record.</param>
    /// <param name="rule">Index of the blocking rule that produced the pair (the first that matches it).</param>
    void Visit(int left, int right, int rule);
}
