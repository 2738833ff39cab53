using System.Globalization;
using Adrn.Linkage.Input;

namespace Adrn.Linkage.Evaluation;

/// <summary>Stage 8: pairwise precision, recall and F1 of links against ground truth.</summary>
public static class LinkEvaluation
{
    /// <summary>Thresholds of the default precision–recall table.</summary>
    public static IReadOnlyList<double> DefaultThresholds { get; } =
        [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999];

    /// <summary>
    /// Evaluates a links (or pairs) file written by a run against a truth pairs file. A link counts when its
    /// <c>match_probability</c> is at or above <paramref name="threshold"/>; the precision–recall table varies the
    /// threshold over the same file.
    /// </summary>
    /// <param name="linksPath">A <c>links</c> or <c>pairs</c> output (Arrow, CSV or Parquet; columns id_l, id_r, match_probability;
    /// <c>resolved_probability</c> is used instead of <c>match_probability</c> when the file has it).</param>
    /// <param name="truthPath">CSV (or Arrow/Parquet) whose first two columns are true pairs of ids; null for the
    /// model's own estimate of false and missed matches only.</param>
    /// <param name="threshold">Headline threshold.</param>
    /// <param name="thresholds">Thresholds of the table (default <see cref="DefaultThresholds"/>).</param>
    /// <returns>The report.</returns>
    public static EvaluationReport Evaluate(string linksPath, string? truthPath, double threshold, IReadOnlyList<double>? thresholds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linksPath);
        if (!File.Exists(linksPath)) throw new FileNotFoundException($"links file '{linksPath}' does not exist", linksPath);
        var truth = truthPath is null ? null : TruthPairSet.Load(truthPath);
        // A run with the register posterior writes resolved_probability: the probability its links were accepted by.
        var format = SourceReader.FormatOf(linksPath);
        var header = SourceReader.ReadHeader(new Configuration.SourceConfig
        {
            Name = "links", Path = linksPath, Format = format, IdColumn = "", ColumnMap = new Dictionary<string, string>(), DateFormats = [],
        });
        var probability = header.Contains("resolved_probability") ? "resolved_probability" : "match_probability";
        var table = SourceReader.Read(linksPath, format, ["id_l", "id_r", probability]);
        var l = table.Columns[0];
        var r = table.Columns[1];
        var p = table.Columns[2];
        var links = new List<(string, string, double)>(table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
            links.Add((l[i] ?? "", r[i] ?? "", double.Parse(p[i] ?? "0", CultureInfo.InvariantCulture)));
        return Evaluate(links.Where(x => x.Item3 >= threshold).ToList(), links, truth, threshold, thresholds);
    }

    /// <summary>Evaluates accepted links and the wider set of scored pairs against a truth set.</summary>
    /// <param name="links">Accepted links (id_l, id_r, probability).</param>
    /// <param name="scoredPairs">All scored pairs kept before resolution (for the table and missed-match estimate).</param>
    /// <param name="truth">True pairs, or null for model estimates only.</param>
    /// <param name="threshold">Headline threshold.</param>
    /// <param name="thresholds">Thresholds of the table (default <see cref="DefaultThresholds"/>).</param>
    /// <returns>The report.</returns>
    public static EvaluationReport Evaluate(IReadOnlyList<(string IdLeft, string IdRight, double Probability)> links,
        IReadOnlyList<(string IdLeft, string IdRight, double Probability)> scoredPairs, TruthPairSet? truth, double threshold,
        IReadOnlyList<double>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(scoredPairs);
        var accepted = new HashSet<(string, string)>();
        var expectedFalse = 0.0;
        long tp = 0;
        foreach (var (a, b, p) in links)
        {
            expectedFalse += 1 - p;
            accepted.Add((a, b));
            if (truth is not null && truth.Contains(a, b)) tp++;
        }

        var expectedMissed = 0.0;
        foreach (var (a, b, p) in scoredPairs)
            if (!accepted.Contains((a, b))) expectedMissed += p;

        var table = new List<ThresholdMetrics>();
        if (truth is not null)
        {
            foreach (var t in thresholds ?? DefaultThresholds)
            {
                long predicted = 0, hits = 0;
                foreach (var (a, b, p) in scoredPairs)
                {
                    if (p < t) continue;
                    predicted++;
                    if (truth.Contains(a, b)) hits++;
                }

                table.Add(ThresholdMetrics.From(t, predicted, hits, truth.Count));
            }
        }

        if (truth is null)
        {
            return new EvaluationReport
            {
                Threshold = threshold,
                PredictedLinks = links.Count,
                ExpectedFalseLinks = expectedFalse,
                ExpectedMissedMatches = expectedMissed,
            };
        }

        var head = ThresholdMetrics.From(threshold, links.Count, tp, truth.Count);
        return new EvaluationReport
        {
            Threshold = threshold,
            TruthPairs = truth.Count,
            PredictedLinks = links.Count,
            TruePositives = tp,
            FalsePositives = links.Count - tp,
            FalseNegatives = truth.Count - tp,
            Precision = head.Precision,
            Recall = head.Recall,
            F1 = head.F1,
            ExpectedFalseLinks = expectedFalse,
            ExpectedMissedMatches = expectedMissed,
            PrecisionRecall = table,
        };
    }
}
