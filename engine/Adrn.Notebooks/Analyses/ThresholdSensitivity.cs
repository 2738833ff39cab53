using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Formatting;

namespace Adrn.Notebooks.Analyses;

/// <summary>How an estimate moves with the link threshold.</summary>
/// <param name="Table">Checked table: per link set the links, precision and estimate.</param>
/// <param name="Chart">Estimate against threshold, with the true-link value.</param>
/// <param name="EstimateByThreshold">The estimate at each threshold.</param>
/// <param name="TrueLinkEstimate">The estimate on the true links.</param>
/// <param name="WeightedEstimate">The estimate on all candidates at the lowest threshold, weighted by match probability.</param>
public sealed record ThresholdSensitivity(CheckedTable Table, ChartView Chart, IReadOnlyDictionary<double, double> EstimateByThreshold, double TrueLinkEstimate, double WeightedEstimate);
