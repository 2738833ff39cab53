using System.Globalization;
using System.Text.Json.Nodes;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Scoring;

namespace Adrn.Linkage.Reporting;

/// <summary>
/// The charts of a linkage run, in Splink's vocabulary, as plotly figures: match weights and m/u probabilities by
/// comparison level, comparisons added by each blocking rule, the match-probability histogram, unlinkable records,
/// precision and recall by threshold, and the waterfall of one pair's match weight. The one chart implementation
/// behind <c>report.html</c>, <c>adrn blocking --html</c> and the notebooks' <c>LinkageCharts</c>.
/// </summary>
public static class LinkageFigures
{
    /// <summary>Bar colour of a positive weight (evidence for a match).</summary>
    public const string PositiveColour = "#1f77b4";

    /// <summary>Bar colour of a negative weight (evidence against a match).</summary>
    public const string NegativeColour = "#d62728";

    private const int Width = 820;

    /// <summary>One horizontal bar per comparison level (null levels excluded): its match weight log2(m/u), plus the prior; blue above 0, red below.</summary>
    /// <param name="model">A trained model.</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure MatchWeights(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = new List<string> { "prior (λ)" };
        var weights = new List<double> { model.PriorMatchWeight };
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels.Where(l => l.Gamma >= 0))
            {
                labels.Add(LevelLabel(comparison, level));
                weights.Add(level.MatchWeight);
            }
        }

        var trace = new JsonObject
        {
            ["type"] = "bar",
            ["orientation"] = "h",
            ["name"] = "match weight",
            ["x"] = Numbers(weights),
            ["y"] = Strings(labels),
            ["marker"] = new JsonObject { ["color"] = Strings(weights.Select(ColourOf)) },
            ["text"] = Strings(weights.Select(w => w.ToString("F2", CultureInfo.InvariantCulture))),
            ["textposition"] = "auto",
            ["hovertemplate"] = "%{y}<br>match weight %{x:.2f}<extra></extra>",
        };
        var layout = Layout(Math.Max(320, (24 * labels.Count) + 120));
        layout["xaxis"] = Axis("match weight (log2 Bayes factor; blue for a match, red against)", zeroLine: true);
        layout["yaxis"] = CategoryAxis(reversed: true);
        layout["showlegend"] = false;
        return new PlotlyFigure($"Match weights of the {model.LinkType} model", [trace], layout);
    }

    /// <summary>m and u probabilities of every non-null comparison level, side by side per level.</summary>
    /// <param name="model">A trained model.</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure MAndU(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = new List<string>();
        var m = new List<double>();
        var u = new List<double>();
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels.Where(l => l.Gamma >= 0))
            {
                labels.Add(LevelLabel(comparison, level));
                m.Add(level.M ?? double.NaN);
                u.Add(level.U ?? double.NaN);
            }
        }

        JsonObject Bar(string name, List<double> values, string colour) => new()
        {
            ["type"] = "bar",
            ["orientation"] = "h",
            ["name"] = name,
            ["x"] = Numbers(values),
            ["y"] = Strings(labels),
            ["marker"] = new JsonObject { ["color"] = colour },
            ["hovertemplate"] = "%{y}<br>" + name + " %{x:.4g}<extra></extra>",
        };

        var layout = Layout(Math.Max(340, (36 * labels.Count) + 140));
        layout["barmode"] = "group";
        layout["xaxis"] = Axis("probability", zeroLine: true);
        layout["xaxis"]!["range"] = new JsonArray(0, 1);
        layout["yaxis"] = CategoryAxis(reversed: true);
        // The legend above the plot area (not over the bars, not under the next chart).
        layout["legend"] = new JsonObject { ["orientation"] = "h", ["x"] = 0, ["y"] = 1.0, ["yanchor"] = "bottom" };
        return new PlotlyFigure("m and u probabilities by comparison level",
            [Bar("m = P(level | match)", m, PositiveColour), Bar("u = P(level | non-match)", u, "#ff7f0e")], layout);
    }

    /// <summary>Precision, recall and F1 against the match-probability threshold (needs truth).</summary>
    /// <param name="evaluation">An evaluation with a precision–recall table.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException">The evaluation has no precision–recall table (no truth was given).</exception>
    public static PlotlyFigure PrecisionRecall(EvaluationReport evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.PrecisionRecall.Count == 0)
            throw new ArgumentException("The evaluation has no precision-recall table: run the job with truth pairs.", nameof(evaluation));
        var rows = evaluation.PrecisionRecall.OrderBy(r => r.Threshold).ToList();
        JsonObject Line(string name, Func<ThresholdMetrics, double> y) => new()
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = name,
            ["x"] = Numbers(rows.Select(r => r.Threshold)),
            ["y"] = Numbers(rows.Select(y)),
        };

        var layout = Layout(440);
        layout["xaxis"] = Axis("match probability threshold");
        layout["yaxis"] = Axis("share");
        return new PlotlyFigure("Precision and recall against truth by threshold",
            [Line("precision", r => r.Precision), Line("recall", r => r.Recall), Line("F1", r => r.F1)], layout);
    }

    /// <summary>
    /// The waterfall of one pair's match weight: the prior, then each comparison's weight (with its term-frequency
    /// adjustment), ending at the total; rises blue, falls red. Record values are not shown, only level labels.
    /// </summary>
    /// <param name="explanation">The pair's explanation.</param>
    /// <param name="title">Heading, or null for one that states the weight and probability.</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure Waterfall(MatchWeightExplanation explanation, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var labels = new List<string> { "prior" };
        var values = new List<double> { explanation.PriorMatchWeight };
        var measures = new List<string> { "relative" };
        foreach (var c in explanation.Comparisons)
        {
            labels.Add($"{c.Comparison}: {c.Label}");
            values.Add(c.Weight + c.TermFrequencyAdjustment);
            measures.Add("relative");
        }

        labels.Add("match weight");
        values.Add(explanation.MatchWeight);
        measures.Add("total");
        var trace = new JsonObject
        {
            ["type"] = "waterfall",
            ["name"] = "match weight",
            ["x"] = Strings(labels),
            ["y"] = Numbers(values),
            ["measure"] = Strings(measures),
            ["increasing"] = new JsonObject { ["marker"] = new JsonObject { ["color"] = PositiveColour } },
            ["decreasing"] = new JsonObject { ["marker"] = new JsonObject { ["color"] = NegativeColour } },
            ["totals"] = new JsonObject { ["marker"] = new JsonObject { ["color"] = explanation.MatchWeight >= 0 ? "#17becf" : "#ff9896" } },
            ["text"] = Strings(values.Select(v => v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture))),
            ["textposition"] = "outside",
        };
        var layout = Layout(460);
        layout["yaxis"] = Axis("match weight (log2)", zeroLine: true);
        layout["xaxis"] = new JsonObject { ["automargin"] = true, ["tickangle"] = -30 };
        layout["showlegend"] = false;
        return new PlotlyFigure(title ?? string.Create(CultureInfo.InvariantCulture,
            $"Why this pair scores {explanation.MatchWeight:F2} (probability {explanation.MatchProbability:P1})"), [trace], layout);
    }

    /// <summary>Comparisons each blocking rule adds (pairs an earlier rule produced are not counted again), with the running total, in rule order.</summary>
    /// <param name="report">A blocking report.</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure CumulativeBlocking(BlockingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = report.Rules;
        var names = rules.Select((r, i) => $"{i}: {r.Rule}").ToList();
        var added = rules.Select(r => (double)(r.ComparisonsAdded >= 0 ? r.ComparisonsAdded : r.ComparisonsAlone)).ToList();
        var cumulative = rules.Select(r => r.Cumulative >= 0 ? (double?)r.Cumulative : null).ToList();
        var bars = new JsonObject
        {
            ["type"] = "bar",
            ["orientation"] = "h",
            ["name"] = "comparisons added",
            ["x"] = Numbers(added),
            ["y"] = Strings(names),
            ["marker"] = new JsonObject { ["color"] = PositiveColour },
            ["text"] = Strings(rules.Select(r => r.Cumulative >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"+{r.ComparisonsAdded:N0} (total {r.Cumulative:N0})")
                : string.Create(CultureInfo.InvariantCulture, $"{r.ComparisonsAlone:N0} alone (not combined: cap exceeded)"))),
            ["textposition"] = "auto",
            ["hovertemplate"] = "%{y}<br>%{text}<extra></extra>",
        };
        var line = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = "cumulative",
            ["x"] = new JsonArray([.. cumulative.Select(c => c is null ? null : (JsonNode)JsonValue.Create(c.Value))]),
            ["y"] = Strings(names),
            ["marker"] = new JsonObject { ["color"] = "#2ca02c" },
        };
        var layout = Layout(Math.Max(280, (44 * rules.Count) + 140));
        layout["xaxis"] = Axis("candidate pairs (comparisons)", zeroLine: true);
        layout["yaxis"] = CategoryAxis(reversed: true);
        layout["legend"] = new JsonObject { ["orientation"] = "h", ["x"] = 0, ["y"] = 1.0, ["yanchor"] = "bottom" };
        return new PlotlyFigure("Comparisons added by each blocking rule (cumulative)", [bars, line], layout);
    }

    /// <summary>Scored pairs by match probability (a bar per bin of equal width on [0, 1]; logarithmic count axis).</summary>
    /// <param name="histogram">Counts per bin, first bin starting at 0.</param>
    /// <param name="threshold">The run's threshold, drawn as a line.</param>
    /// <param name="keepProbability">Pairs below this were not kept, so are not counted (drawn as a note).</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure ProbabilityHistogram(IReadOnlyList<long> histogram, double threshold, double keepProbability)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Count == 0) throw new ArgumentException("The histogram has no bins.", nameof(histogram));
        var width = 1.0 / histogram.Count;
        var trace = new JsonObject
        {
            ["type"] = "bar",
            ["name"] = "scored pairs",
            ["x"] = Numbers(Enumerable.Range(0, histogram.Count).Select(i => (i + 0.5) * width)),
            ["y"] = Numbers(histogram.Select(c => (double)c)),
            ["width"] = width * 0.95,
            ["marker"] = new JsonObject { ["color"] = Strings(Enumerable.Range(0, histogram.Count).Select(i => (i + 0.5) * width >= threshold ? PositiveColour : "#9e9e9e")) },
            ["hovertemplate"] = "p in [%{customdata}]: %{y:,} pairs<extra></extra>",
            ["customdata"] = Strings(Enumerable.Range(0, histogram.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i * width:0.00}, {(i + 1) * width:0.00})"))),
        };
        var layout = Layout(420);
        layout["xaxis"] = Axis(string.Create(CultureInfo.InvariantCulture,
            $"match probability (pairs kept at p ≥ {keepProbability:G3}; blue at or above the threshold {threshold:G3})"));
        layout["xaxis"]!["range"] = new JsonArray(0, 1);
        layout["yaxis"] = Axis("scored pairs (log scale)");
        layout["yaxis"]!["type"] = "log";
        layout["shapes"] = new JsonArray(VerticalLine(threshold));
        layout["showlegend"] = false;
        return new PlotlyFigure("Scored pairs by match probability", [trace], layout);
    }

    /// <summary>
    /// Splink's unlinkables chart: the share of records whose best possible match weight (the record compared with
    /// itself) is at most x. A record whose best weight is below the threshold cannot be linked however similar
    /// its partner is; typically records with many missing values.
    /// </summary>
    /// <param name="selfMatchWeights">Best possible match weight of each record (of all, or of a sample).</param>
    /// <param name="threshold">The run's match probability threshold.</param>
    /// <returns>The figure.</returns>
    public static PlotlyFigure Unlinkables(IReadOnlyList<double> selfMatchWeights, double threshold)
    {
        ArgumentNullException.ThrowIfNull(selfMatchWeights);
        var sorted = selfMatchWeights.Order().ToArray();
        // One point per distinct weight (records with the same pattern share one), the share at or below it.
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i]) continue;
            x.Add(Math.Round(sorted[i], 4));
            y.Add((i + 1) / (double)sorted.Length);
        }

        var thresholdWeight = Math.Log2(threshold / (1 - threshold));
        var below = sorted.Count(w => w < thresholdWeight);
        var trace = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["line"] = new JsonObject { ["shape"] = "hv", ["color"] = PositiveColour },
            ["name"] = "records",
            ["x"] = Numbers(x),
            ["y"] = Numbers(y),
            ["hovertemplate"] = "best match weight ≤ %{x:.2f}: %{y:.2%} of records<extra></extra>",
        };
        var layout = Layout(420);
        layout["xaxis"] = Axis(string.Create(CultureInfo.InvariantCulture,
            $"best possible match weight of a record (line: the threshold, weight {thresholdWeight:F2})"), zeroLine: true);
        layout["yaxis"] = Axis("share of records (cumulative)");
        layout["yaxis"]!["tickformat"] = ".0%";
        layout["shapes"] = new JsonArray(VerticalLine(thresholdWeight));
        layout["showlegend"] = false;
        return new PlotlyFigure(string.Create(CultureInfo.InvariantCulture,
            $"Unlinkable records: {below:N0} of {sorted.Length:N0} ({(sorted.Length == 0 ? 0 : below / (double)sorted.Length):P1}) cannot reach the threshold"), [trace], layout);
    }

    /// <summary>Label of a comparison level on a chart axis: comparison, level label and gamma.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="level">One of its levels.</param>
    /// <returns>For example <c>surname: jaro_winkler ≥ 0.9 (γ=2)</c>.</returns>
    public static string LevelLabel(ComparisonParameters comparison, LevelParameters level)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(level);
        return string.Create(CultureInfo.InvariantCulture, $"{comparison.Name}: {level.Label} (γ={level.Gamma})");
    }

    private static string ColourOf(double weight) => weight >= 0 ? PositiveColour : NegativeColour;

    private static JsonObject Layout(int height) => new()
    {
        ["width"] = Width,
        ["height"] = height,
        ["margin"] = new JsonObject { ["t"] = 40, ["r"] = 30, ["b"] = 60, ["l"] = 60 },
        ["font"] = new JsonObject { ["size"] = 12 },
    };

    private static JsonObject Axis(string title, bool zeroLine = false) => new()
    {
        ["title"] = new JsonObject { ["text"] = title },
        ["automargin"] = true,
        ["zeroline"] = zeroLine,
    };

    // Category labels are long ("surname: jaro_winkler ≥ 0.9 (γ=2)"): automargin makes room for them instead of
    // clipping them at the plot's left edge; reversed lists them top-down in model order.
    private static JsonObject CategoryAxis(bool reversed) => new()
    {
        ["automargin"] = true,
        ["autorange"] = reversed ? "reversed" : true,
        ["type"] = "category",
    };

    private static JsonObject VerticalLine(double x) => new()
    {
        ["type"] = "line",
        ["xref"] = "x",
        ["yref"] = "paper",
        ["x0"] = x,
        ["x1"] = x,
        ["y0"] = 0,
        ["y1"] = 1,
        ["line"] = new JsonObject { ["color"] = "#555", ["dash"] = "dash", ["width"] = 1 },
    };

    private static JsonArray Numbers(IEnumerable<double> values) =>
        new([.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : (JsonNode?)null)]);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
