using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic.Register;

/// <summary>
/// Draws heavy-tailed firm sizes that add up exactly to the number of payroll persons, calibrated
/// to the UK shape (BPE 2016): firms of 250+ are about 0.1% of firms but hold about 40% of
/// employment, medium firms (50–249) about 12%, and the rest (mostly micro) about 48%.
/// </summary>
internal static class FirmSizeDistribution
{
    /// <summary>Target share of employment in firms of 250 or more.</summary>
    public const double LargeEmploymentShare = 0.40;

    /// <summary>Target share of employment in firms of 50 to 249.</summary>
    public const double MediumEmploymentShare = 0.12;

    /// <summary>Target share of firms that are large.</summary>
    public const double LargeFirmShare = 0.001;

    /// <summary>Pareto tail index of large-firm sizes.</summary>
    public const double LargeParetoAlpha = 1.1;

    /// <summary>Power-law exponent of medium-firm sizes on 50..249.</summary>
    public const double MediumExponent = 1.8;

    /// <summary>Draws sizes (each ≥ 1, summing to <paramref name="persons"/>) in random order.</summary>
    public static int[] Draw(int employers, long persons, SeededRandom rng)
    {
        var sizes = new int[employers];
        var nLarge = (int)Math.Max(employers >= 200 ? 3 : 1, Math.Round(LargeFirmShare * employers));
        var largeBudget = (long)Math.Round(LargeEmploymentShare * persons);
        // A large firm needs 250 workers; with few persons there may be room for fewer or none.
        nLarge = (int)Math.Min(nLarge, largeBudget / 300);
        nLarge = Math.Min(nLarge, employers / 10);
        if (nLarge == 0)
        {
            largeBudget = 0;
        }

        var mediumBudget = (long)Math.Round(MediumEmploymentShare * persons);
        var mediumCdf = PowerLawCdf(50, 249, MediumExponent);
        var mediumMean = Mean(mediumCdf, 50);
        var nMedium = (int)Math.Min(Math.Round(mediumBudget / mediumMean), (employers - nLarge) / 5);
        if (nMedium == 0)
        {
            mediumBudget = 0;
        }

        // Feasibility: every firm needs its band's minimum (250, 50 or 1 worker).
        while (nMedium > 0 && MinimumTotal(employers, nLarge, nMedium) > persons)
        {
            nMedium--;
        }

        while (nLarge > 0 && MinimumTotal(employers, nLarge, nMedium) > persons)
        {
            nLarge--;
        }

        largeBudget = nLarge == 0 ? 0 : Math.Max(250L * nLarge, largeBudget);
        mediumBudget = nMedium == 0 ? 0 : Math.Max(50L * nMedium, mediumBudget);
        var nRest = employers - nLarge - nMedium;
        var shortfall = nRest - (persons - largeBudget - mediumBudget);
        if (shortfall > 0)
        {
            // Too few persons for the targets: the large, then medium, budgets give way.
            var fromLarge = Math.Min(shortfall, largeBudget - 250L * nLarge);
            largeBudget -= fromLarge;
            mediumBudget -= Math.Min(shortfall - fromLarge, mediumBudget - 50L * nMedium);
        }

        var restBudget = persons - largeBudget - mediumBudget;

        var k = 0;
        // Large: 250 plus a Pareto-distributed share of the remaining budget.
        if (nLarge > 0)
        {
            var weights = new double[nLarge];
            var total = 0.0;
            for (var i = 0; i < nLarge; i++)
            {
                weights[i] = Math.Pow(1.0 - rng.NextDouble(), -1.0 / LargeParetoAlpha);
                total += weights[i];
            }

            var extra = largeBudget - 250L * nLarge;
            long assigned = 0;
            for (var i = 0; i < nLarge; i++)
            {
                var s = 250 + (int)Math.Floor(extra * weights[i] / total);
                sizes[k + i] = s;
                assigned += s;
            }

            sizes[k] += (int)(largeBudget - assigned);
            k += nLarge;
        }

        var mediumStart = k;
        for (var i = 0; i < nMedium; i++)
        {
            sizes[k++] = 50 + rng.PickCumulative(mediumCdf);
        }

        restBudget += AdjustToSum(sizes, mediumStart, nMedium, mediumBudget, 50, 249, rng);

        // Rest: discrete power law on 1..49 whose exponent is solved so the mean matches the budget.
        var restStart = k;
        var restMean = nRest > 0 ? (double)restBudget / nRest : 1;
        var restMax = restMean > 20 ? 249 : 49;
        var exponent = SolveExponent(restMax, restMean);
        var restCdf = PowerLawCdf(1, restMax, exponent);
        for (var i = 0; i < nRest; i++)
        {
            sizes[k++] = 1 + rng.PickCumulative(restCdf);
        }

        var leftover = AdjustToSum(sizes, restStart, nRest, restBudget, 1, restMax, rng);
        if (leftover != 0)
        {
            // Targets unreachable within the bands (extreme persons per firm): the largest firm absorbs it.
            sizes[0] += (int)leftover;
        }

        if (sizes.Sum(s => (long)s) != persons || sizes.Min() < 1)
        {
            throw new InvalidOperationException($"Firm sizes do not add up to {persons} persons over {employers} employers; this is a generator bug.");
        }

        rng.Shuffle(sizes);
        return sizes;
    }

    private static long MinimumTotal(int employers, int nLarge, int nMedium) =>
        250L * nLarge + 50L * nMedium + (employers - nLarge - nMedium);

    private static double[] PowerLawCdf(int min, int max, double exponent)
    {
        var weights = new double[max - min + 1];
        for (var s = min; s <= max; s++)
        {
            weights[s - min] = Math.Pow(s, -exponent);
        }

        return SeededRandom.Cumulative(weights);
    }

    private static double Mean(double[] cdf, int min)
    {
        var mean = 0.0;
        var previous = 0.0;
        for (var i = 0; i < cdf.Length; i++)
        {
            mean += (min + i) * (cdf[i] - previous);
            previous = cdf[i];
        }

        return mean / cdf[^1];
    }

    private static double SolveExponent(int max, double targetMean)
    {
        // Mean falls as the exponent rises: bisection on [0, 12].
        double lo = 0, hi = 12;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var mid = 0.5 * (lo + hi);
            if (Mean(PowerLawCdf(1, max, mid), 1) > targetMean)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    private static long AdjustToSum(int[] sizes, int start, int count, long target, int min, int max, SeededRandom rng)
    {
        if (count == 0)
        {
            return target;
        }

        long sum = 0;
        for (var i = start; i < start + count; i++)
        {
            sum += sizes[i];
        }

        var diff = target - sum;
        var guard = 0L;
        var limit = 50L * count + Math.Abs(diff) * 4;
        while (diff != 0 && guard++ < limit)
        {
            var i = start + rng.NextInt(count);
            if (diff > 0 && sizes[i] < max)
            {
                sizes[i]++;
                diff--;
            }
            else if (diff < 0 && sizes[i] > min)
            {
                sizes[i]--;
                diff++;
            }
        }

        return diff;
    }
}
