using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;

namespace Adrn.Linkage.Resolution;

/// <summary>
/// Register-aware resolution: each left record's candidates compete. With N_R right (register) records, a prior π that a
/// left record has a match among them, a uniform prior π/N_R on each, and the Fellegi–Sunter Bayes factor
/// BF_ij = m(γ_ij)/u(γ_ij) (with term-frequency adjustments; BF = 2^(match weight − prior weight)) as the likelihood
/// ratio of "i matches j" against "i matches none", the posterior over "which register entry, or none" is
/// <code>
/// P(i ↔ j | data) = (π/N_R)·BF_ij / ((1 − π) + (π/N_R)·Σ_k BF_ik),    P(i ↔ none | data) = (1 − π) / (same denominator)
/// </code>
/// summing over i's scored candidates k (pairs not blocked or below keep_probability count as BF = 0). One clearly best
/// candidate gets nearly all of the mass; two near-equal candidates share it. π is given, or estimated by the fixed
/// point π ← (1/N_L)·Σ_i P(i ↔ some | data, π) over all N_L left records (EM for the mixing weight; records without
/// candidates add 0).
/// </summary>
public static class RegisterPosterior
{
    /// <summary>Attaches resolved probabilities to pairs sorted by left record (as <see cref="ScoredPairBatch.Merge"/> sorts them).</summary>
    /// <param name="pairs">Scored pairs, those of one left record contiguous.</param>
    /// <param name="prepared">The records (left = the first source, right = the second).</param>
    /// <param name="config">The posterior's options.</param>
    /// <param name="priorMatchWeight">The model's prior match weight log2(λ/(1−λ)).</param>
    /// <returns>The pairs with <see cref="ScoredPairBatch.Resolved"/> set, and the prior π used (given or estimated).</returns>
    public static (ScoredPairBatch Pairs, RegisterPosteriorResult Result) Attach(ScoredPairBatch pairs, PreparedLinkage prepared,
        RegisterPosteriorConfig config, double priorMatchWeight)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(config);
        var records = prepared.Records;
        if (records.SourceStart.Length != 3)
            throw new InvalidOperationException("the register posterior needs a link_only job: a left source and a right (register) source");
        var leftCount = records.SourceStart[1] - records.SourceStart[0];
        var rightCount = records.SourceStart[2] - records.SourceStart[1];
        var result = Compute(pairs.Left, pairs.Weight, pairs.Count, leftCount, rightCount, priorMatchWeight, config, out var resolved);
        return (pairs.WithResolved(resolved), result);
    }

    /// <summary>The posterior for pairs given as arrays (left record per pair, contiguous per left record; match weight per pair).</summary>
    /// <param name="left">Left record per pair.</param>
    /// <param name="weight">Match weight per pair.</param>
    /// <param name="count">Number of pairs.</param>
    /// <param name="leftRecords">N_L: number of left records (for the estimate of π).</param>
    /// <param name="rightRecords">N_R: number of right (register) records.</param>
    /// <param name="priorMatchWeight">log2(λ/(1−λ)) of the model the weights come from.</param>
    /// <param name="config">Options (given prior or estimate).</param>
    /// <param name="resolved">Resolved probability per pair.</param>
    /// <returns>The prior used and how it was found.</returns>
    public static RegisterPosteriorResult Compute(int[] left, double[] weight, int count, int leftRecords, int rightRecords,
        double priorMatchWeight, RegisterPosteriorConfig config, out double[] resolved)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(rightRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(leftRecords, 1);
        // log2 BF per pair, once.
        var logBf = new double[count];
        for (var i = 0; i < count; i++) logBf[i] = weight[i] - priorMatchWeight;
        resolved = new double[count];
        var log2Records = Math.Log2(rightRecords);
        if (config.Prior is { } given)
        {
            Posterior(left, logBf, count, given, log2Records, resolved);
            return new RegisterPosteriorResult(given, false, 0, true);
        }

        // EM for the mixing weight: each step is the mean posterior probability that a left record has some match.
        var prior = 0.5;
        var iterations = 0;
        var converged = false;
        while (iterations < config.MaxIterations)
        {
            iterations++;
            var some = Posterior(left, logBf, count, prior, log2Records, resolved);
            var next = Math.Clamp(some / leftRecords, 1e-9, 1 - 1e-9);
            var change = Math.Abs(next - prior);
            prior = next;
            if (change < config.Tolerance)
            {
                converged = true;
                break;
            }
        }

        Posterior(left, logBf, count, prior, log2Records, resolved);
        return new RegisterPosteriorResult(prior, true, iterations, converged);
    }

    /// <summary>Fills the posterior of every pair for prior π; returns Σ over left records of P(some match).</summary>
    private static double Posterior(int[] left, double[] logBf, int count, double prior, double log2Records, double[] resolved)
    {
        // In log2: none = log2(1 − π); candidate k = log2(π) − log2(N_R) + log2 BF_k. Normalised with the largest term
        // subtracted first, so weights of ±60 bits neither overflow nor vanish.
        var logNone = Math.Log2(1 - prior);
        var logEach = Math.Log2(prior) - log2Records;
        var some = 0.0;
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && left[end] == left[start]) end++;
            var max = logNone;
            for (var k = start; k < end; k++) max = Math.Max(max, logEach + logBf[k]);
            var total = Math.Pow(2, logNone - max);
            for (var k = start; k < end; k++) total += Math.Pow(2, logEach + logBf[k] - max);
            var none = Math.Pow(2, logNone - max) / total;
            for (var k = start; k < end; k++) resolved[k] = Math.Pow(2, logEach + logBf[k] - max) / total;
            some += 1 - none;
            start = end;
        }

        return some;
    }
}
