using System.Globalization;
using Adrn.Linkage;
using Adrn.Linkage.Evaluation;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Data;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// Cohort enrichment (notebook 03): cohort members linked to payroll persons, and through the
/// payroll's employer links to employers. Each enriched row carries both link probabilities and
/// their product. The threshold analysis shows how an estimate (the pay gap of self-reported
/// managers and professionals) moves as the cohort link threshold is lowered.
/// </summary>
public sealed class CohortEnrichmentAnalysis
{
    private readonly SyntheticStudy _study;
    private readonly Dictionary<string, double> _logPayByPerson;
    private readonly Dictionary<string, int> _occupation;

    private CohortEnrichmentAnalysis(SyntheticStudy study, LinkageRunResult cohortLinks, EnrichedCohort enriched,
        Dictionary<string, double> logPayByPerson, Dictionary<string, int> occupation)
    {
        _study = study;
        CohortLinks = cohortLinks;
        Enriched = enriched;
        _logPayByPerson = logPayByPerson;
        _occupation = occupation;
    }

    /// <summary>The cohort-to-payroll linkage run.</summary>
    public LinkageRunResult CohortLinks { get; }

    /// <summary>The enriched cohort (one row per member; written to <see cref="EnrichedCohort.Path"/>).</summary>
    public EnrichedCohort Enriched { get; }

    /// <summary>Links the cohort to payroll and employers and writes the enriched cohort table.</summary>
    /// <param name="study">The study.</param>
    public static CohortEnrichmentAnalysis Run(SyntheticStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var cohortLinks = study.LinkCohortToPayroll();
        var panel = study.EngineLinkedPanel();
        var frame = ArrowFrames.Load(panel.Path);
        var personKey = FirmPanel.Text(frame, "person_key");
        var year = FirmPanel.Numbers(frame, "year");
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < personKey.Length; i++)
            if (personKey[i] is { } k && (!latest.TryGetValue(k, out var j) || year[i] > year[j])) latest[k] = i;

