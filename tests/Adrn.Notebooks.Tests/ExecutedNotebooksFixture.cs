namespace Adrn.Notebooks.Tests;

/// <summary>
/// Runs the four notebooks once, in order, on a small synthetic population (2,000 employers,
/// 20,000 payroll rows, 2,000 cohort members) in a fresh work folder, and keeps what they produced.
/// The notebooks read the sizes from the ADRN_STUDY_* environment variables, as documented.
/// </summary>
public sealed class ExecutedNotebooksFixture : IAsyncLifetime
{
    public const int Employers = 2_000;
    public const int Employees = 20_000;
    public const int Cohort = 2_000;

    private readonly Dictionary<string, NotebookRun> _runs = [];

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "adrn-notebook-tests-" + Guid.NewGuid().ToString("N")[..8]);

    internal IReadOnlyDictionary<string, NotebookRun> Runs => _runs;

    internal static readonly (string Notebook, Dictionary<string, string> Probes)[] Notebooks =
    [
        ("01-linkage-quality.ipynb", new()
        {
            ["f1"] = "quality.Evaluation.F1.Value",
            ["precision"] = "quality.Evaluation.Precision.Value",
            ["recall"] = "quality.Evaluation.Recall.Value",
        }),
        ("02-productivity-puzzle.ipynb", new()
        {
            ["management_ci_low"] = "plantedFit[\"management_score\"].CiLow",
            ["management_ci_high"] = "plantedFit[\"management_score\"].CiHigh",
            ["management_planted"] = "study.Planted.Coefficients[\"management_score\"]",
            ["skill_ci_low"] = "plantedFit[\"mean_worker_skill\"].CiLow",
            ["skill_ci_high"] = "plantedFit[\"mean_worker_skill\"].CiHigh",
            ["skill_planted"] = "study.Planted.Coefficients[\"mean_worker_skill\"]",
            ["models"] = "models.Models.Count",
            ["akm_firm_corr"] = "double.Parse(ProductivityAnalysis.CompareFirmEffectsWithPlanted(akm, study).Cell(1, \"value\"), System.Globalization.CultureInfo.InvariantCulture)",
            ["data_directory"] = "study.DataDirectory",
        }),
        ("03-cohort-enrichment.ipynb", new()
        {
            ["cohort_precision"] = "cohort.CohortLinks.Evaluation.Precision.Value",
            ["gap_true"] = "sensitivity.TrueLinkEstimate",
            ["gap_05"] = "sensitivity.EstimateByThreshold[0.5]",
            ["gap_001"] = "sensitivity.EstimateByThreshold[0.01]",
            ["gap_weighted"] = "sensitivity.WeightedEstimate",
            ["members"] = "cohort.Enriched.Members",
        }),
        ("04-linkage-error-bias.ipynb", new()
        {
            ["sets"] = "bias.Estimates.Count",
            ["truth_precision"] = "bias.Estimates[0].LinkPrecision",
            ["engine_precision"] = "bias.Estimates[1].LinkPrecision",
            ["no_paye_precision"] = "bias.Estimates[3].LinkPrecision",
            ["no_paye_loose_precision"] = "bias.Estimates[4].LinkPrecision",
            ["truth_pay"] = "bias.Estimates[0].Fit[\"mean_log_pay\"].Estimate",
            ["truth_pay_se"] = "bias.Estimates[0].Fit[\"mean_log_pay\"].StdError",
            ["engine_pay"] = "bias.Estimates[1].Fit[\"mean_log_pay\"].Estimate",
            ["no_paye_pay"] = "bias.Estimates[3].Fit[\"mean_log_pay\"].Estimate",
            ["no_paye_loose_pay"] = "bias.Estimates[4].Fit[\"mean_log_pay\"].Estimate",
            ["weighted_pay"] = "bias.Estimates[5].Fit[\"mean_log_pay\"].Estimate",
            ["truth_management"] = "bias.Estimates[0].Fit[\"management_score\"].Estimate",
            ["no_paye_loose_management"] = "bias.Estimates[4].Fit[\"management_score\"].Estimate",
            ["hard_sets"] = "hardBias.Estimates.Count",
            ["hard_engine_precision"] = "hardBias.Estimates[1].LinkPrecision",
            ["hard_no_paye_loose_precision"] = "hardBias.Estimates[4].LinkPrecision",
            ["hard_truth_pay"] = "hardBias.Estimates[0].Fit[\"mean_log_pay\"].Estimate",
            ["hard_truth_pay_se"] = "hardBias.Estimates[0].Fit[\"mean_log_pay\"].StdError",
            ["hard_engine_pay"] = "hardBias.Estimates[1].Fit[\"mean_log_pay\"].Estimate",
            ["hard_no_paye_loose_pay"] = "hardBias.Estimates[4].Fit[\"mean_log_pay\"].Estimate",
            ["hard_weighted_pay"] = "hardBias.Estimates[5].Fit[\"mean_log_pay\"].Estimate",
            ["planted_replications"] = "planted.Replications",
            ["planted_naive_coverage"] = "planted.Coverage[0].Coverage",
            ["planted_mi_coverage"] = "planted.Coverage[2].Coverage",
            ["planted_naive_bias"] = "planted.Coverage[0].MeanEstimate - planted.Truth",
            ["planted_ll_bias"] = "planted.Coverage[3].MeanEstimate - planted.Truth",
            ["cohort_truth"] = "cohortInference.Truth",
            ["cohort_mi"] = "cohortInference[2].Estimate",
            ["cohort_mi_se"] = "cohortInference[2].StdError",
            ["cohort_ll"] = "cohortInference[3].Estimate",
        }),
    ];

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ADRN_STUDY_EMPLOYERS", Employers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("ADRN_STUDY_EMPLOYEES", Employees.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("ADRN_STUDY_COHORT", Cohort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("ADRN_STUDY_DIR", WorkDirectory);
        foreach (var (notebook, probes) in Notebooks)
            _runs[notebook] = await NotebookRunner.RunAsync(RepositoryPaths.Notebook(notebook), probes);
    }

    public Task DisposeAsync()
    {
        foreach (var name in new[] { "ADRN_STUDY_EMPLOYERS", "ADRN_STUDY_EMPLOYEES", "ADRN_STUDY_COHORT", "ADRN_STUDY_DIR" })
            Environment.SetEnvironmentVariable(name, null);
        if (Directory.Exists(WorkDirectory)) Directory.Delete(WorkDirectory, recursive: true);
        return Task.CompletedTask;
    }
}
