using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Scoring;

/// <summary>
/// Grows the columns of a <see cref="ScoredPairBatch"/> pair by pair: amortised doubling, nothing allocated per
/// pair, so it can sit in the scoring loop.
/// </summary>
public sealed class ScoredPairBatchBuilder
{
    private readonly int _k;
    private int[] _left;
    private int[] _right;
    private double[] _weight;
    private double[] _probability;
    private sbyte[] _gammas;
    private sbyte[] _rules;

    /// <summary>Creates an empty builder.</summary>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <param name="capacity">Pairs to make room for at first.</param>
    public ScoredPairBatchBuilder(int comparisonCount, int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(comparisonCount);
        capacity = Math.Max(capacity, 16);
        _k = comparisonCount;
        _left = new int[capacity];
        _right = new int[capacity];
        _weight = new double[capacity];
        _probability = new double[capacity];
        _gammas = new sbyte[(long)capacity * comparisonCount];
        _rules = new sbyte[capacity];
    }

    /// <summary>Pairs added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one pair.</summary>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <param name="weight">Match weight.</param>
    /// <param name="probability">Match probability.</param>
    /// <param name="gammas">Gamma vector (<see cref="ScoredPairBatch.ComparisonCount"/> long).</param>
    /// <param name="rule">Blocking rule that produced the pair, or -1.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int left, int right, double weight, double probability, ReadOnlySpan<sbyte> gammas, int rule)
    {
        if (Count == _left.Length) Grow();
        var i = Count++;
        _left[i] = left;
        _right[i] = right;
        _weight[i] = weight;
        _probability[i] = probability;
        gammas[.._k].CopyTo(_gammas.AsSpan(i * _k, _k));
        _rules[i] = (sbyte)rule;
    }

    /// <summary>Adds row <paramref name="row"/> of <paramref name="batch"/>.</summary>
    /// <param name="batch">A batch with the same gamma vector length.</param>
    /// <param name="row">Row index.</param>
    public void AddRow(ScoredPairBatch batch, int row) =>
        Add(batch.Left[row], batch.Right[row], batch.Weight[row], batch.Probability[row], batch.Gammas.AsSpan(row * _k, _k), batch.Rules[row]);

    /// <summary>The batch of the pairs added (the builder must not be used afterwards).</summary>
    /// <returns>The batch.</returns>
    public ScoredPairBatch Build() => new(_k, _left, _right, _weight, _probability, _gammas, _rules, Count);

    private void Grow()
    {
        var n = _left.Length * 2;
        Array.Resize(ref _left, n);
        Array.Resize(ref _right, n);
        Array.Resize(ref _weight, n);
        Array.Resize(ref _probability, n);
        Array.Resize(ref _gammas, n * _k);
        Array.Resize(ref _rules, n);
    }
}
