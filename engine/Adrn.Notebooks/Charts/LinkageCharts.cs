using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Scoring;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Adrn.Notebooks.Charts;

/// <summary>
/// Plotly.NET charts of a linkage model and its quality, in Splink's vocabulary: match weights by
/// comparison level, m and u probabilities, precision and recall by threshold, and the waterfall of
/// one pair's match weight.
/// </summary>
public static class LinkageCharts
{
    /// <summary>One horizontal bar per comparison level (null levels excluded): its match weight log2(m/u), plus the prior.</summary>
    /// <param name="model">A trained model.</param>
    public static ChartView MatchWeights(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = new List<string> { "prior (λ)" };
        var weights = new List<double> { model.PriorMatchWeight };
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels.Where(l => l.Gamma >= 0))
            {
                labels.Add($"{comparison.Name}: {level.Label}");
                weights.Add(level.MatchWeight);
            }
        }

        // Bars are drawn bottom-up; reverse so the list reads top-down like the model.
        labels.Reverse();
        weights.Reverse();
        var chart = Chart.Bar<double, string, string>(UseDefaults: false, values: weights, Keys: labels, Name: "match weight")
            .WithXAxisStyle<double, double, double>(TitleText: "match weight (log2 Bayes factor)")
            .WithSize(Width: 760, Height: Math.Max(320, 22 * labels.Count + 80));
        return new ChartView($"Match weights of {model.LinkType} model", chart);
    }

    /// <summary>m and u probabilities of every non-null comparison level, side by side.</summary>
    /// <param name="model">A trained model.</param>
    public static ChartView MAndU(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = new List<string>();
        var m = new List<double>();
        var u = new List<double>();
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels.Where(l => l.Gamma >= 0))
            {
                labels.Add($"{comparison.Name}: {level.Label}");
                m.Add(level.M ?? double.NaN);
                u.Add(level.U ?? double.NaN);
            }
        }

        labels.Reverse();
        m.Reverse();
        u.Reverse();
        var chart = Chart.Combine(
            [
                Chart.Bar<double, string, string>(UseDefaults: false, values: m, Keys: labels, Name: "m = P(level | match)"),
                Chart.Bar<double, string, string>(UseDefaults: false, values: u, Keys: labels, Name: "u = P(level | non-match)"),
            ])
            .WithXAxisStyle<double, double, double>(TitleText: "probability")
            .WithSize(Width: 760, Height: Math.Max(320, 30 * labels.Count + 80));
        return new ChartView("m and u probabilities by comparison level", chart);
    }

    /// <summary>Precision, recall and F1 against the match-probability threshold (needs truth).</summary>
    /// <param name="evaluation">An evaluation with a precision–recall table.</param>
    /// <exception cref="ArgumentException">The evaluation has no precision–recall table (no truth was given).</exception>
    public static ChartView PrecisionRecall(EvaluationReport evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.PrecisionRecall.Count == 0)
            throw new ArgumentException("The evaluation has no precision-recall table: run the job with truth pairs.", nameof(evaluation));
        var rows = evaluation.PrecisionRecall.OrderBy(r => r.Threshold).ToList();
        var x = rows.Select(r => r.Threshold).ToList();
        var chart = Chart.Combine(
            [
                Chart.Line<double, double, string>(UseDefaults: false, x: x, y: rows.Select(r => r.Precision), Name: "precision", ShowMarkers: true),
                Chart.Line<double, double, string>(UseDefaults: false, x: x, y: rows.Select(r => r.Recall), Name: "recall", ShowMarkers: true),
                Chart.Line<double, double, string>(UseDefaults: false, x: x, y: rows.Select(r => r.F1), Name: "F1", ShowMarkers: true),
            ])
            .WithXAxisStyle<double, double, double>(TitleText: "match probability threshold")
            .WithYAxisStyle<double, double, double>(TitleText: "share")
            .WithSize(Width: 760, Height: 420);
        return new ChartView("Precision and recall against truth by threshold", chart);
    }

    /// <summary>
    /// The waterfall of one pair's match weight: the prior, then each comparison's weight (with its
    /// term-frequency adjustment), ending at the total. Record values are not shown, only level labels.
    /// </summary>
    /// <param name="explanation">The pair's explanation.</param>
    public static ChartView Waterfall(MatchWeightExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var labels = new List<string> { "prior" };
        var values = new List<double> { explanation.PriorMatchWeight };
        var measures = new List<StyleParam.WaterfallMeasure> { StyleParam.WaterfallMeasure.Relative };
        foreach (var c in explanation.Comparisons)
        {
            labels.Add($"{c.Comparison}: {c.Label}");
            values.Add(c.Weight + c.TermFrequencyAdjustment);
            measures.Add(StyleParam.WaterfallMeasure.Relative);
        }

        labels.Add("match weight");
        values.Add(explanation.MatchWeight);
        measures.Add(StyleParam.WaterfallMeasure.Total);
        var chart = Chart.Waterfall<string, double, string>(UseDefaults: false, x: labels, y: values, Name: "match weight", Measure: measures)
            .WithYAxisStyle<double, double, double>(TitleText: "match weight (log2)")
            .WithSize(Width: 760, Height: 440);
        return new ChartView($"Why this pair scores {explanation.MatchWeight:F2} (probability {explanation.MatchProbability:P1})", chart);
    }
}
