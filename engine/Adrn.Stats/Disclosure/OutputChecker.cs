using System.Globalization;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Disclosure;

/// <summary>
/// Applies the UK secure research service output rules: minimum residual degrees of freedom for
/// regressions; threshold (minimum count), dominance (N, K) and p-ratio rules for tables.
/// </summary>
public static class OutputChecker
{
    /// <summary>Checks a fitted regression: fails when its residual degrees of freedom are below the minimum.</summary>
    /// <param name="result">The fitted model.</param>
    /// <param name="rules">Thresholds; null for <see cref="DisclosureRules.Default"/>.</param>
    public static OutputCheck CheckRegression(RegressionResult result, DisclosureRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CheckRegression(result.Check.Id, result.ResidualDf, rules ?? DisclosureRules.Default);
    }

    /// <summary>Checks a regression by its residual degrees of freedom.</summary>
    /// <param name="id">Output identifier.</param>
    /// <param name="residualDf">n − K.</param>
    /// <param name="rules">Thresholds.</param>
    public static OutputCheck CheckRegression(string id, int residualDf, DisclosureRules rules)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(rules);
        return residualDf >= rules.MinimumResidualDf
            ? new OutputCheck(id, "regression", OutputStatus.Pass, [])
            : new OutputCheck(id, "regression", OutputStatus.Fail,
                [$"residual degrees of freedom {residualDf} < {rules.MinimumResidualDf}"]);
    }

    /// <summary>
    /// Checks a model estimated from firms (AKM decomposition, production function, TFP summary): fails when
    /// its residual degrees of freedom are below the minimum or fewer than <see cref="DisclosureRules.MinimumFirms"/>
    /// firms contribute.
    /// </summary>
    /// <param name="id">Output identifier.</param>
    /// <param name="kind">What was checked, e.g. <c>akm</c>, <c>production-function</c>.</param>
    /// <param name="residualDf">n − K.</param>
    /// <param name="firms">Firms contributing to the estimate.</param>
    /// <param name="rules">Thresholds.</param>
    public static OutputCheck CheckFirmModel(string id, string kind, int residualDf, int firms, DisclosureRules rules)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(rules);
        var reasons = new List<string>();
        if (residualDf < rules.MinimumResidualDf) reasons.Add($"residual degrees of freedom {residualDf} < {rules.MinimumResidualDf}");
        if (firms < rules.MinimumFirms) reasons.Add($"firms {firms} < {rules.MinimumFirms}");
        return new OutputCheck(id, kind, reasons.Count == 0 ? OutputStatus.Pass : OutputStatus.Fail, reasons);
    }

    /// <summary>
    /// Checks a frequency table: a cell with 1..(minimum−1) units fails the threshold rule; a zero
    /// cell is marked for review (zeros can disclose, e.g. that nobody in a group has a trait).
    /// </summary>
    /// <param name="id">Output identifier.</param>
    /// <param name="cells">The cells.</param>
    /// <param name="rules">Thresholds; null for the defaults.</param>
    public static TableCheck CheckFrequencyTable(string id, IEnumerable<FrequencyCell> cells, DisclosureRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(cells);
        rules ??= DisclosureRules.Default;
        var checkedCells = new List<CheckedCell>();
        foreach (var cell in cells)
        {
            if (cell.Count < 0) throw new ArgumentException($"Cell '{cell.Key}' has a negative count {cell.Count}.", nameof(cells));
            if (cell.Count == 0)
                checkedCells.Add(new CheckedCell(cell.Key, 0, 0, OutputStatus.Review, ["zero cell: confirm it is not disclosive"]));
            else if (cell.Count < rules.MinimumCellCount)
                checkedCells.Add(new CheckedCell(cell.Key, cell.Count, cell.Count, OutputStatus.Fail, [$"threshold: count {cell.Count} < {rules.MinimumCellCount}"]));
            else
                checkedCells.Add(new CheckedCell(cell.Key, cell.Count, cell.Count, OutputStatus.Pass, []));
        }

        return Summarise(id, "frequency-table", checkedCells);
    }

    /// <summary>
    /// Checks a magnitude table (totals): each cell must have at least the minimum number of
    /// contributors (threshold), its largest N contributors must make up less than K of the total
    /// (dominance), and the total minus the two largest must be at least p of the largest (p-ratio).
    /// </summary>
    /// <param name="id">Output identifier.</param>
    /// <param name="cells">The cells with every unit's contribution.</param>
    /// <param name="rules">Thresholds; null for the defaults.</param>
    public static TableCheck CheckMagnitudeTable(string id, IEnumerable<MagnitudeCell> cells, DisclosureRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(cells);
        rules ??= DisclosureRules.Default;
        var checkedCells = new List<CheckedCell>();
        foreach (var cell in cells)
        {
            var contributions = cell.Contributions.ToArray();
            if (contributions.Any(c => c < 0 || !double.IsFinite(c)))
                throw new ArgumentException($"Cell '{cell.Key}' has a negative or non-finite contribution; dominance rules need magnitudes (use absolute values).", nameof(cells));
            Array.Sort(contributions, (a, b) => b.CompareTo(a));
            var total = contributions.Sum();
            var reasons = new List<string>();
            if (contributions.Length < rules.MinimumCellCount)
                reasons.Add($"threshold: {contributions.Length} contributors < {rules.MinimumCellCount}");
            if (total > 0)
            {
                var top = contributions.Take(rules.DominanceContributors).Sum();
                if (top >= rules.DominanceShare * total)
                    reasons.Add($"dominance ({rules.DominanceContributors},{Percent(rules.DominanceShare)}): largest {rules.DominanceContributors} make up {Percent(top / total)} of the total");
                var largest = contributions[0];
                var rest = total - contributions.Take(2).Sum();
                if (rest < rules.PRatio * largest)
                    reasons.Add($"p-ratio ({Percent(rules.PRatio)}): total minus the two largest is {Percent(rest / largest)} of the largest");
            }

            var status = reasons.Count > 0 ? OutputStatus.Fail : total == 0 ? OutputStatus.Review : OutputStatus.Pass;
            if (status == OutputStatus.Review) reasons.Add("zero total: confirm it is not disclosive");
            checkedCells.Add(new CheckedCell(cell.Key, total, contributions.Length, status, reasons));
        }

        return Summarise(id, "magnitude-table", checkedCells);
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static TableCheck Summarise(string id, string kind, List<CheckedCell> cells)
    {
        var failed = cells.Where(c => c.Status == OutputStatus.Fail).ToList();
        var review = cells.Where(c => c.Status == OutputStatus.Review).ToList();
        var status = failed.Count > 0 ? OutputStatus.Fail : review.Count > 0 ? OutputStatus.Review : OutputStatus.Pass;
        var reasons = failed.Concat(review).SelectMany(c => c.Reasons.Select(r => $"cell {c.Key}: {r}")).ToList();
        return new TableCheck(new OutputCheck(id, kind, status, reasons), cells);
    }
}
