namespace Adrn.Learning.Features;

/// <summary>
/// Candidate pairs with their gamma and feature vectors in row-major arrays (pair i's features are
/// <c>Features[i * FeatureCount .. (i + 1) * FeatureCount)</c>). Arrays grow by doubling, so appending a pair allocates
/// nothing beyond amortised growth.
/// </summary>
public sealed class PairFeatureMatrix
{
    private int[] _left;
    private sbyte[] _rules;
    private int[] _right;
    private float[] _features;
    private sbyte[] _gammas;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="featureCount">Feature vector length.</param>
    /// <param name="comparisonCount">Gamma vector length.</param>
    /// <param name="capacity">Initial capacity in pairs.</param>
    public PairFeatureMatrix(int featureCount, int comparisonCount, int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(comparisonCount);
        capacity = Math.Max(capacity, 16);
        FeatureCount = featureCount;
        ComparisonCount = comparisonCount;
        _left = new int[capacity];
        _rules = new sbyte[capacity];
        _right = new int[capacity];
        _features = new float[capacity * featureCount];
        _gammas = new sbyte[capacity * comparisonCount];
    }

    /// <summary>Feature vector length.</summary>
    public int FeatureCount { get; }

    /// <summary>Gamma vector length.</summary>
    public int ComparisonCount { get; }

    /// <summary>Number of pairs.</summary>
    public int Count { get; private set; }

    /// <summary>Per pair: the blocking rule that produced it, or -1 (the first <see cref="Count"/> entries are used).</summary>
    public sbyte[] Rules => _rules;

    /// <summary>Left record per pair (the first <see cref="Count"/> entries are used).</summary>
    public int[] Left => _left;

    /// <summary>Right record per pair.</summary>
    public int[] Right => _right;

    /// <summary>Features, row-major.</summary>
    public float[] Features => _features;

    /// <summary>Gammas, row-major.</summary>
    public sbyte[] Gammas => _gammas;

    /// <summary>Compares a pair and appends it.</summary>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <param name="writer">The feature writer of the calling thread.</param>
    /// <param name="rule">The blocking rule that produced the pair, or -1.</param>
    /// <returns>The pair's row.</returns>
    public int Append(int left, int right, PairFeatureWriter writer, int rule = -1)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Count == _left.Length) Grow();
        var i = Count;
        _left[i] = left;
        _rules[i] = (sbyte)rule;
        _right[i] = right;
        writer.Write(left, right, _gammas.AsSpan(i * ComparisonCount, ComparisonCount), _features.AsSpan(i * FeatureCount, FeatureCount));
        Count++;
        return i;
    }

    /// <summary>Removes the last pair appended (used when a pair turns out to be unlabelled).</summary>
    public void RemoveLast()
    {
        if (Count == 0) throw new InvalidOperationException("the matrix is empty");
        Count--;
    }

    /// <summary>The features of one pair.</summary>
    /// <param name="row">Pair row.</param>
    /// <returns>The features.</returns>
    public ReadOnlySpan<float> FeaturesOf(int row) => _features.AsSpan(row * FeatureCount, FeatureCount);

    private void Grow()
    {
        var n = _left.Length * 2;
        Array.Resize(ref _left, n);
        Array.Resize(ref _rules, n);
        Array.Resize(ref _right, n);
        Array.Resize(ref _features, n * FeatureCount);
        Array.Resize(ref _gammas, n * ComparisonCount);
    }
}
