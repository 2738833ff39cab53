namespace Adrn.Linkage.Scoring;

/// <summary>A sorted in-memory batch (see <see cref="ScoredPairBatch.ToMergeOrder"/>) read as a run.</summary>
/// <param name="batch">The batch, in merge order, indexed in the job's table.</param>
public sealed class ScoredPairBatchRun(ScoredPairBatch batch) : IScoredPairRun
{
    private int _row = -1;

    /// <inheritdoc />
    public int Left => batch.Left[_row];

    /// <inheritdoc />
    public int Right => batch.Right[_row];

    /// <inheritdoc />
    public double Weight => batch.Weight[_row];

    /// <inheritdoc />
    public double Probability => batch.Probability[_row];

    /// <inheritdoc />
    public int Rule => batch.Rules[_row];

    /// <inheritdoc />
    public ReadOnlySpan<sbyte> Gammas => batch.Gammas.AsSpan(_row * batch.ComparisonCount, batch.ComparisonCount);

    /// <inheritdoc />
    public bool MoveNext() => ++_row < batch.Count;

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: the batch is managed memory.
    }
}
