using System.Globalization;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Disclosure;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// Productivity dispersion within sectors: per SIC section the 10th, 50th and 90th percentiles of
/// firm log GVA per worker and the 90/10 ratio exp(p90 − p10). Sections with fewer firms than the
/// output rules allow are suppressed (frequency rule on firm counts).
/// </summary>
public sealed class ProductivityDispersion
{
    private ProductivityDispersion(CheckedTable table, ChartView chart, IReadOnlyDictionary<string, double> ratios)
    {
        Table = table;
        Chart = chart;
        NinetyTenRatios = ratios;
    }

    /// <summary>The checked table (firms, p10, p50, p90 in GBP per worker, 90/10 ratio) by section.</summary>
    public CheckedTable Table { get; }

    /// <summary>Bar chart of the 90/10 ratio of sections that passed the output check.</summary>
    public ChartView Chart { get; }

    /// <summary>90/10 ratio by section, for sections that passed the output check.</summary>
    public IReadOnlyDictionary<string, double> NinetyTenRatios { get; }

    /// <summary>Computes the dispersion from the firm-level table.</summary>
    /// <param name="firms">The firm panel.</param>
    /// <param name="rules">Output rules; null for the defaults.</param>
    public static ProductivityDispersion BySector(FirmPanel firms, DisclosureRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(firms);
        rules ??= DisclosureRules.Default;
        var sections = firms.FirmLabels("sic_section");
        var lgva = firms.FirmValues("log_gva_per_worker");
        var bySection = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < firms.FirmCount; i++)
        {
            if (sections[i] is not { } s || double.IsNaN(lgva[i])) continue;
            if (!bySection.TryGetValue(s, out var list)) bySection[s] = list = [];
            list.Add(lgva[i]);
        }

        var check = OutputChecker.CheckFrequencyTable("productivity-dispersion",
            bySection.Select(kv => new FrequencyCell(kv.Key, kv.Value.Count)), rules).Suppress();
        var suppressed = check.Cells.Where(c => c.Suppressed).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        var ratios = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (section, values) in bySection)
        {
            if (suppressed.Contains(section))
            {
                rows.Add([section, "suppressed", "suppressed", "suppressed", "suppressed", "suppressed"]);
                continue;
            }

            values.Sort();
            double p10 = Quantile(values, 0.10), p50 = Quantile(values, 0.50), p90 = Quantile(values, 0.90);
            ratios[section] = Math.Exp(p90 - p10);
            rows.Add([section, values.Count.ToString("N0", inv), Math.Exp(p10).ToString("N0", inv), Math.Exp(p50).ToString("N0", inv),
                Math.Exp(p90).ToString("N0", inv), ratios[section].ToString("F2", inv)]);
        }

        var table = new CheckedTable("Productivity dispersion within SIC sections (GVA per worker, GBP)",
            ["section", "firms", "p10", "median", "p90", "90/10 ratio"], rows, check.Check,
            "Percentiles of firm GVA per worker (loss-making firms excluded); sections with too few firms are suppressed.");
        var chart = PlotlyChart.Column<double, string, string>(UseDefaults: false, values: ratios.Values, Keys: ratios.Keys, Name: "90/10 ratio")
            .WithYAxisStyle<double, double, double>(TitleText: "90/10 ratio of GVA per worker")
            .WithXAxisStyle<double, double, double>(TitleText: "SIC 2007 section")
            .WithSize(Width: 760, Height: 400);
        return new ProductivityDispersion(table, new ChartView("90/10 productivity ratio within sections", chart, check.Check), ratios);
    }

    // Linear interpolation between order statistics (R's type 7, numpy's default).
    internal static double Quantile(List<double> sorted, double p)
    {
        if (sorted.Count == 1) return sorted[0];
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
