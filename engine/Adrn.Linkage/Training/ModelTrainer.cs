using System.Globalization;
using System.Diagnostics;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Training;

/// <summary>
/// Stage 5: estimates the model as Splink does: u by random sampling, lambda from deterministic rules and an
/// assumed recall, m by EM rounds each blocked on one rule (comparisons on that rule's columns are left out of
/// the round, since blocking forces them to agree); a comparison's m is the mean over the rounds that
/// estimated it. Hand-set m/u in the config override the estimates. The pipeline's training stage
/// (<see cref="LinkagePipeline.Train"/>) calls <see cref="Finish"/> on the counting units' histograms.
/// </summary>
public static class ModelTrainer
{
    /// <summary>
    /// The coordinator's half of partitioned training: samples u (seeded, so every run samples the same pairs),
    /// estimates lambda from the deterministic rules, and runs EM round by round on the merged counts.
    /// Merged counts are exact integer sums, so the model does not depend on where or in which order units were counted.
    /// </summary>
    /// <param name="plan">The plan the counts were made from.</param>
    /// <param name="mergedCountsPerRound">Per round of <see cref="TrainingPlan.Rounds"/>, in order: the sum of the histograms of its counting units.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">The counts do not match the plan's rounds or comparisons.</exception>
    public static MatchModel Finish(TrainingPlan plan, IReadOnlyList<AgreementPatternCounts> mergedCountsPerRound,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(mergedCountsPerRound);
        if (mergedCountsPerRound.Count != plan.Rounds.Count)
            throw new ArgumentException($"expected merged counts for {plan.Rounds.Count} EM rounds, got {mergedCountsPerRound.Count}", nameof(mergedCountsPerRound));
        if (mergedCountsPerRound.FirstOrDefault(c => c.ComparisonCount != plan.Comparisons.Count) is { } wrong)
            throw new ArgumentException($"counts over {wrong.ComparisonCount} comparisons do not fit a plan with {plan.Comparisons.Count}", nameof(mergedCountsPerRound));
        // u and lambda need the records, not the counts: a driver may have started them while the units were counted
        // (TrainingPlan.StartPrior). Their progress reports were kept and are given now, in the order they came.
        var prior = plan.Prior(ct);
        if (progress is not null)
            foreach (var report in prior.Reports) progress.Report(report);
        return RunRounds(plan, mergedCountsPerRound, (prior.U, prior.Lambda, [.. prior.Log]), ct);
    }

    /// <summary>u (seeded random sampling, or hand-set) and lambda (deterministic rules, or hand-set), with their log entries and progress reports.</summary>
    internal static TrainingPrior EstimatePrior(TrainingPlan plan)
    {
        var reports = new List<LinkageProgress>();
        var (u, lambda, log) = EstimatePrior(plan, new KeptProgress(reports), CancellationToken.None);
        return new TrainingPrior(u, lambda, log, reports);
    }

