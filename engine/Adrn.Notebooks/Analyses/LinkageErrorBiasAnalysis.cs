using System.Globalization;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Data;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Estimation;
using Plotly.NET.CSharp;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// How linkage error moves a productivity regression (notebook 04): the same firm-level regression
/// on the true links, on the engine's links, on looser links (the most probable candidate of each
/// payroll record above a lower threshold, from the scored pairs), and on the loosest links with
/// one correction: workforce means and the regression weighted by link probability.
/// </summary>
public sealed class LinkageErrorBiasAnalysis
{
    /// <summary>The regression run on every link set (firm level, section and region fixed effects, HC1 errors).</summary>
    public const string Formula = "log_gva_per_worker ~ " + ProductivityAnalysis.FirmTerms + " + " + ProductivityAnalysis.SizeAgeTerms
        + " + mean_log_pay + mean_qualification | sic_section + itl1";

    private LinkageErrorBiasAnalysis(string population, IReadOnlyList<LinkSetEstimate> estimates)
    {
        Population = population;
        Estimates = estimates;
    }

    /// <summary>The population the links were made on (sizes, seed and noise level).</summary>
    public string Population { get; }

    /// <summary>One estimate per link set; the first is on the true links.</summary>
    public IReadOnlyList<LinkSetEstimate> Estimates { get; }

    /// <summary>
    /// Runs the regression on every link set: the true links; then for the example job and for the
    /// same job without the PAYE reference (names and postcodes only, a harder linkage) the engine's
    /// links and the most probable candidate of each payroll record at each looser threshold; last,
    /// the loosest links of the job without PAYE with the correction (weighting by link probability).
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="looserThresholds">Lower match-probability thresholds to try (default 0.01; the jobs keep pairs down to 0.01).</param>
    public static LinkageErrorBiasAnalysis Run(SyntheticStudy study, IReadOnlyList<double>? looserThresholds = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        looserThresholds ??= [0.01];
        var inv = CultureInfo.InvariantCulture;
        var truthPanel = study.TrueLinkedPanel();
        var truthKeys = FirmPanel.Text(ArrowFrames.Load(truthPanel.Path), "employer_key");
        var options = new RegressionOptions { Vcov = VcovSpec.Hc1 };
        var estimates = new List<LinkSetEstimate>();

        LinkSetEstimate Estimate(LinkedPanel panel, string id, bool weighted)
        {
            var keys = FirmPanel.Text(ArrowFrames.Load(panel.Path), "employer_key");
            long linked = 0, correct = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] is null) continue;
                linked++;
                if (string.Equals(keys[i], truthKeys[i], StringComparison.Ordinal)) correct++;
            }

            var firms = FirmPanel.FromLinkedPanel(panel.Path, new FirmPanelOptions { WeightByLinkProbability = weighted });
            var fit = Regression.Fit(firms.Firms, Formula, options with
            {
                OutputId = "linkage-bias-" + id,
                Weights = weighted ? "mean_link_probability" : null,
            });
            return new LinkSetEstimate(panel.Label + (weighted ? ", weighted by link probability" : string.Empty),
                linked == 0 ? double.NaN : (double)correct / linked, linked, fit);
        }

        estimates.Add(Estimate(truthPanel, "truth", weighted: false));
        LinkedPanel? loosest = null;
        foreach (var (run, name) in new[] { (study.LinkEmployeesToEmployers(), "engine"), (study.LinkEmployeesToEmployersWithoutPaye(), "no PAYE") })
        {
            var threshold = run.Evaluation.Threshold.ToString("G3", inv);
            estimates.Add(Estimate(study.BuildLinkedPanel($"{name} links (p ≥ {threshold})", run.Files["links"][0]), name.Replace(' ', '-') + "-links", weighted: false));
            var pairs = run.Files.TryGetValue("pairs", out var p) ? p[0]
                : throw new InvalidOperationException("The linkage run wrote no pairs file; the study's jobs set outputs.write_pairs.");
            foreach (var t in looserThresholds.OrderByDescending(t => t))
            {
                loosest = study.BuildLinkedPanel($"{name}, best candidate p ≥ {t.ToString("G3", inv)}", pairs, t);
                estimates.Add(Estimate(loosest, name.Replace(' ', '-') + "-p" + t.ToString("G3", inv), weighted: false));
            }
        }

        if (loosest is not null) estimates.Add(Estimate(loosest, "weighted", weighted: true));
        return new LinkageErrorBiasAnalysis(study.Settings.PopulationName, estimates);
    }

    /// <summary>All regressions side by side.</summary>
    public ModelComparison Models() => new($"Productivity regression by link set ({Population}): " + string.Join("; ", Estimates.Select((e, i) => $"({i + 1}) {e.Label}")),
        Estimates.Select(e => e.Fit).ToList(),
        "Mean log pay and mean qualification of the linked workforce proxy unobserved worker skill; linkage error puts wrong workers into a firm's means.");

    /// <summary>
    /// Per link set: link precision, linked rows, the estimates of <paramref name="terms"/> and their
    /// difference from the estimate on true links (the bias due to linkage error).
    /// </summary>
    /// <param name="terms">Coefficients to show (default management score and mean log pay).</param>
    public CheckedTable BiasTable(IReadOnlyList<string>? terms = null)
    {
        terms ??= ["management_score", "mean_log_pay"];
        var inv = CultureInfo.InvariantCulture;
        var truth = Estimates[0].Fit;
        var columns = new List<string> { "link set", "link precision", "linked rows" };
        foreach (var t in terms) columns.AddRange([t, $"{t} − true-link estimate"]);
        var rows = Estimates.Select(e =>
        {
            var row = new List<string> { e.Label, e.LinkPrecision.ToString("P2", inv), e.LinkedRows.ToString("N0", inv) };
            foreach (var t in terms)
            {
                var c = e.Fit[t];
                row.Add($"{c.Estimate.ToString("F4", inv)} ({c.StdError.ToString("F4", inv)})");
                row.Add((c.Estimate - truth[t].Estimate).ToString("+0.0000;-0.0000", inv));
            }

            return (IReadOnlyList<string>)row;
        }).ToList();
        // The table repeats regression coefficients; its check is the worst of the regressions' checks.
        var check = Estimates.Select(e => e.Fit.Check).OrderByDescending(c => c.Status == Stats.Disclosure.OutputStatus.Fail ? 2 : c.Status == Stats.Disclosure.OutputStatus.Review ? 1 : 0).First();
        return new CheckedTable($"Linkage error and the productivity regression ({Population})", columns, rows, check with { Id = "linkage-bias-table" },
            "Standard errors in parentheses (HC1). Link precision: share of linked payroll rows whose employer is the true one.");
    }

    /// <summary>Chart of one coefficient's estimate and 95% interval by link set.</summary>
    /// <param name="term">The coefficient (default <c>mean_log_pay</c>).</param>
    public ChartView Chart(string term = "mean_log_pay")
    {
        return CoefficientChart.Create($"Estimate of {term} by link set ({Population})", [.. Estimates.Select(e => e.Label)], [.. Estimates.Select(e => e.Fit[term])],
            term, Estimates[^1].Fit.Check);
    }
}
