using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Reporting;
using Adrn.Linkage.Scoring;

namespace Adrn.Notebooks.Charts;

/// <summary>
/// Charts of a linkage model and its quality for notebooks: the figures of Adrn.Linkage's
/// <see cref="LinkageFigures"/> (the same ones <c>report.html</c> shows), as <see cref="ChartView"/>s.
/// </summary>
public static class LinkageCharts
{
    /// <summary>One horizontal bar per comparison level (null levels excluded): its match weight log2(m/u), plus the prior; coloured by sign.</summary>
    /// <param name="model">A trained model.</param>
    public static ChartView MatchWeights(MatchModel model) => new(LinkageFigures.MatchWeights(model));

    /// <summary>m and u probabilities of every non-null comparison level, side by side.</summary>
    /// <param name="model">A trained model.</param>
    public static ChartView MAndU(MatchModel model) => new(LinkageFigures.MAndU(model));

    /// <summary>Precision, recall and F1 against the match-probability threshold (needs truth).</summary>
    /// <param name="evaluation">An evaluation with a precision–recall table.</param>
    /// <exception cref="ArgumentException">The evaluation has no precision–recall table (no truth was given).</exception>
    public static ChartView PrecisionRecall(EvaluationReport evaluation) => new(LinkageFigures.PrecisionRecall(evaluation));

    /// <summary>The waterfall of one pair's match weight (level labels only, no record values).</summary>
    /// <param name="explanation">The pair's explanation.</param>
    public static ChartView Waterfall(MatchWeightExplanation explanation) => new(LinkageFigures.Waterfall(explanation));
}
