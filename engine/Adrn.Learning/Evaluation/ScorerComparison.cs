using System.Globalization;
using System.Text;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Resolution;
using Adrn.Linkage.Scoring;

namespace Adrn.Learning.Evaluation;

/// <summary>
/// Puts several scorers side by side on the same held-out truth: each scorer's pairs are resolved with the job's
/// method and threshold, then links and true pairs are counted over the held-out left records only (those no
/// training label came from).
/// </summary>
public static class ScorerComparison
{
    /// <summary>Precision, recall and F1 of one scorer's pairs on held-out records.</summary>
    /// <param name="scorer">Scorer name for the table.</param>
    /// <param name="pairs">Scored pairs, sorted as <see cref="ScoredPairBatch.Merge"/> returns them.</param>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="method">Resolution method.</param>
    /// <param name="threshold">Match-probability threshold.</param>
    /// <param name="truth">True pairs.</param>
    /// <param name="isHeldOut">Whether a left record id is held out.</param>
    /// <returns>The metrics.</returns>
    public static ScorerMetrics Evaluate(string scorer, ScoredPairBatch pairs, PreparedLinkage prepared, ResolutionMethod method, double threshold,
        TruthPairs truth, Func<string, bool> isHeldOut)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(isHeldOut);
        var ids = prepared.Records.Ids;
        var rows = LinkResolver.Resolve(pairs, prepared.Records, method, threshold);
        long links = 0, tp = 0;
        foreach (var row in rows)
        {
            var l = ids[pairs.Left[row]];
            var r = ids[pairs.Right[row]];
            if (!isHeldOut(l)) continue;
            links++;
            if (truth.Contains(l, r)) tp++;
        }

        long truthCount = 0;
        foreach (var (l, _) in truth.Pairs)
            if (isHeldOut(l)) truthCount++;
        return ScorerMetrics.From(scorer, threshold, links, tp, truthCount);
    }

    /// <summary>A plain-text table of several scorers' metrics.</summary>
    /// <param name="rows">Metrics, one per scorer.</param>
    /// <returns>The table.</returns>
    public static string ToTable(IEnumerable<ScorerMetrics> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendLine("scorer            threshold     links        tp     truth  precision    recall        F1");
        foreach (var m in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Scorer,-16} {m.Threshold,10:0.###} {m.Links,9} {m.TruePositives,9} {m.TruthPairs,9} {m.Precision,10:0.0000} {m.Recall,9:0.0000} {m.F1,9:0.0000}"));
        return sb.ToString();
    }
}
