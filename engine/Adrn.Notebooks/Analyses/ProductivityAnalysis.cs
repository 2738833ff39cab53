using System.Globalization;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Akm;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Plotly.NET.CSharp;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// The productivity-puzzle analysis of notebook 02: firm productivity regressions on the linked
/// panel, the AKM wage decomposition, and the comparison of estimates with the planted model.
/// </summary>
public static class ProductivityAnalysis
{
    /// <summary>Firm characteristics from the register.</summary>
    public const string FirmTerms = "management_score + exporter + foreign_owned + log_investment_per_worker";

    /// <summary>Size and age, as in the planted model.</summary>
    public const string SizeAgeTerms = "log_employment + log_age";

    /// <summary>Workforce composition from the linked payroll (proxies for unobserved worker skill).</summary>
    public const string WorkforceTerms = "mean_log_pay + mean_qualification + share_high_skill_soc";

    /// <summary>
    /// Three regressions of log GVA per worker on firm-years with sector-by-year and region fixed
    /// effects and firm-clustered standard errors: (1) firm characteristics, (2) plus size and age,
    /// (3) plus workforce composition.
    /// </summary>
    /// <param name="firms">The firm panel.</param>
    public static ModelComparison FitModels(FirmPanel firms)
    {
        ArgumentNullException.ThrowIfNull(firms);
        var options = new RegressionOptions { Vcov = VcovSpec.Cluster("employer_key") };
        const string fe = " | sic_section^year + itl1";
        var models = new[]
        {
            Regression.Fit(firms.FirmYears, $"log_gva_per_worker ~ {FirmTerms}{fe}", options with { OutputId = "productivity-1" }),
            Regression.Fit(firms.FirmYears, $"log_gva_per_worker ~ {FirmTerms} + {SizeAgeTerms}{fe}", options with { OutputId = "productivity-2" }),
            Regression.Fit(firms.FirmYears, $"log_gva_per_worker ~ {FirmTerms} + {SizeAgeTerms} + {WorkforceTerms}{fe}", options with { OutputId = "productivity-3" }),
        };
        return new ModelComparison("Log GVA per worker on firm-years (sector×year and region fixed effects, firm-clustered SEs)", models,
            "Worker skill is not observed in payroll: mean log pay, mean qualification and the share in SOC groups 1-3 proxy workforce quality.");
    }

    /// <summary>
    /// The firm-level regression that matches the data-generating process: log GVA per worker on
    /// the planted regressors including the true mean worker skill (from <c>truth/employers.csv</c>,
    /// joined through the study's pseudonym key), with section and region fixed effects and
    /// heteroskedasticity-robust (HC1) errors. Only possible on synthetic data.
    /// </summary>
    /// <param name="firms">The firm panel (built with <paramref name="study"/>'s key).</param>
    /// <param name="study">The study, for the truth file and the key.</param>
    public static RegressionResult FitPlantedSpecification(FirmPanel firms, SyntheticStudy study)
    {
        ArgumentNullException.ThrowIfNull(firms);
        ArgumentNullException.ThrowIfNull(study);
        var skill = TruthByEmployerKey(study, "mean_worker_skill");
        var values = firms.EmployerKeys.Select(k => skill.TryGetValue(k, out var s) ? s : double.NaN).ToArray();
        var data = firms.FirmsWith("mean_worker_skill", values);
        return Regression.Fit(data, $"log_gva_per_worker ~ {FirmTerms} + {SizeAgeTerms} + mean_worker_skill | sic_section + itl1",
            new RegressionOptions { Vcov = VcovSpec.Hc1, OutputId = "productivity-planted-specification" });
    }

