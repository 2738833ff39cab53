using System.Globalization;
using System.Net;
using System.Text;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Scoring;
using Adrn.Notebooks.Charts;
using Adrn.Stats.Akm;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Adrn.Stats.Tables;

namespace Adrn.Notebooks.Formatting;

/// <summary>
/// HTML renderings of the engine's results, used by the notebook formatters (see
/// <see cref="AdrnKernelExtension"/>) and usable on their own (for example to save a report page).
/// Every table carries its output-check status in a banner (<c>div.adrn-output-check</c>); record
/// values of linked pairs (names, postcodes, references) are never rendered, only level labels.
/// </summary>
public static class AdrnHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The banner showing an output check: status in capitals, id, kind and reasons.</summary>
    /// <param name="check">The check.</param>
    public static string CheckBanner(OutputCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var status = check.Status.ToString().ToUpperInvariant();
        var colour = check.Status switch { OutputStatus.Pass => "#1a7f37", OutputStatus.Fail => "#cf222e", _ => "#9a6700" };
        var sb = new StringBuilder();
        sb.Append("<div class=\"adrn-output-check adrn-status-").Append(status.ToLowerInvariant())
            .Append("\" data-status=\"").Append(status).Append("\" style=\"margin:4px 0;padding:2px 6px;border-left:4px solid ")
            .Append(colour).Append("\">Output check <code>").Append(Enc(check.Id)).Append("</code> (").Append(Enc(check.Kind))
            .Append("): <b>").Append(status).Append("</b>");
        if (check.Reasons.Count > 0)
        {
            sb.Append("<ul>");
            foreach (var r in check.Reasons) sb.Append("<li>").Append(Enc(r)).Append("</li>");
            sb.Append("</ul>");
        }

        return sb.Append("</div>").ToString();
    }

    /// <summary>A checked table: heading, table, note and output-check banner.</summary>
    /// <param name="table">The table.</param>
    public static string Render(CheckedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder("<div class=\"adrn-checked-table\">");
        sb.Append("<h4>").Append(Enc(table.Title)).Append("</h4>");
        AppendTable(sb, table.Columns, table.Rows);
        if (table.Note is not null) sb.Append("<p class=\"adrn-note\"><i>").Append(Enc(table.Note)).Append("</i></p>");
        sb.Append(CheckBanner(table.Check));
        return sb.Append("</div>").ToString();
    }

    /// <summary>One regression: the model table (coefficients, SEs, N, R²) and its output-check banner.</summary>
    /// <param name="result">The fitted model.</param>
    public static string Render(RegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return "<div class=\"adrn-regression\"><h4>" + Enc(result.Formula.Text) + "</h4>"
            + ModelTable.Render([result], TableFormat.Html) + CheckBanner(result.Check) + "</div>";
    }

    /// <summary>Several models side by side, with one output-check banner per model.</summary>
    /// <param name="comparison">The models.</param>
    public static string Render(ModelComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var sb = new StringBuilder("<div class=\"adrn-model-comparison\"><h4>").Append(Enc(comparison.Title)).Append("</h4>");
        sb.Append(ModelTable.Render(comparison.Models, TableFormat.Html));
        if (comparison.Note is not null) sb.Append("<p class=\"adrn-note\"><i>").Append(Enc(comparison.Note)).Append("</i></p>");
        for (var i = 0; i < comparison.Models.Count; i++)
            sb.Append("<div>(").Append(i + 1).Append(") </div>").Append(CheckBanner(comparison.Models[i].Check));
        return sb.Append("</div>").ToString();
    }

    /// <summary>A disclosure-checked frequency or magnitude table: one row per cell with its value, units, status and reasons.</summary>
    /// <param name="table">The checked table.</param>
    public static string Render(TableCheck table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Cells.Select(c => (IReadOnlyList<string>)
        [
            c.Key,
            c.PublishedValue is { } v ? Num(v) : "suppressed",
            c.Units.ToString("N0", Inv),
            c.Status.ToString().ToLowerInvariant(),
            string.Join("; ", c.Reasons),
        ]).ToList();
        return Render(new CheckedTable(table.Check.Id, ["cell", "value", "units", "status", "reasons"], rows, table.Check));
    }

    /// <summary>A blocking report: per rule the comparisons it adds and its group count (block keys are not shown: they hold record values).</summary>
    /// <param name="report">The report.</param>
    public static string Render(BlockingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rules.Select(r => (IReadOnlyList<string>)
        [
            r.Rule, Count(r.ComparisonsAlone), Count(r.ComparisonsAdded), Count(r.Cumulative), Count(r.Groups),
            r.LargestBlocks.Count > 0 ? Count(r.LargestBlocks.Max(b => b.Comparisons)) : "0",
        ]).ToList();
        rows.Add(["total", string.Empty, Count(report.TotalComparisons), string.Empty, string.Empty, string.Empty]);
        var check = OutputChecker.CheckFrequencyTable("blocking-report",
            report.Rules.Select(r => new FrequencyCell(r.Rule, r.ComparisonsAdded))).Check;
        var note = $"Comparisons {report.TotalComparisons:N0} of {report.PossiblePairs:N0} possible pairs "
            + $"({(report.PossiblePairs > 0 ? report.TotalComparisons / report.PossiblePairs : 0):P3}); cap {report.MaxComparisons:N0}."
            + (report.CapExceeded is null ? string.Empty : " CAP EXCEEDED: " + report.CapExceeded);
        return Render(new CheckedTable("Blocking rules", ["rule", "comparisons alone", "comparisons added", "cumulative", "blocks", "largest block"], rows, check, note));
    }

    /// <summary>A trained model: the m/u table by comparison level, the match-weight chart and the m/u chart.</summary>
    /// <param name="model">The model.</param>
    public static string Render(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var c in model.Comparisons)
        {
            foreach (var l in c.Levels)
            {
                rows.Add([c.Name, l.Gamma.ToString(Inv), l.Label, l.M is { } m ? m.ToString("F4", Inv) : string.Empty,
                    l.U is { } u ? u.ToString("G4", Inv) : string.Empty, l.Gamma < 0 ? "0" : l.MatchWeight.ToString("F2", Inv),
                    l.TermFrequency ? "yes" : string.Empty]);
            }
        }

        // NOTE: m and u are probabilities estimated from very many record pairs; they describe the model,
        // not any person or firm, so they pass the output rules (no cell is a count of units).
        var check = new OutputCheck("linkage-model", "model-parameters", OutputStatus.Pass, []);
        var table = new CheckedTable(
            $"Model ({model.LinkType}): λ = {model.ProbabilityTwoRandomRecordsMatch:G4}, prior weight {model.PriorMatchWeight:F2}",
            ["comparison", "γ", "level", "m", "u", "weight", "TF"], rows, check);
        return "<div class=\"adrn-match-model\">" + Render(table)
            + LinkageCharts.MatchWeights(model).ToHtml() + LinkageCharts.MAndU(model).ToHtml() + "</div>";
    }

    /// <summary>An evaluation: headline precision/recall/F1 at the threshold, the precision–recall table and chart.</summary>
    /// <param name="evaluation">The evaluation.</param>
    public static string Render(EvaluationReport evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var head = new List<IReadOnlyList<string>>
        {
            new[] { "threshold", evaluation.Threshold.ToString("G4", Inv) },
            new[] { "predicted links", Count(evaluation.PredictedLinks) },
            new[] { "truth pairs", evaluation.TruthPairs is { } t ? Count(t) : "no truth" },
            new[] { "true positives", evaluation.TruePositives is { } tp ? Count(tp) : string.Empty },
            new[] { "false positives", evaluation.FalsePositives is { } fp ? Count(fp) : string.Empty },
            new[] { "false negatives", evaluation.FalseNegatives is { } fn ? Count(fn) : string.Empty },
            new[] { "precision", Share(evaluation.Precision) },
            new[] { "recall", Share(evaluation.Recall) },
            new[] { "F1", Share(evaluation.F1) },
            new[] { "expected false links (from probabilities)", evaluation.ExpectedFalseLinks.ToString("F1", Inv) },
        };
        var counts = new List<FrequencyCell> { new("predicted links", evaluation.PredictedLinks) };
        if (evaluation.TruePositives is { } tp2) counts.Add(new FrequencyCell("true positives", tp2));
        var sb = new StringBuilder("<div class=\"adrn-evaluation\">");
        sb.Append(Render(new CheckedTable("Link quality at the threshold", ["measure", "value"], head,
            OutputChecker.CheckFrequencyTable("evaluation", counts).Check)));
        if (evaluation.PrecisionRecall.Count > 0)
        {
            var pr = evaluation.PrecisionRecall.Select(r => (IReadOnlyList<string>)
                [r.Threshold.ToString("G4", Inv), Count(r.Predicted), Count(r.TruePositives), Share(r.Precision), Share(r.Recall), Share(r.F1)]).ToList();
            var check = OutputChecker.CheckFrequencyTable("precision-recall",
                evaluation.PrecisionRecall.Select(r => new FrequencyCell("threshold " + r.Threshold.ToString("G4", Inv), r.Predicted))).Check;
            sb.Append(Render(new CheckedTable("Precision and recall by threshold", ["threshold", "links", "true positives", "precision", "recall", "F1"], pr, check)));
            sb.Append(LinkageCharts.PrecisionRecall(evaluation).ToHtml());
        }

        return sb.Append("</div>").ToString();
    }

    /// <summary>
    /// One pair's explanation: per comparison the agreement level and its weight, and the waterfall.
    /// The compared values are not rendered (they are names, postcodes and references).
    /// </summary>
    /// <param name="explanation">The explanation.</param>
    public static string Render(MatchWeightExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var rows = new List<IReadOnlyList<string>> { new[] { "prior", string.Empty, string.Empty, explanation.PriorMatchWeight.ToString("F2", Inv), string.Empty } };
        foreach (var c in explanation.Comparisons)
        {
            rows.Add([c.Comparison, c.Gamma.ToString(Inv), c.Label, c.Weight.ToString("F2", Inv),
                c.TermFrequencyAdjustment == 0 ? string.Empty : c.TermFrequencyAdjustment.ToString("F2", Inv)]);
        }

        rows.Add(["total", string.Empty, string.Empty, explanation.MatchWeight.ToString("F2", Inv), string.Empty]);
        var check = new OutputCheck("pair-explanation", "record-level", OutputStatus.Review,
            ["explains one record pair: for clerical review inside the secure environment, not for release"]);
        var table = new CheckedTable(
            $"Match weight {explanation.MatchWeight:F2}, probability {explanation.MatchProbability:P2}",
            ["comparison", "γ", "level", "weight", "TF adjustment"], rows, check,
            "Record values are not shown; levels say how the values agreed.");
        return "<div class=\"adrn-waterfall\">" + Render(table) + LinkageCharts.Waterfall(explanation).ToHtml() + "</div>";
    }

    /// <summary>A linkage run: rows, pairs, links and timings, then the evaluation.</summary>
    /// <param name="result">The run.</param>
    public static string Render(LinkageRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "rows read", Count(result.RowsRead) },
            new[] { "rows used", Count(result.RowsUsed) },
            new[] { "rows quarantined", Count(result.RowsQuarantined) },
            new[] { "rows superseded", Count(result.RowsSuperseded) },
            new[] { "pairs compared", Count(result.PairsCompared) },
            new[] { "pairs kept", Count(result.PairsKept) },
            new[] { "links", Count(result.Links) },
        };
        if (result.Clusters is { } clusters) rows.Add(["clusters (2+ records)", Count(clusters)]);
        foreach (var (stage, seconds) in result.Timings) rows.Add([$"seconds: {stage}", seconds.ToString("F2", Inv)]);
        var check = OutputChecker.CheckFrequencyTable("linkage-run",
            [new FrequencyCell("rows used", result.RowsUsed), new FrequencyCell("links", result.Links)]).Check;
        return "<div class=\"adrn-linkage-run\">" + Render(new CheckedTable("Linkage run", ["measure", "value"], rows, check))
            + Render(result.Evaluation) + "</div>";
    }

    /// <summary>An AKM decomposition: sample sizes and the variance shares (plug-in and bias-corrected).</summary>
    /// <param name="akm">The result.</param>
    public static string Render(AkmResult akm)
    {
        ArgumentNullException.ThrowIfNull(akm);
        static IReadOnlyList<string> Row(string name, VarianceDecomposition d) =>
        [
            name, d.VarLogWage.ToString("F4", Inv), Share(d.WorkerShare), Share(d.FirmShare), Share(d.SortingShare),
            Share(d.ResidualShare), d.Correlation.ToString("F3", Inv),
        ];
        var rows = new List<IReadOnlyList<string>> { Row("plug-in", akm.PlugIn) };
        if (akm.BiasCorrected is { } bc) rows.Add(Row("bias-corrected", bc));
        var dof = akm.Observations - akm.Workers - akm.Firms;
        var check = OutputChecker.CheckRegression("akm", dof, DisclosureRules.Default);
        var note = $"{akm.Observations:N0} person-years ({akm.ObservationsInput:N0} input) of {akm.Workers:N0} workers at {akm.Firms:N0} firms "
            + $"in the largest connected set; {akm.Movers:N0} movers; {akm.ConnectedComponents:N0} connected components.";
        return Render(new CheckedTable("AKM decomposition of log pay", ["estimate", "var(log pay)", "worker", "firm", "2·cov (sorting)", "residual", "corr(worker, firm)"], rows, check, note));
    }

    /// <summary>A chart with its optional output check.</summary>
    /// <param name="chart">The chart.</param>
    public static string Render(ChartView chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.ToHtml();
    }

    internal static void AppendTable(StringBuilder sb, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        sb.Append("<table class=\"adrn-table\"><thead><tr>");
        foreach (var c in columns) sb.Append("<th>").Append(Enc(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
                sb.Append(c == 0 ? "<td style=\"text-align:left\">" : "<td style=\"text-align:right\">").Append(Enc(row[c])).Append("</td>");
            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Count(long n) => n.ToString("N0", Inv);

    private static string Num(double x) => Math.Abs(x) >= 1000 ? x.ToString("N0", Inv) : x.ToString("G5", Inv);

    // NOTE: invariant "P2" puts a space before the % sign; write "98.99%" as people do.
    private static string Share(double? x) => x is { } v && !double.IsNaN(v) ? (v * 100).ToString("F2", Inv) + "%" : string.Empty;
}
