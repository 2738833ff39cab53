using System.Diagnostics;
using System.Globalization;
using Adrn.Learning.Configuration;
using Adrn.Learning.Features;
using Adrn.Learning.Labels;
using Adrn.Learning.Scoring;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Preparation;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Adrn.Learning.Training;

/// <summary>
/// Trains the learned scorer: labels candidate pairs with the identifier rule (on the rule subset of left records),
/// adds labels from files and clerical review (they override the rule and carry more weight), fits FastTree
/// gradient-boosted trees on one fold of left records and a Platt calibration on the other. Held-out left records
/// never contribute a label.
/// </summary>
public static class LearnedModelTrainer
{
    /// <summary>Trains a scorer.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="comparisons">The job's comparisons.</param>
    /// <param name="plan">The job's blocking plan (candidate pairs for the identifier rule).</param>
    /// <param name="options">Training options.</param>
    /// <param name="labels">Labels from files or clerical review (may be empty).</param>
    /// <returns>The trained scorer.</returns>
    /// <exception cref="ArgumentException">Options name unknown comparisons or are invalid.</exception>
    /// <exception cref="InvalidOperationException">There are no labels, or only one class.</exception>
    public static LearnedScorer Train(PreparedLinkage prepared, ComparisonSet comparisons, BlockingPlan plan, LearnedScoringOptions options,
        IReadOnlyList<PairLabel>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        labels ??= [];
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var clock = Stopwatch.StartNew();
        var ids = prepared.Records.Ids;
        var split = new LeftRecordSplit(options.Seed, options.HoldoutShare, options.RuleShare, options.CalibrationShare);
        var layout = PairFeatureLayout.Create(prepared, comparisons, options.ExcludedComparisons);
        var writer = layout.CreateWriter();
        var matrix = new PairFeatureMatrix(layout.Count, comparisons.Count, 1 << 14);
        var isMatch = new List<bool>();
        var weight = new List<float>();

        long ruleMatches = 0, ruleNonMatches = 0;
        if (options.IdentifierRule.Count > 0)
        {
            var rule = RuleComparisons(comparisons, options.IdentifierRule);
            var inSubset = new bool[ids.Length];
            for (var i = 0; i < ids.Length; i++) inSubset[i] = split.InRuleSubset(ids[i]);
            var visitor = new RuleVisitor(matrix, writer, inSubset, rule.Index, rule.Best, isMatch);
            foreach (var partition in plan.Partitions) partition.ForEachPair(ref visitor);
            AddRandomPairs(prepared, options, inSubset, ref visitor);
            foreach (var m in isMatch)
            {
                if (m) ruleMatches++;
                else ruleNonMatches++;
                weight.Add(1f);
            }
        }

        long clerical = 0, heldOut = 0;
        if (labels.Count > 0)
        {
            var rowOf = new Dictionary<(int, int), int>(matrix.Count);
            for (var i = 0; i < matrix.Count; i++) rowOf[(matrix.Left[i], matrix.Right[i])] = i;
            foreach (var label in labels)
            {
                if (split.IsHeldOut(ids[label.Left]))
                {
                    heldOut++;
                    continue;
                }

                clerical++;
                if (!rowOf.TryGetValue((label.Left, label.Right), out var row))
                {
                    row = matrix.Append(label.Left, label.Right, writer);
                    rowOf[(label.Left, label.Right)] = row;
                    isMatch.Add(label.IsMatch);
                    weight.Add(0);
                }

                isMatch[row] = label.IsMatch;
                weight[row] = (float)options.ClericalLabelWeight;
            }
        }

        var matches = isMatch.Count(m => m);
        if (matches == 0 || matches == isMatch.Count)
            throw new InvalidOperationException($"the training labels hold {matches} match(es) and {isMatch.Count - matches} non-match(es); the learned scorer needs both — check identifier_rule ({string.Join(", ", options.IdentifierRule)}), rule_share and the labels file");

        var chosen = Subsample(isMatch, weight, options.MaxTrainingPairs, options.Seed);
        var fit = new List<int>();
        var cal = new List<int>();
        foreach (var row in chosen)
            (split.InCalibrationFold(ids[matrix.Left[row]]) ? cal : fit).Add(row);

        var ml = LearnedScorer.NewContext(options.Seed);
        var fitRows = fit.ToArray();
        var fitView = new FeatureMatrixDataView(matrix, fitRows, fitRows.Select(r => isMatch[r]).ToArray(), fitRows.Select(r => weight[r]).ToArray());
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = FeatureMatrixDataView.LabelColumn,
            FeatureColumnName = FeatureMatrixDataView.FeaturesColumn,
            ExampleWeightColumnName = FeatureMatrixDataView.WeightColumn,
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumPairsPerLeaf,
            LearningRate = options.LearningRate,
            // One thread and no bagging or feature sampling: the same labels and seed give the same trees.
            NumberOfThreads = 1,
            Seed = options.Seed,
        });
        var model = trainer.Fit(fitView);

        // The raw scores of the calibration fold come from the fitted trees alone; the provisional scorer's identity
        // calibration and placeholder metadata are never used for probabilities.
        var provisional = new LearnedScorer(ml, model, fitView.Schema, layout, new PlattCalibration(-1, 0), Placeholder(prepared, comparisons, layout, options));
        var calibrationNote = "Platt scaling fitted on the calibration fold (left records held out of tree fitting)";
        var calRows = cal.ToArray();
        if (calRows.Select(r => isMatch[r]).Distinct().Count() < 2)
        {
            // A tiny label set can leave one class out of the calibration fold; calibrating on the fitting fold is then
            // the only option, and the metadata says so.
            calRows = fitRows;
            calibrationNote = "Platt scaling fitted on the training fold (the calibration fold lacked a class)";
        }

        var raw = provisional.RawScores(matrix, calRows);
        var calLabels = calRows.Select(r => isMatch[r]).ToArray();
        var platt = PlattCalibration.Fit(raw, calLabels);
        double logLoss = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var p = Math.Clamp(platt.Probability(raw[i]), 1e-12, 1 - 1e-12);
            logLoss -= calLabels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        var metadata = new LearnedModelMetadata
        {
            Job = prepared.Config.Name,
            Comparisons = comparisons.Configs.Select(c => c.Name).ToList(),
            ExcludedComparisons = layout.ExcludedComparisons,
            Features = layout.FeatureNames,
            IdentifierRule = options.IdentifierRule,
            RuleMatches = ruleMatches,
            RuleNonMatches = ruleNonMatches,
            ClericalLabels = clerical,
            LabelsOnHeldOutRecords = heldOut,
            TrainingPairs = fitRows.Length,
            TrainingMatches = fitRows.Count(r => isMatch[r]),
            CalibrationPairs = calRows.Length,
            Calibration = calibrationNote,
            PlattA = platt.A,
            PlattB = platt.B,
            CalibrationLogLoss = raw.Length == 0 ? double.NaN : logLoss / raw.Length,
            Trees = options.Trees,
            Leaves = options.Leaves,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            HoldoutShare = options.HoldoutShare,
            RuleShare = options.RuleShare,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            TrainedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        return new LearnedScorer(ml, model, fitView.Schema, layout, platt, metadata);
    }

    private static LearnedModelMetadata Placeholder(PreparedLinkage prepared, ComparisonSet comparisons, PairFeatureLayout layout, LearnedScoringOptions options) => new()
    {
        Job = prepared.Config.Name, Comparisons = comparisons.Configs.Select(c => c.Name).ToList(), ExcludedComparisons = layout.ExcludedComparisons,
        Features = layout.FeatureNames, IdentifierRule = options.IdentifierRule, RuleMatches = 0, RuleNonMatches = 0, ClericalLabels = 0,
        LabelsOnHeldOutRecords = 0, TrainingPairs = 0, TrainingMatches = 0, CalibrationPairs = 0, Calibration = "none", PlattA = -1, PlattB = 0,
        CalibrationLogLoss = double.NaN, Trees = options.Trees, Leaves = options.Leaves, LearningRate = options.LearningRate, Seed = options.Seed,
        HoldoutShare = options.HoldoutShare, RuleShare = options.RuleShare, Seconds = 0, TrainedUtc = string.Empty,
    };

    /// <summary>Resolves the identifier rule to comparison indices and their best gamma.</summary>
    private static (int[] Index, sbyte[] Best) RuleComparisons(ComparisonSet comparisons, IReadOnlyList<string> rule)
    {
        var index = new int[rule.Count];
        var best = new sbyte[rule.Count];
        var unknown = new List<string>();
        for (var r = 0; r < rule.Count; r++)
        {
            index[r] = -1;
            for (var c = 0; c < comparisons.Count; c++)
            {
                if (comparisons.Configs[c].Name != rule[r]) continue;
                index[r] = c;
                best[r] = (sbyte)comparisons.Configs[c].Levels.Count;
            }

            if (index[r] < 0) unknown.Add(rule[r]);
        }

        if (unknown.Count > 0)
            throw new ArgumentException($"identifier_rule names unknown comparison(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} (comparisons: {string.Join(", ", comparisons.Configs.Select(c => c.Name))})", nameof(rule));
        return (index, best);
    }

    /// <summary>
    /// Adds <see cref="LearnedScoringOptions.RandomPairsPerRecord"/> random partners per rule-subset record, labelled by the
    /// rule like candidate pairs.
    /// </summary>
    /// <remarks>
    /// NOTE: candidate pairs alone are a biased sample: the only candidates whose other fields all disagree are those
    /// the identifier's own blocking rule produced, so the rule labels nearly all of them matches and the model would
    /// learn "nothing agrees => match". Random pairs (as in u sampling) show it what disagreement looks like among
    /// non-matches.
    /// </remarks>
    private static void AddRandomPairs(PreparedLinkage prepared, LearnedScoringOptions options, bool[] inSubset, ref RuleVisitor visitor)
    {
        if (options.RandomPairsPerRecord == 0) return;
        var records = prepared.Records;
        var cross = prepared.IsCrossSourceOnly;
        var (from, to) = cross ? (records.SourceStart[1], records.SourceStart[2]) : (0, records.Count);
        if (to - from < 2) return;
        var rng = new Random(options.Seed);
        var leftEnd = cross ? records.SourceStart[1] : records.Count;
        for (var i = 0; i < leftEnd; i++)
        {
            if (!inSubset[i]) continue;
            for (var k = 0; k < options.RandomPairsPerRecord; k++)
            {
                var j = rng.Next(from, to);
                if (j == i) continue;
                if (!cross && j < i) visitor.Visit(j, i, -1);
                else visitor.Visit(i, j, -1);
            }
        }
    }

    /// <summary>Keeps every clerical label and every match; non-matches are sampled down (seeded) to the cap.</summary>
    private static List<int> Subsample(List<bool> isMatch, List<float> weight, int max, int seed)
    {
        var all = Enumerable.Range(0, isMatch.Count).ToList();
        if (all.Count <= max) return all;
        var keep = all.Where(i => isMatch[i] || weight[i] != 1f).ToList();
        var others = all.Where(i => !isMatch[i] && weight[i] == 1f).ToArray();
        var rng = new Random(seed);
        rng.Shuffle(others);
        keep.AddRange(others.Take(Math.Max(0, max - keep.Count)));
        keep.Sort();
        return keep;
    }

    /// <summary>Appends the rule subset's candidate pairs with their rule label; pairs the rule cannot decide are dropped.</summary>
    private readonly struct RuleVisitor(PairFeatureMatrix matrix, PairFeatureWriter writer, bool[] inSubset, int[] rule, sbyte[] best, List<bool> labels) : IPairVisitor
    {
        public void Visit(int left, int right, int ruleIndex)
        {
            // Random pairs (rule index -1) were drawn for a subset record, which may be the right one after ordering.
            if (!inSubset[left] && ruleIndex >= 0) return;
            var row = matrix.Append(left, right, writer);
            var gammas = matrix.Gammas.AsSpan(row * matrix.ComparisonCount, matrix.ComparisonCount);
            var agree = true;
            for (var r = 0; r < rule.Length; r++)
            {
                var g = gammas[rule[r]];
                if (g < 0)
                {
                    // The identifier is missing on a side: the rule cannot decide, so the pair stays unlabelled.
                    matrix.RemoveLast();
                    return;
                }

                agree &= g == best[r];
            }

            labels.Add(agree);
        }
    }
}