    /// <summary>Planted against estimated coefficients: estimate, 95% interval and whether the planted value lies inside.</summary>
    /// <param name="fit">A fit containing the planted regressors.</param>
    /// <param name="planted">The planted model.</param>
    public static CheckedTable CompareWithPlanted(RegressionResult fit, PlantedProductivityModel planted)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(planted);
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (term, value) in planted.Coefficients)
        {
            var c = fit.Coefficients.FirstOrDefault(x => x.Term == term);
            if (c is null) continue;
            rows.Add([term, value.ToString("F3", inv), c.Estimate.ToString("F3", inv), c.StdError.ToString("F3", inv),
                $"[{c.CiLow.ToString("F3", inv)}, {c.CiHigh.ToString("F3", inv)}]", value >= c.CiLow && value <= c.CiHigh ? "yes" : "no"]);
        }

        return new CheckedTable("Planted versus estimated productivity coefficients", ["term", "planted", "estimate", "SE", "95% CI", "planted inside CI"], rows, fit.Check,
            $"Firm-level regression matching the planted model ({fit.N:N0} firms); the output check is the regression's.");
    }

    /// <summary>Chart of planted values and estimates with 95% intervals.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="planted">The planted model.</param>
    public static ChartView PlantedVersusEstimatedChart(RegressionResult fit, PlantedProductivityModel planted)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(planted);
        var terms = planted.Coefficients.Keys.Where(t => fit.Coefficients.Any(c => c.Term == t)).ToList();
        return CoefficientChart.Create("Planted versus estimated coefficients", terms, [.. terms.Select(t => fit[t])], "coefficient", fit.Check,
            [.. terms.Select(t => planted.Coefficients[t])]);
    }

    /// <summary>
    /// The AKM decomposition of log pay on the linked panel: person and employer keys as worker and
    /// firm, year dummies as controls.
    /// </summary>
    /// <param name="panel">The linked panel.</param>
    /// <param name="biasCorrectionDraws">Draws of the bias correction (default 20).</param>
    public static AkmResult FitAkm(LinkedPanel panel, int biasCorrectionDraws = 20)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var data = RegressionData.ReadArrowFile(panel.Path);
        return AkmDecomposition.Fit(data, new AkmOptions
        {
            WorkerColumn = "person_key",
            FirmColumn = "employer_key",
            LogWage = "log_pay",
            Controls = "i(year)",
            BiasCorrectionDraws = biasCorrectionDraws,
        });
    }

    /// <summary>
    /// Estimated firm wage effects against the planted ones (<c>truth/employers.csv</c>): the
    /// correlation over firms in the connected set, overall and for firms with at least 10 workers.
    /// </summary>
    /// <param name="akm">The AKM fit on a panel built with <paramref name="study"/>'s key.</param>
    /// <param name="study">The study.</param>
    public static CheckedTable CompareFirmEffectsWithPlanted(AkmResult akm, SyntheticStudy study)
    {
        ArgumentNullException.ThrowIfNull(akm);
        ArgumentNullException.ThrowIfNull(study);
        var truth = TruthByEmployerKey(study, "firm_wage_effect");
        var pairs = akm.FirmEffects.Where(kv => truth.ContainsKey(kv.Key)).Select(kv => (Est: kv.Value, True: truth[kv.Key])).ToList();
        var inv = CultureInfo.InvariantCulture;
        var corr = Correlation(pairs.Select(p => p.Est).ToArray(), pairs.Select(p => p.True).ToArray());
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "firms compared", pairs.Count.ToString("N0", inv) },
            new[] { "corr(estimated, planted firm effect)", corr.ToString("F3", inv) },
        };
        var check = OutputChecker.CheckFrequencyTable("akm-firm-effects", [new FrequencyCell("firms compared", pairs.Count)]).Check;
        return new CheckedTable("AKM firm effects against the planted firm wage effects", ["measure", "value"], rows, check,
            "Firm effects are normalised differently (a constant shift does not change the correlation); small firms are estimated with noise.");
    }

    /// <summary>
    /// A truth column of <c>truth/employers.csv</c> keyed by the pseudonymous employer key (the study's key; on a release,
    /// the release truth file, see <see cref="SyntheticStudy.ReleaseTruth"/>).
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="column">Column name, for example <c>mean_worker_skill</c>.</param>
    public static IReadOnlyDictionary<string, double> TruthByEmployerKey(SyntheticStudy study, string column)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        if (study.Settings.ReleaseDirectory is not null) return study.ReleaseTruth(column);
        var data = RegressionData.ReadCsv(study.TruthEmployersPath);
        var ids = data.GetColumn("employer_id");
        var values = new double[data.RowCount];
        data.GetColumn(column).CopyNumeric(values);
        var result = new Dictionary<string, double>(data.RowCount, StringComparer.Ordinal);
        for (var i = 0; i < data.RowCount; i++)
        {
            var id = ids.GetLabel(i) ?? throw new InvalidDataException($"{study.TruthEmployersPath}: row {i + 2} has no employer_id.");
            result[study.Key.Pseudonymise("employer", id)] = values[i];
        }

        return result;
    }

    internal static double Correlation(double[] x, double[] y)
    {
        if (x.Length < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
