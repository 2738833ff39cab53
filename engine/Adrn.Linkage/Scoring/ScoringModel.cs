using System.Runtime.CompilerServices;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Scoring;

/// <summary>
/// A model bound to prepared data for scoring: per comparison a table of level weights by gamma and, for
/// exact levels with a term-frequency adjustment, a precomputed adjustment per distinct value, so a pair's
/// weight is a few array reads and additions.
/// </summary>
public sealed class ScoringModel
{
    private ScoringModel(MatchModel model, ComparisonSet comparisons, PreparedLinkage prepared, double[][] weights, int[] tfGamma, double[]?[] tfAdjust)
    {
        Model = model;
        Comparisons = comparisons;
        Prepared = prepared;
        LevelWeights = weights;
        TfGamma = tfGamma;
        TfAdjustment = tfAdjust;
        Prior = model.PriorMatchWeight;
    }

    /// <summary>The model.</summary>
    public MatchModel Model { get; }

    /// <summary>The comparisons.</summary>
    public ComparisonSet Comparisons { get; }

    /// <summary>The prepared records the model is bound to.</summary>
    public PreparedLinkage Prepared { get; }

    /// <summary>log2 prior odds.</summary>
    public double Prior { get; }

    /// <summary>Per comparison, weight by gamma + 1 (index 0 = null = 0).</summary>
    internal double[][] LevelWeights { get; }

    /// <summary>Per comparison: gamma of the exact level carrying a TF adjustment, or int.MinValue.</summary>
    internal int[] TfGamma { get; }

    /// <summary>Per comparison: TF adjustment by value id, or null.</summary>
    internal double[]?[] TfAdjustment { get; }

    /// <summary>Binds a model to prepared data.</summary>
    /// <param name="model">The model (its comparisons must match the job's, by name and level count).</param>
    /// <param name="comparisons">The job's comparisons bound to the data.</param>
    /// <param name="prepared">Prepared records.</param>
    /// <returns>The scoring model.</returns>
    /// <exception cref="InvalidDataException">The model does not fit the comparisons.</exception>
    public static ScoringModel Create(MatchModel model, ComparisonSet comparisons, PreparedLinkage prepared)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(prepared);
        var k = comparisons.Count;
        if (model.Comparisons.Count != k)
            throw new InvalidDataException($"the model has {model.Comparisons.Count} comparisons, the job has {k}");
        var weights = new double[k][];
        var tfGamma = new int[k];
        var tfAdjust = new double[]?[k];
        for (var c = 0; c < k; c++)
        {
            var cfg = comparisons.Configs[c];
            var mc = model.Comparisons[c];
            if (mc.Name != cfg.Name || mc.GammaCount != cfg.Levels.Count + 1)
                throw new InvalidDataException($"model comparison {c} is '{mc.Name}' with {mc.GammaCount} levels; the job has '{cfg.Name}' with {cfg.Levels.Count + 1}");
            weights[c] = new double[cfg.Levels.Count + 2];
            for (var g = 0; g <= cfg.Levels.Count; g++)
            {
                var l = mc.Level(g);
                weights[c][g + 1] = Training.ModelTrainer.Weight(l.M ?? 1, l.U ?? 1);
            }

            tfGamma[c] = int.MinValue;
            for (var i = 0; i < cfg.Levels.Count; i++)
            {
                var level = cfg.Levels[i];
                if (!level.TermFrequency || level.Kind != ComparisonLevelKind.Exact) continue;
                var g = cfg.Levels.Count - i;
                tfGamma[c] = g;
                var uExact = mc.Level(g).U ?? 1;
                var column = prepared.Records.Column(cfg.Column);
                var frequencies = TermFrequencies.Of(column, prepared.Records, prepared.Config.TermFrequency.Source);
                var adj = new double[column.Values.Length];
                for (var v = 0; v < adj.Length; v++)
                {
                    // Splink: for an exact match on value v, u is replaced by the value's term frequency,
                    // i.e. the weight gains log2(u_exact / tf(v)), tf bounded below by tf_minimum_u_value.
                    var tf = Math.Max(frequencies[v], Math.Max(model.TfMinimumU, 1e-12));
                    adj[v] = model.TfWeight * Math.Log2(uExact / tf);
                }

                tfAdjust[c] = adj;
                break;
            }
        }