        var cohort = ArrowFrames.Load(study.CohortPath);
        var cohortIds = FirmPanel.Text(cohort, "cohort_id");
        var occupation = FirmPanel.Numbers(cohort, "occupation");
        var occupationById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cohortIds.Length; i++)
            if (cohortIds[i] is { } id && !double.IsNaN(occupation[i])) occupationById[id] = (int)occupation[i];

        var links = BestLinks(cohortLinks.Files["links"][0], 0);
        var logPay = FirmPanel.Numbers(frame, "log_pay");
        var logPayByPerson = latest.ToDictionary(kv => kv.Key, kv => logPay[kv.Value], StringComparer.Ordinal);
        var enriched = EnrichedCohort.Build(study, cohortIds, occupation, links, frame, latest,
            Path.Combine(study.OutputDirectory, "enriched_cohort.arrow"));
        return new CohortEnrichmentAnalysis(study, cohortLinks, enriched, logPayByPerson, occupationById);
    }

    /// <summary>Members, links and mean link probabilities by self-reported occupation group (frequency-checked).</summary>
    public CheckedTable Summary() => Enriched.Summary();

    /// <summary>
    /// The pay gap of self-reported managers and professionals (SOC 1–3) in payroll log pay, estimated
    /// on the true links and, for each threshold, on every scored candidate pair at or above it (as a
    /// naive analyst keeping all links above a cut-off would: members with several candidates appear
    /// once per candidate), and finally on all candidates at the lowest threshold weighted by their
    /// match probability (the correction). Each row reports the pairs used and their precision.
    /// </summary>
    /// <param name="thresholds">Thresholds (default 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99).</param>
    public ThresholdSensitivity SensitivityToThreshold(IReadOnlyList<double>? thresholds = null)
    {
        thresholds ??= [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99];
        var pairsPath = CohortLinks.Files.TryGetValue("pairs", out var p) ? p[0] : CohortLinks.Files["links"][0];
        var truth = TruthPairSet.Load(_study.TruthCohortEmployeePath);
        var truthLinks = ReadTruth(_study.TruthCohortEmployeePath);
        var inv = CultureInfo.InvariantCulture;
        var options = new RegressionOptions { Vcov = VcovSpec.Hc1 };

        (RegressionResult Fit, int Linked, double Precision) Estimate(IReadOnlyList<(string Member, string Person, double P)> links, string id, bool weighted)
        {
            var y = new List<double>();
            var x = new List<double>();
            var w = new List<double>();
            var correct = 0;
            foreach (var (member, person, probability) in links)
            {
                if (truth.Contains(member, person)) correct++;
                var key = _study.Key.Pseudonymise("person", person);
                if (!_occupation.TryGetValue(member, out var occ) || !_logPayByPerson.TryGetValue(key, out var pay) || double.IsNaN(pay)) continue;
                y.Add(pay);
                x.Add(occ <= 3 ? 1 : 0);
                w.Add(probability);
            }

            var data = RegressionData.FromArrays([new("log_pay", y.ToArray()), new("manager_or_professional", x.ToArray()), new("link_probability", w.ToArray())]);
            var fit = Regression.Fit(data, "log_pay ~ manager_or_professional",
                options with { OutputId = "cohort-pay-gap-" + id, Weights = weighted ? "link_probability" : null });
            return (fit, links.Count, links.Count == 0 ? double.NaN : (double)correct / links.Count);
        }

        var results = new List<(string Label, double Threshold, RegressionResult Fit, int Linked, double Precision)>();
        var t0 = Estimate(truthLinks, "truth", weighted: false);
        results.Add(("true links", double.NaN, t0.Fit, t0.Linked, t0.Precision));
        var all = AllLinks(pairsPath, thresholds.Min());
        foreach (var t in thresholds.OrderBy(t => t))
        {
            var r = Estimate(all.Where(l => l.P >= t).ToList(), "p" + t.ToString("G3", inv), weighted: false);
            results.Add(($"all candidates p ≥ {t.ToString("G3", inv)}", t, r.Fit, r.Linked, r.Precision));
        }

        var corrected = Estimate(all, "weighted", weighted: true);
        results.Add(($"all candidates p ≥ {thresholds.Min().ToString("G3", inv)}, weighted by probability", double.NaN, corrected.Fit, corrected.Linked, corrected.Precision));

        var rows = results.Select(r => (IReadOnlyList<string>)
        [
            r.Label, r.Linked.ToString("N0", inv), double.IsNaN(r.Precision) ? string.Empty : (r.Precision * 100).ToString("F2", inv) + "%",
            r.Fit["manager_or_professional"].Estimate.ToString("F4", inv), r.Fit["manager_or_professional"].StdError.ToString("F4", inv),
            r.Fit.Check.Status.ToString().ToLowerInvariant(),
        ]).ToList();
        var check = OutputChecker.CheckFrequencyTable("cohort-threshold-sensitivity",
            results.Select(r => new FrequencyCell(r.Label, r.Linked))).Check;
        var table = new CheckedTable("Pay gap of self-reported managers and professionals by cohort link threshold",
            ["links", "pairs used", "pair precision", "log pay gap", "SE (HC1)", "regression check"], rows, check,
            "False links pair a member's self-reported occupation with a stranger's pay and pull the gap towards zero; weighting by match probability discounts them.");
        var curve = results.Where(r => !double.IsNaN(r.Threshold)).ToList();
        var chart = PlotlyChart.Combine(
            [
                PlotlyChart.Line<double, double, string>(UseDefaults: false, x: curve.Select(r => r.Threshold), y: curve.Select(r => r.Fit["manager_or_professional"].Estimate), Name: "all candidates above threshold", ShowMarkers: true),
                PlotlyChart.Line<double, double, string>(UseDefaults: false, x: curve.Select(r => r.Threshold), y: curve.Select(_ => t0.Fit["manager_or_professional"].Estimate), Name: "on true links"),
                PlotlyChart.Line<double, double, string>(UseDefaults: false, x: curve.Select(r => r.Threshold), y: curve.Select(_ => corrected.Fit["manager_or_professional"].Estimate), Name: "lowest threshold, probability-weighted"),
            ])
            .WithXAxisStyle<double, double, double>(TitleText: "cohort link threshold")
            .WithYAxisStyle<double, double, double>(TitleText: "log pay gap")
            .WithSize(Width: 760, Height: 400);
        return new ThresholdSensitivity(table, new ChartView("Pay gap estimate against the link threshold", chart, check),
            curve.ToDictionary(r => r.Threshold, r => r.Fit["manager_or_professional"].Estimate),
            t0.Fit["manager_or_professional"].Estimate, corrected.Fit["manager_or_professional"].Estimate);
    }

    // Every scored candidate pair at or above the threshold, oriented (cohort member, payroll person).
    internal static List<(string Member, string Person, double P)> AllLinks(string path, double threshold)
    {
        var frame = ArrowFrames.Load(path);
        var idl = FirmPanel.Text(frame, "id_l");
        var idr = FirmPanel.Text(frame, "id_r");
        var srcl = FirmPanel.Text(frame, "source_l");
        var prob = FirmPanel.Numbers(frame, "match_probability");
        var list = new List<(string, string, double)>();
        for (var i = 0; i < prob.Length; i++)
        {
            if (prob[i] < threshold || idl[i] is null || idr[i] is null) continue;
            list.Add(srcl[i] == "cohort" ? (idl[i]!, idr[i]!, prob[i]) : (idr[i]!, idl[i]!, prob[i]));
        }

        return list;
    }

    // Each cohort member's most probable payroll person at or above the threshold.
    internal static Dictionary<string, (string Person, double P)> BestLinks(string path, double threshold)
    {
        var frame = ArrowFrames.Load(path);
        var idl = FirmPanel.Text(frame, "id_l");
        var idr = FirmPanel.Text(frame, "id_r");
        var srcl = FirmPanel.Text(frame, "source_l");
        var prob = FirmPanel.Numbers(frame, "match_probability");
        var best = new Dictionary<string, (string Person, double P)>(StringComparer.Ordinal);
        for (var i = 0; i < prob.Length; i++)
        {
            if (prob[i] < threshold || idl[i] is null || idr[i] is null) continue;
            var (member, person) = srcl[i] == "cohort" ? (idl[i]!, idr[i]!) : (idr[i]!, idl[i]!);
            if (!best.TryGetValue(member, out var b) || prob[i] > b.P) best[member] = (person, prob[i]);
        }

        return best;
    }

    private static List<(string Member, string Person, double P)> ReadTruth(string path)
    {
        var data = RegressionData.ReadCsv(path);
        var c = data.GetColumn("cohort_id");
        var pcol = data.GetColumn("person_id");
        var result = new List<(string Member, string Person, double P)>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
            if (c.GetLabel(i) is { } member && pcol.GetLabel(i) is { } person) result.Add((member, person, 1.0));
        return result;
    }
}