    private static (double[][] U, double Lambda, List<TrainingRoundLog> Log) EstimatePrior(TrainingPlan plan, IProgress<LinkageProgress>? progress, CancellationToken ct)
    {
        var prepared = plan.Prepared;
        var comparisons = plan.Comparisons;
        var partitions = plan.Partitions;
        var config = prepared.Config;
        var training = config.Training;
        var cfg = comparisons.Configs;
        var k = cfg.Count;
        var log = new List<TrainingRoundLog>();

        // u
        double[][] u = cfg.Select(c => DefaultU(c.Levels.Count)).ToArray();
        if (cfg.Any(c => c.FixedU is null))
        {
            progress?.Report(new LinkageProgress("u_sampling", 0, training.UMaxPairs, 0));
            var sw = Stopwatch.StartNew();
            var est = UEstimator.EstimateUUsingRandomSampling(prepared, comparisons, training.UMaxPairs, training.Seed, ct);
            progress?.Report(new LinkageProgress("u_sampling", est.Pairs, est.Pairs, est.Pairs / Math.Max(sw.Elapsed.TotalSeconds, 1e-9))
            {
                Seconds = sw.Elapsed.TotalSeconds,
                Detail = string.Create(CultureInfo.InvariantCulture, $"u estimated from {est.Pairs:N0} random pairs"),
            });
            u = est.U;
            log.Add(new TrainingRoundLog
            {
                Step = "u: random sampling",
                Pairs = est.Pairs,
                Estimated = cfg.Where(c => c.FixedU is null).Select(c => c.Name).ToList(),
                Note = est.Exhaustive ? "every possible pair compared" : $"seed {training.Seed}",
                Seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
            });
        }

        for (var c = 0; c < k; c++)
            if (cfg[c].FixedU is { } fu) u[c] = ByGamma(fu);

        // lambda
        double lambda;
        if (training.ProbabilityTwoRandomRecordsMatch is { } fixedLambda)
        {
            lambda = fixedLambda;
            log.Add(new TrainingRoundLog { Step = "lambda: fixed", Pairs = 0, Note = "probability_two_random_records_match from config" });
        }
        else
        {
            progress?.Report(new LinkageProgress("lambda", 0, 1, 0));
            var sw = Stopwatch.StartNew();
            // The pairs are already counted when the rules lead the job's blocking rules; an EM round of the same rule
            // has the same plan (same rule, same partitions); otherwise the rules are blocked here.
            var matches = plan.DeterministicRulePairs
                ?? (plan.RoundPlanOf(training.DeterministicRules) ?? BlockingPlan.Build(prepared, training.DeterministicRules, partitions)).CountComparisonsAdded(-1, ct).Sum();
            if (matches == 0)
                throw new InvalidOperationException("training.deterministic_rules produce no pairs, so lambda cannot be estimated; loosen the rules or set probability_two_random_records_match");
            lambda = Math.Clamp(matches / training.Recall / prepared.TotalPossiblePairs, 1e-12, 0.5);
            log.Add(new TrainingRoundLog
            {
                Step = "lambda: deterministic rules",
                Pairs = matches,
                Seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
                Note = $"{matches} pairs from {string.Join(" | ", training.DeterministicRules.Select(r => r.Name))} / recall {training.Recall} / {prepared.TotalPossiblePairs:G6} possible pairs",
            });
            progress?.Report(new LinkageProgress("lambda", 1, 1, 0)
            {
                Seconds = sw.Elapsed.TotalSeconds,
                Detail = string.Create(CultureInfo.InvariantCulture, $"λ = {lambda:G4} from {matches:N0} pairs agreeing on the deterministic rules"),
            });
        }

        return (u, lambda, log);
    }

    /// <summary>EM round by round on the merged counts, then the model.</summary>
    private static MatchModel RunRounds(TrainingPlan plan, IReadOnlyList<AgreementPatternCounts> mergedCountsPerRound,
        (double[][] U, double Lambda, List<TrainingRoundLog> Log) prior, CancellationToken ct)
    {
        var config = plan.Prepared.Config;
        var cfg = plan.Comparisons.Configs;
        var k = cfg.Count;
        var (u, lambda, log) = prior;
        // m
        var m = cfg.Select(c => c.FixedM is { } fm ? ByGamma(fm) : DefaultM(c.Levels.Count)).ToArray();
        var sums = cfg.Select(c => new double[c.Levels.Count + 1]).ToArray();
        var rounds = new int[k];
        for (var r = 0; r < plan.Rounds.Count; r++)
        {
            ct.ThrowIfCancellationRequested();
            var round = plan.Rounds[r];
            var active = round.ActiveMask;
            var counts = mergedCountsPerRound[r];
            if (counts.TotalPairs == 0)
            {
                log.Add(new TrainingRoundLog { Step = $"em: {round.Config.BlockingRule.Name}", Pairs = 0, Converged = false, Note = "the rule produced no pairs; round skipped" });
                continue;
            }

            var sw = Stopwatch.StartNew();
            var result = ExpectationMaximisation.Run(counts, 0.3, m, u, active, estimateU: false, round.Config.MaxIterations, round.Config.Tolerance);
            for (var c = 0; c < k; c++)
            {
                if (!active[c]) continue;
                rounds[c]++;
                for (var g = 0; g < sums[c].Length; g++) sums[c][g] += result.M[c][g];
                // Later rounds start from the running mean, as Splink's later sessions start from the updated model.
                for (var g = 0; g < sums[c].Length; g++) m[c][g] = sums[c][g] / rounds[c];
            }

            log.Add(new TrainingRoundLog
            {
                Step = $"em: {round.Config.BlockingRule.Name}",
                Pairs = counts.TotalPairs,
                Estimated = Enumerable.Range(0, k).Where(c => active[c]).Select(c => cfg[c].Name).ToList(),
                Iterations = result.Iterations,
                Converged = result.Converged,
                Seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
                Note = $"{counts.PatternCount} distinct agreement patterns; proportion of matches in round {result.Lambda:G6}",
            });
        }

        return BuildModel(config, cfg, lambda, m, u, log);
    }

