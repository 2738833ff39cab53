using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Learning.Features;

/// <summary>
/// The learned scorer's feature vector: for every comparison that is not excluded, in gamma-vector order,
/// <list type="bullet">
/// <item><c>&lt;name&gt;_gamma</c>: the level as an ordinal (-1 null, 0 else, 1..L from worst to best listed level);</item>
/// <item><c>&lt;name&gt;_is_null</c>, <c>&lt;name&gt;_is_else</c>, <c>&lt;name&gt;_level_&lt;g&gt;</c>: the level one-hot;</item>
/// <item><c>&lt;name&gt;_similarity</c>: a raw similarity in [0, 1] (Jaro–Winkler for text and names, rarity-weighted token
/// set for company names, exp(-days/365) for dates, 1/0.75/0.5/0.25/0 for postcode unit/sector/district/area/else,
/// 1 - relative difference for numbers), 0 when a value is missing;</item>
/// <item><c>&lt;name&gt;_rarity_l</c>, <c>&lt;name&gt;_rarity_r</c>: -log10 of each value's term frequency (0 when missing);</item>
/// <item><c>&lt;name&gt;_missing_l</c>, <c>&lt;name&gt;_missing_r</c>: 1 when that side's value is missing.</item>
/// </list>
/// </summary>
public sealed class PairFeatureLayout
{
    /// <summary>Features per comparison beyond the level one-hot (gamma, similarity, two rarities, two missing flags).</summary>
    private const int FixedPerComparison = 6;

    private PairFeatureLayout(PreparedLinkage prepared, ComparisonSet comparisons, int[] included, int[] offsets, ColumnType[] types, IReadOnlyList<string> names, IReadOnlyList<string> excluded)
    {
        Prepared = prepared;
        Comparisons = comparisons;
        Included = included;
        Offsets = offsets;
        ColumnTypes = types;
        FeatureNames = names;
        ExcludedComparisons = excluded;
    }

    /// <summary>The prepared records the layout is bound to.</summary>
    public PreparedLinkage Prepared { get; }

    /// <summary>The job's comparisons.</summary>
    public ComparisonSet Comparisons { get; }

    /// <summary>Indices (in gamma-vector order) of the comparisons that give features.</summary>
    public IReadOnlyList<int> Included { get; }

    /// <summary>Per included comparison: offset of its first feature.</summary>
    internal int[] Offsets { get; }

    /// <summary>Per included comparison: its column's type.</summary>
    internal ColumnType[] ColumnTypes { get; }

    /// <summary>Names of the comparisons left out of the features.</summary>
    public IReadOnlyList<string> ExcludedComparisons { get; }

    /// <summary>Feature names, in vector order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Length of the feature vector.</summary>
    public int Count => FeatureNames.Count;

    /// <summary>Builds the layout.</summary>
    /// <param name="prepared">Prepared records (for column types).</param>
    /// <param name="comparisons">The job's comparisons.</param>
    /// <param name="excluded">Names of comparisons to leave out (for example the identifier that produced the labels).</param>
    /// <returns>The layout.</returns>
    /// <exception cref="ArgumentException">An excluded name matches no comparison, or nothing is left.</exception>
    public static PairFeatureLayout Create(PreparedLinkage prepared, ComparisonSet comparisons, IReadOnlyList<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(excluded);
        var names = comparisons.Configs.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = excluded.Where(e => !names.Contains(e)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"excluded comparison(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} match no comparison of the job (comparisons: {string.Join(", ", names)})", nameof(excluded));
        var included = new List<int>();
        var offsets = new List<int>();
        var types = new List<ColumnType>();
        var featureNames = new List<string>();
        for (var c = 0; c < comparisons.Count; c++)
        {
            var cfg = comparisons.Configs[c];
            if (excluded.Contains(cfg.Name, StringComparer.Ordinal)) continue;
            included.Add(c);
            offsets.Add(featureNames.Count);
            types.Add(prepared.Records.Column(cfg.Column).Config.Type);
            featureNames.Add(cfg.Name + "_gamma");
            featureNames.Add(cfg.Name + "_is_null");
            featureNames.Add(cfg.Name + "_is_else");
            for (var g = 1; g <= cfg.Levels.Count; g++) featureNames.Add($"{cfg.Name}_level_{g}");
            featureNames.Add(cfg.Name + "_similarity");
            featureNames.Add(cfg.Name + "_rarity_l");
            featureNames.Add(cfg.Name + "_rarity_r");
            featureNames.Add(cfg.Name + "_missing_l");
            featureNames.Add(cfg.Name + "_missing_r");
        }

        if (included.Count == 0)
            throw new ArgumentException("every comparison is excluded: the learned scorer needs at least one comparison to learn from", nameof(excluded));
        System.Diagnostics.Debug.Assert(featureNames.Count == included.Sum(c => comparisons.Configs[c].Levels.Count + 2 + FixedPerComparison));
        return new PairFeatureLayout(prepared, comparisons, included.ToArray(), offsets.ToArray(), types.ToArray(), featureNames, excluded.ToList());
    }

    /// <summary>A writer for one thread (it owns similarity caches).</summary>
    /// <returns>The writer.</returns>
    public PairFeatureWriter CreateWriter() => new(this);
}
