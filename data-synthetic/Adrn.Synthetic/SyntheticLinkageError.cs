using System.Globalization;
using Adrn.Synthetic.LinkageError;
using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic;

/// <summary>Draws <see cref="LinkageErrorScenario"/> populations: two files, candidate pairs with match probabilities, and the truth.</summary>
public static class SyntheticLinkageError
{
    /// <summary>Draws one population.</summary>
    /// <param name="seed">Seed: the same seed and scenario give the same population.</param>
    /// <param name="scenario">The scenario; null for the defaults.</param>
    /// <exception cref="ArgumentException">Invalid sizes or rates.</exception>
    public static LinkageErrorPopulation Simulate(ulong seed, LinkageErrorScenario? scenario = null)
    {
        scenario ??= new LinkageErrorScenario();
        if (scenario.LeftRecords < 2 || scenario.ExtraRightRecords < 1)
            throw new ArgumentException("A linkage-error scenario needs at least 2 left records and 1 extra right record.", nameof(scenario));
        if (!(scenario.BlockingRecall is >= 0 and <= 1) || !(scenario.ExtraFalseCandidates >= 0) || !(scenario.ResidualSd > 0))
            throw new ArgumentException("Blocking recall must be in [0, 1], extra false candidates and the residual sd non-negative and positive.", nameof(scenario));

        var rng = new SeededRandom(seed, 1);
        var n = scenario.LeftRecords;
        var m = n + scenario.ExtraRightRecords;
        var x = new double[m];
        var y = new double[m];
        for (var i = 0; i < m; i++)
        {
            x[i] = rng.NextNormal();
            y[i] = scenario.Intercept + (scenario.Slope * x[i]) + rng.NextNormal(0, scenario.ResidualSd);
        }

        // Right records are shuffled so their order says nothing about the left file.
        var order = Enumerable.Range(0, m).ToArray();
        rng.Shuffle(order);
        var rightPosition = new int[m];
        for (var j = 0; j < m; j++) rightPosition[order[j]] = j;
        var rightId = Enumerable.Range(0, m).Select(j => "P" + (j + 1).ToString("D7", CultureInfo.InvariantCulture)).ToArray();
        var rightY = order.Select(u => y[u]).ToArray();
        var leftId = Enumerable.Range(0, n).Select(i => "C" + (i + 1).ToString("D7", CultureInfo.InvariantCulture)).ToArray();

        var pairLeft = new List<string>();
        var pairRight = new List<string>();
        var isTrue = new List<bool>();
        var score = new List<double>();
        var d = scenario.ScoreSeparation;
        for (var i = 0; i < n; i++)
        {
            var chosen = new HashSet<int>();
            if (rng.Chance(scenario.BlockingRecall))
            {
                chosen.Add(i);
                pairLeft.Add(leftId[i]);
                pairRight.Add(rightId[rightPosition[i]]);
                isTrue.Add(true);
                score.Add(rng.NextNormal(d, 1));
            }

            var falseCandidates = 1 + Poisson(rng, scenario.ExtraFalseCandidates);
            for (var f = 0; f < falseCandidates; f++)
            {
                int u;
                do u = rng.NextInt(m); while (u == i || !chosen.Add(u));
                pairLeft.Add(leftId[i]);
                pairRight.Add(rightId[rightPosition[u]]);
                isTrue.Add(false);
                score.Add(rng.NextNormal(0, 1));
            }
        }

        // Each record's candidates get the exact posterior over "which one is the true partner, or none" under
        // the generating model: the partner is present with probability ρ (its prior given the number of
        // candidates follows from the false-candidate count 1 + Poisson(μ)), equally likely in any position, and
        // scores are N(d, 1) for the partner and N(0, 1) otherwise. These record-level probabilities sum to at
        // most one per record and are calibrated: P(candidate is the partner | evidence) = p.
        var probability = new double[score.Count];
        var first = 0;
        while (first < pairLeft.Count)
        {
            var last = first;
            while (last < pairLeft.Count && pairLeft[last] == pairLeft[first]) last++;
            var count = last - first;
            var rho = scenario.BlockingRecall;
            double presentPrior = rho * PoissonProbability(count - 2, scenario.ExtraFalseCandidates);
            double absentPrior = (1 - rho) * PoissonProbability(count - 1, scenario.ExtraFalseCandidates);
            var present = presentPrior / (presentPrior + absentPrior);
            double total = 1 - present;
            for (var j = first; j < last; j++)
            {
                probability[j] = present / count * Math.Exp((d * score[j]) - (0.5 * d * d)); // φ(s − d)/φ(s)
                total += probability[j];
            }

            for (var j = first; j < last; j++) probability[j] /= total;
            first = last;
        }

        // Precision of the naive link set: each record's most probable candidate at p ≥ 0.5.
        int linked = 0, correct = 0;
        var start = 0;
        while (start < pairLeft.Count)
        {
            var end = start;
            while (end < pairLeft.Count && pairLeft[end] == pairLeft[start]) end++;
            var best = start;
            for (var j = start + 1; j < end; j++) if (probability[j] > probability[best]) best = j;
            if (probability[best] >= 0.5) { linked++; if (isTrue[best]) correct++; }
            start = end;
        }

        return new LinkageErrorPopulation
        {
            Scenario = scenario,
            LeftId = leftId,
            LeftX = x.Take(n).ToArray(),
            RightId = rightId,
            RightY = rightY,
            PairLeft = [.. pairLeft],
            PairRight = [.. pairRight],
            PairProbability = probability,
            PairIsTrue = [.. isTrue],
            BestLinkPrecision = linked == 0 ? double.NaN : correct / (double)linked,
            BestLinkRate = linked / (double)n,
        };
    }

    private static double PoissonProbability(int k, double mean)
    {
        if (k < 0) return 0;
        var p = Math.Exp(-mean);
        for (var i = 1; i <= k; i++) p *= mean / i;
        return p;
    }

    private static int Poisson(SeededRandom rng, double mean)
    {
        if (mean <= 0) return 0;
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = rng.NextDouble();
        while (product > limit) { k++; product *= rng.NextDouble(); }
        return k;
    }
}