    internal static MatchModel BuildModel(LinkageJobConfig config, IReadOnlyList<ComparisonConfig> cfg, double lambda, double[][] m, double[][] u, IReadOnlyList<TrainingRoundLog> log)
    {
        var comparisons = new List<ComparisonParameters>();
        for (var c = 0; c < cfg.Count; c++)
        {
            var levels = new List<LevelParameters> { new() { Gamma = -1, Label = "null", Type = "null" } };
            var n = cfg[c].Levels.Count;
            for (var i = 0; i < n; i++)
            {
                var l = cfg[c].Levels[i];
                var g = n - i;
                levels.Add(new LevelParameters
                {
                    Gamma = g,
                    Label = l.Label,
                    Type = l.Kind.ToString().ToSnakeCase(),
                    Threshold = l.Kind is ComparisonLevelKind.Exact or ComparisonLevelKind.Swapped or ComparisonLevelKind.DateOneCharacter or ComparisonLevelKind.DateDayMonthSwap
                        or ComparisonLevelKind.PostcodeArea or ComparisonLevelKind.PostcodeDistrict or ComparisonLevelKind.PostcodeSector ? null : l.Threshold,
                    TermFrequency = l.TermFrequency,
                    M = m[c][g],
                    U = u[c][g],
                    MatchWeight = Weight(m[c][g], u[c][g]),
                });
            }

            levels.Add(new LevelParameters { Gamma = 0, Label = "else", Type = "else", M = m[c][0], U = u[c][0], MatchWeight = Weight(m[c][0], u[c][0]) });
            comparisons.Add(new ComparisonParameters { Name = cfg[c].Name, Column = cfg[c].Column, Levels = levels });
        }

        return new MatchModel
        {
            LinkType = config.LinkType.ToString().ToSnakeCase(),
            ProbabilityTwoRandomRecordsMatch = lambda,
            TfMinimumU = config.TermFrequency.MinimumU,
            TfWeight = config.TermFrequency.Weight,
            Comparisons = comparisons,
            Training = log,
        };
    }

    /// <summary>The model EM starts from: default (or hand-set) m and u per comparison, lambda from the config or 0.01. Useful for benchmarks and tests that need a model without training.</summary>
    /// <param name="config">The job.</param>
    /// <param name="comparisons">The comparisons.</param>
    /// <returns>The model.</returns>
    public static MatchModel StartingModel(LinkageJobConfig config, ComparisonSet comparisons)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(comparisons);
        var cfg = comparisons.Configs;
        var m = cfg.Select(c => c.FixedM is { } fm ? ByGamma(fm) : DefaultM(c.Levels.Count)).ToArray();
        var u = cfg.Select(c => c.FixedU is { } fu ? ByGamma(fu) : DefaultU(c.Levels.Count)).ToArray();
        return BuildModel(config, cfg, config.Training.ProbabilityTwoRandomRecordsMatch ?? 0.01, m, u, []);
    }

    /// <summary>Smallest m or u used in a weight.</summary>
    internal const double ProbabilityFloor = 1e-6;

    /// <summary>
    /// log2(m/u) with both floored at 1e-6: a level never seen among matches (m = 0 after EM, e.g. a rare
    /// swapped-names level) gets a large but finite penalty instead of minus infinity, and a level that is
    /// both rare and unseen (m and u at the floor) is neutral.
    /// </summary>
    internal static double Weight(double m, double u) => Math.Log2(Math.Max(m, ProbabilityFloor) / Math.Max(u, ProbabilityFloor));

    /// <summary>Config lists probabilities else-first; by gamma that is the same order.</summary>
    private static double[] ByGamma(IReadOnlyList<double> p) => p.ToArray();

    /// <summary>Starting m: weight 4^gamma normalised, so the best level starts with most of the mass.</summary>
    internal static double[] DefaultM(int levels)
    {
        var m = new double[levels + 1];
        var sum = 0.0;
        for (var g = 0; g <= levels; g++) sum += m[g] = Math.Pow(4, g);
        for (var g = 0; g <= levels; g++) m[g] /= sum;
        return m;
    }

    private static double[] DefaultU(int levels)
    {
        var u = new double[levels + 1];
        var sum = 0.0;
        for (var g = 0; g <= levels; g++) sum += u[g] = Math.Pow(0.1, g);
        for (var g = 0; g <= levels; g++) u[g] /= sum;
        return u;
    }

    /// <summary>Keeps progress reports in a list (synchronously, unlike <see cref="Progress{T}"/>), to be given later.</summary>
    private sealed class KeptProgress(List<LinkageProgress> reports) : IProgress<LinkageProgress>
    {
        public void Report(LinkageProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
