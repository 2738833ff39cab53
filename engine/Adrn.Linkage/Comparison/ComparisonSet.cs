using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Comparison;

/// <summary>
/// The job's comparisons bound to prepared columns: immutable and shared by all threads. Each thread creates
/// its own <see cref="PairComparer"/> (which owns the value-pair caches) with <see cref="CreateComparer()"/>.
/// </summary>
public sealed class ComparisonSet
{
    private ComparisonSet(IReadOnlyList<ComparisonConfig> configs, CompiledComparison[] compiled, RecordTable records)
    {
        Configs = configs;
        Compiled = compiled;
        Records = records;
    }

    /// <summary>The records the set was created from; new comparers are bound to them (see <see cref="PairComparer.Bind"/>).</summary>
    public RecordTable Records { get; }

    /// <summary>The comparisons' configuration, in gamma-vector order.</summary>
    public IReadOnlyList<ComparisonConfig> Configs { get; }

    internal CompiledComparison[] Compiled { get; }

    /// <summary>Number of comparisons (length of a gamma vector).</summary>
    public int Count => Compiled.Length;

    /// <summary>Binds the comparisons to the prepared columns.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="comparisons">Comparisons in order.</param>
    /// <returns>The set.</returns>
    public static ComparisonSet Create(PreparedLinkage prepared, IReadOnlyList<ComparisonConfig> comparisons)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        var compiled = new CompiledComparison[comparisons.Count];
        for (var i = 0; i < compiled.Length; i++) compiled[i] = new CompiledComparison(comparisons[i], prepared.Records);
        return new ComparisonSet(comparisons, compiled, prepared.Records);
    }

    /// <summary>A comparer for one thread (it owns mutable caches: do not share it across threads).</summary>
    /// <returns>A new comparer with full-size value-pair caches.</returns>
    public PairComparer CreateComparer() => new(this, long.MaxValue);

    /// <summary>A comparer for one thread whose value-pair caches are sized for about <paramref name="expectedPairs"/> pairs.</summary>
    /// <param name="expectedPairs">How many pairs it will compare (for example a partition's pair upper bound).</param>
    /// <returns>A new comparer.</returns>
    public PairComparer CreateComparer(long expectedPairs) => new(this, expectedPairs);
}