        return new ScoringModel(model, comparisons, prepared, weights, tfGamma, tfAdjust);
    }

    /// <summary>Match weight of a pair given its gammas (no allocation).</summary>
    /// <param name="left">Left record.</param>
    /// <param name="right">Right record.</param>
    /// <param name="gammas">The pair's gamma vector.</param>
    /// <returns>The match weight (log2 Bayes factor plus prior).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double MatchWeight(int left, int right, ReadOnlySpan<sbyte> gammas)
    {
        var w = Prior;
        for (var c = 0; c < gammas.Length; c++)
        {
            var g = gammas[c];
            w += LevelWeights[c][g + 1];
            if (g == TfGamma[c]) w += TfAdjustment[c]![Comparisons.Compiled[c].Column.ValueIds[left]];
        }

        return w;
    }

    /// <summary>Match weight of a pair of the records <paramref name="comparer"/> is bound to (no allocation).</summary>
    /// <param name="comparer">The comparer that computed <paramref name="gammas"/> (its bound records give the TF value ids).</param>
    /// <param name="left">Left record, in the comparer's bound records.</param>
    /// <param name="gammas">The pair's gamma vector.</param>
    /// <returns>The match weight (log2 Bayes factor plus prior).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double MatchWeight(PairComparer comparer, int left, ReadOnlySpan<sbyte> gammas)
    {
        var w = Prior;
        for (var c = 0; c < gammas.Length; c++)
        {
            var g = gammas[c];
            w += LevelWeights[c][g + 1];
            if (g == TfGamma[c]) w += TfAdjustment[c]![comparer.ValueId(c, left)];
        }

        return w;
    }

    /// <summary>Probability from a match weight: 2^w / (1 + 2^w).</summary>
    /// <param name="weight">Match weight.</param>
    /// <returns>The probability.</returns>
    public static double Probability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    /// <summary>Explains one pair: each comparison's level, label, values and weight (data for a waterfall chart).</summary>
    /// <param name="left">Left record index.</param>
    /// <param name="right">Right record index.</param>
    /// <returns>The explanation.</returns>
    public MatchWeightExplanation Explain(int left, int right)
    {
        var records = Prepared.Records;
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(left, records.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(right, records.Count);
        var comparer = Comparisons.CreateComparer();
        var gammas = new sbyte[Comparisons.Count];
        comparer.Compare(left, right, gammas);
        var terms = new List<ComparisonExplanation>();
        for (var c = 0; c < gammas.Length; c++)
        {
            var cfg = Comparisons.Configs[c];
            var column = records.Column(cfg.Column);
            var g = gammas[c];
            var tf = g == TfGamma[c] ? TfAdjustment[c]![column.ValueIds[left]] : 0;
            terms.Add(new ComparisonExplanation(cfg.Name, g, Model.Comparisons[c].Level(g).Label,
                column.ValueOf(left), column.ValueOf(right), LevelWeights[c][g + 1], tf));
        }

        var weight = MatchWeight(left, right, gammas);
        return new MatchWeightExplanation
        {
            IdLeft = records.Ids[left],
            IdRight = records.Ids[right],
            PriorMatchWeight = Prior,
            Comparisons = terms,
            MatchWeight = weight,
            MatchProbability = Probability(weight),
        };
    }

    /// <summary>Explains a pair given by source names and record ids.</summary>
    /// <param name="sourceLeft">Source of the left record.</param>
    /// <param name="idLeft">Id of the left record.</param>
    /// <param name="sourceRight">Source of the right record.</param>
    /// <param name="idRight">Id of the right record.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="KeyNotFoundException">A record does not exist.</exception>
    public MatchWeightExplanation Explain(string sourceLeft, string idLeft, string sourceRight, string idRight)
    {
        var records = Prepared.Records;
        int Find(string source, string id)
        {
            for (var s = 0; s < records.SourceNames.Count; s++)
                if (records.SourceNames[s] == source)
                {
                    var i = records.Find(s, id);
                    if (i >= 0) return i;
                }

            throw new KeyNotFoundException($"no record '{id}' in source '{source}'");
        }

        return Explain(Find(sourceLeft, idLeft), Find(sourceRight, idRight));
    }
}
