namespace Adrn.Linkage.Blocking;

/// <summary>
/// Chooses the bands b and rows r of MinHash locality-sensitive hashing from a target similarity: two values of
/// Jaccard similarity s share at least one band with probability P(s) = 1 − (1 − s^r)^b (an S-curve in s). The choice
/// is the largest r (the steepest curve, so the fewest dissimilar candidates) with r ≤ <see cref="MaxRows"/> whose
/// b = ⌈ln(1 − recall) / ln(1 − s^r)⌉ is at most <see cref="MaxBands"/>, so that P(target) ≥ recall.
/// </summary>
public static class MinHashBanding
{
    /// <summary>Largest number of bands (keys per record) chosen.</summary>
    public const int MaxBands = 20;

    /// <summary>Largest number of rows per band chosen.</summary>
    public const int MaxRows = 8;

    /// <summary>Probability that a pair at the target similarity becomes a candidate.</summary>
    public const double DefaultRecall = 0.95;

    /// <summary>Bands and rows for a target similarity.</summary>
    /// <param name="similarity">Target Jaccard similarity of the q-gram sets, in (0, 1).</param>
    /// <param name="recall">Probability (0..1) that a pair at the target similarity shares a band; default 0.95.</param>
    /// <returns>(bands, rows).</returns>
    public static (int Bands, int Rows) Choose(double similarity, double recall = DefaultRecall)
    {
        if (!(similarity > 0 && similarity < 1)) throw new ArgumentOutOfRangeException(nameof(similarity), similarity, "a similarity strictly between 0 and 1 is needed");
        if (!(recall > 0 && recall < 1)) throw new ArgumentOutOfRangeException(nameof(recall), recall, "a recall strictly between 0 and 1 is needed");
        var best = (Bands: 1, Rows: 1);
        for (var rows = 1; rows <= MaxRows; rows++)
        {
            var bands = BandsFor(similarity, rows, recall);
            if (bands > MaxBands) break;
            best = (bands, rows);
        }

        return best;
    }

    /// <summary>Probability that two values of Jaccard similarity <paramref name="similarity"/> share a band.</summary>
    /// <param name="similarity">Jaccard similarity in [0, 1].</param>
    /// <param name="bands">Bands.</param>
    /// <param name="rows">Rows per band.</param>
    /// <returns>1 − (1 − s^rows)^bands.</returns>
    public static double CandidateProbability(double similarity, int bands, int rows) =>
        1 - Math.Pow(1 - Math.Pow(similarity, rows), bands);

    private static int BandsFor(double similarity, int rows, double recall)
    {
        var perBand = Math.Pow(similarity, rows);
        if (perBand >= 1) return 1;
        return Math.Max(1, (int)Math.Ceiling(Math.Log(1 - recall) / Math.Log(1 - perBand)));
    }
}
