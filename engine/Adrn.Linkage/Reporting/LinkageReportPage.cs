using System.Globalization;
using System.Net;
using System.Text;
using Adrn.Linkage.Blocking;

namespace Adrn.Linkage.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained, offline page per linkage run (plotly.js inlined once, no network):
/// row accounting, blocking (table and cumulative chart), the model's parameters (m/u table, match-weight and m/u
/// charts), the match-probability histogram, unlinkable records, quality (precision–recall chart and threshold
/// table with truth; the model's own estimates without), waterfalls of pairs sampled across probability bands,
/// and timings. Written by the pipeline's finish stage for every driver. Shows no record value and no record id:
/// block keys, names and ids stay out (docs/privacy.md).
/// </summary>
public static class LinkageReportPage
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Renders the run's report page.</summary>
    /// <param name="report">The run report (the content of <c>report.json</c>).</param>
    /// <param name="waterfalls">Pairs sampled across probability bands.</param>
    /// <param name="selfMatchWeights">Best possible match weight of each record (or of a sample), for the unlinkables chart.</param>
    /// <param name="keepProbability">Probability below which scored pairs were not kept.</param>
    /// <returns>The HTML page.</returns>
    public static string Render(LinkageRunReport report, IReadOnlyList<WaterfallSample> waterfalls, IReadOnlyList<double> selfMatchWeights, double keepProbability)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(waterfalls);
        ArgumentNullException.ThrowIfNull(selfMatchWeights);
        var model = report.Model;
        var evaluation = report.Evaluation;
        var body = new StringBuilder();

        body.Append("<p>").Append(Encode(string.Create(Ci,
            $"{report.LinkType} job, scored by {report.Scorer}, {report.Partitions:N0} partition(s); started {report.StartedUtc}{(report.JobId is null ? string.Empty : "; engine job " + report.JobId)}. Links at match probability ≥ {evaluation.Threshold:G4}: {report.Pairs.GetValueOrDefault("links"):N0}.")))
            .Append("</p>\n");

        Section(body, "Rows", "Every row read is used, quarantined (see quarantine.csv for the reason) or superseded by a later row with the same id.",
            Table(["source", "rows read", "used", "quarantined", "superseded"],
                [.. report.Sources.Select(s => new[] { s.Name, N(s.RowsRead), N(s.RowsUsed), N(s.RowsQuarantined), N(s.RowsSuperseded) }),
                 ["total", N(report.Rows.GetValueOrDefault("read")), N(report.Rows.GetValueOrDefault("used")), N(report.Rows.GetValueOrDefault("quarantined")), N(report.Rows.GetValueOrDefault("superseded"))]]));

        Section(body, "Values", "Per source and job column: values present in the rows used, and how many could not be parsed or were rejected by the standardiser (they became missing). A share above max_rejected_share stops the job.",
            Table(["source", "column", "present", "unparseable", "rejected", "share"],
                [.. report.Sources.SelectMany(s => s.Values.Select(v => new[]
                {
                    s.Name, v.Key, N(v.Value.NonNull), N(v.Value.Unparseable), N(v.Value.Rejected), string.Create(Ci, $"{v.Value.RejectedShare * 100:0.0}%"),
                }))]));

        Section(body, "Blocking", BlockingSummary(report.Blocking), BlockingTable(report.Blocking) + LinkageFigures.CumulativeBlocking(report.Blocking).ToHtml());

        var parameters = new List<string[]>();
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels)
            {
                parameters.Add([comparison.Name, level.Gamma.ToString(Ci), level.Label, Probability(level.M), Probability(level.U),
                    level.Gamma < 0 ? "0 (null: no evidence)" : level.MatchWeight.ToString("F2", Ci), level.TermFrequency ? "yes" : string.Empty]);
            }
        }

        Section(body, "Model parameters",
            string.Create(Ci, $"λ (probability that two random records match) = {model.ProbabilityTwoRandomRecordsMatch:G4}, prior match weight {model.PriorMatchWeight:F2}. ")
            + "m = P(level | match), u = P(level | non-match), match weight = log2(m/u).",
            Table(["comparison", "γ", "level", "m", "u", "match weight", "term frequency"], parameters)
            + LinkageFigures.MatchWeights(model).ToHtml() + LinkageFigures.MAndU(model).ToHtml());

        var pairs = string.Join("; ", report.Pairs.Select(p => $"{p.Key.Replace('_', ' ')} {p.Value.ToString("N0", Ci)}"));
        Section(body, "Scores", "Pairs: " + pairs + ".",
            (report.ProbabilityHistogram.Count > 0 ? LinkageFigures.ProbabilityHistogram(report.ProbabilityHistogram, evaluation.Threshold, keepProbability).ToHtml() : string.Empty)
            + (selfMatchWeights.Count > 0 ? LinkageFigures.Unlinkables(selfMatchWeights, evaluation.Threshold).ToHtml() : string.Empty));

        Section(body, "Quality", QualitySummary(report), evaluation.PrecisionRecall.Count > 0
            ? LinkageFigures.PrecisionRecall(evaluation).ToHtml()
              + Table(["threshold", "predicted", "true positives", "precision", "recall", "F1"],
                  [.. evaluation.PrecisionRecall.OrderBy(r => r.Threshold).Select(r => new[]
                  {
                      r.Threshold.ToString("G4", Ci), N(r.Predicted), N(r.TruePositives), r.Precision.ToString("F4", Ci), r.Recall.ToString("F4", Ci), r.F1.ToString("F4", Ci),
                  })])
            : string.Empty);

        var waterfallHtml = new StringBuilder();
        foreach (var sample in waterfalls)
        {
            var e = sample.Explanation;
            waterfallHtml.Append(LinkageFigures.Waterfall(e, string.Create(Ci,
                $"A pair with match probability {sample.Band}: weight {e.MatchWeight:F2}, probability {e.MatchProbability:P1}")).ToHtml());
        }

        Section(body, "Waterfalls", "One pair from each probability band (the first in output order), comparison by comparison: the prior, each level's "
            + "weight with its term-frequency adjustment, and the total. Levels are shown; record values and ids are not."
            + (report.Scorer == "fellegi-sunter" ? string.Empty : " Weights are the Fellegi–Sunter model's; the links' probabilities are the learned scorer's."),
            waterfalls.Count == 0 ? "<p>No scored pairs.</p>" : waterfallHtml.ToString());

        Section(body, "Timings", "Seconds per stage.",
            Table(["stage", "seconds"], [.. report.TimingsSeconds.Select(t => new[] { t.Key, t.Value.ToString("F3", Ci) })]));

        return Page($"Linkage report: {report.Job}", body.ToString());
    }

    /// <summary>The page of <c>adrn blocking --html</c>: the blocking table and the cumulative chart of one job, before any scoring.</summary>
    /// <param name="job">Job name.</param>
    /// <param name="report">The blocking report.</param>
    /// <returns>The HTML page.</returns>
    public static string RenderBlocking(string job, BlockingReport report)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(report);
        var body = new StringBuilder();
        Section(body, "Blocking", BlockingSummary(report) + (report.CapExceeded is null ? string.Empty : " " + report.CapExceeded),
            BlockingTable(report) + LinkageFigures.CumulativeBlocking(report).ToHtml());
        return Page($"Blocking report: {job}", body.ToString());
    }

    private static string BlockingSummary(BlockingReport b) =>
        string.Create(Ci, $"{(b.TotalComparisons >= 0 ? b.TotalComparisons.ToString("N0", Ci) : "(not computed)")} candidate pairs of {b.PossiblePairs:N0} possible")
        + (b.PossiblePairs > 0 && b.TotalComparisons >= 0 ? string.Create(Ci, $" (reduction ratio {1 - (b.TotalComparisons / b.PossiblePairs):F6})") : string.Empty)
        + string.Create(Ci, $"; cap {b.MaxComparisons:N0}. A pair is produced by the first rule whose keys agree; later rules skip it. Block keys are record values and are not shown.");

    private static string BlockingTable(BlockingReport b) =>
        Table(["match_key", "rule", "alone", "added", "cumulative", "key groups", "largest block"],
            [.. b.Rules.Select((r, i) => new[]
            {
                i.ToString(Ci), r.Rule, N(r.ComparisonsAlone), r.ComparisonsAdded >= 0 ? N(r.ComparisonsAdded) : "—", r.Cumulative >= 0 ? N(r.Cumulative) : "—", N(r.Groups),
                r.LargestBlocks.Count == 0 ? string.Empty : string.Create(Ci, $"{r.LargestBlocks[0].Comparisons:N0} pairs ({r.LargestBlocks[0].LeftRecords:N0} × {r.LargestBlocks[0].RightRecords:N0})"),
            })]);

    private static string QualitySummary(LinkageRunReport report)
    {
        var e = report.Evaluation;
        if (e.Precision is { } precision && e.Recall is { } recall)
        {
            return string.Create(Ci, $"Against the truth ({e.TruthPairs:N0} true pairs) at p ≥ {e.Threshold:G4}: precision {precision:P2}, recall {recall:P2}, F1 {e.F1:F4}; ")
                + string.Create(Ci, $"{e.TruePositives:N0} true and {e.FalsePositives:N0} false links, {e.FalseNegatives:N0} missed.");
        }

        return string.Create(Ci, $"No truth was given. The model's own estimates at p ≥ {e.Threshold:G4}: {e.PredictedLinks:N0} links, of which about {e.ExpectedFalseLinks:N1} false")
            + (e.ExpectedMissedMatches is { } missed ? string.Create(Ci, $"; about {missed:N1} matches missed among the scored pairs.") : ".");
    }

    private static void Section(StringBuilder body, string title, string intro, string content)
    {
        var id = title.ToLowerInvariant().Replace(' ', '-');
        body.Append("<section id=\"").Append(id).Append("\"><h2>").Append(Encode(title)).Append("</h2>\n<p>").Append(Encode(intro)).Append("</p>\n")
            .Append(content).Append("</section>\n");
    }

    private static string Table(string[] headers, IReadOnlyList<string[]> rows)
    {
        var sb = new StringBuilder("<table><thead><tr>");
        foreach (var h in headers) sb.Append("<th>").Append(Encode(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            // Numbers right-aligned, text left-aligned.
            foreach (var cell in row)
                sb.Append(double.TryParse(cell.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, Ci, out _) ? "<td>" : "<td class=\"text\">").Append(Encode(cell)).Append("</td>");
            sb.Append("</tr>\n");
        }

        return sb.Append("</tbody></table>\n").ToString();
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        // Nothing may come from the network: a secure research environment has none, and the page must say so.
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">"
        + "<title>" + Encode(title) + "</title>\n<style>"
        + "body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px;color:#222}"
        + "table{border-collapse:collapse;margin:0.5em 0 1em}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}"
        + "th:first-child,td.text{text-align:left}th{background:#f3f3f3}section{margin-bottom:2em}h4{margin:1em 0 0.2em}"
        + "</style>\n" + PlotlyJs.ScriptElement + "\n</head><body>\n<h1>" + Encode(title) + "</h1>\n"
        + "<p>Written by Adrn.Engine; self-contained (plotly.js " + Encode(PlotlyJs.Version) + " inlined), opens offline.</p>\n"
        + body + "</body></html>\n";

    private static string N(long value) => value.ToString("N0", Ci);

    private static string Probability(double? p) => p is { } v ? v.ToString("G4", Ci) : "—";

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
