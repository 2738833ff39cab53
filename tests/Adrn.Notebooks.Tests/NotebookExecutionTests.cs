namespace Adrn.Notebooks.Tests;

/// <summary>
/// Each notebook runs top to bottom in an in-process C# kernel with no error, and its key results
/// hold against the synthetic population's ground truth (truth files and dgp.json are the
/// independent reference: they are written by the generator, not by the code under test).
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookExecutionTests(ExecutedNotebooksFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ExecutedNotebooksFixture>
{
    private NotebookRun Run(string name)
    {
        var run = fixture.Runs[name];
        Assert.True(run.Errors.Count == 0, $"{name} failed:\n{string.Join("\n", run.Errors)}");
        return run;
    }

    private static double Probe(NotebookRun run, string name) => Convert.ToDouble(run.Probes[name], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Linkage_quality_notebook_runs_and_links_employees_to_employers_with_F1_above_0_99()
    {
        var run = Run("01-linkage-quality.ipynb");
        Assert.True(Probe(run, "f1") > 0.99, $"F1 {Probe(run, "f1")}");
        Assert.Contains(run.HtmlOutputs, h => h.Contains("Blocking rules", StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("m and u probabilities", StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("Precision and recall against truth", StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("adrn-waterfall", StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("Clerical review sample", StringComparison.Ordinal));
    }

    [Fact]
    public void Productivity_notebook_recovers_the_planted_management_and_skill_coefficients_within_their_95_percent_intervals()
    {
        var run = Run("02-productivity-puzzle.ipynb");
        var planted = Probe(run, "management_planted");
        Assert.Equal(0.77, planted, 6); // docs/synthetic-data.md: 0.77·management_score
        Assert.InRange(planted, Probe(run, "management_ci_low"), Probe(run, "management_ci_high"));
        Assert.InRange(Probe(run, "skill_planted"), Probe(run, "skill_ci_low"), Probe(run, "skill_ci_high"));
        Assert.Equal(3, Convert.ToInt32(run.Probes["models"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("AKM decomposition", StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("90/10", StringComparison.Ordinal));
    }

    [Fact]
    public void Productivity_notebook_AKM_firm_effects_track_the_planted_firm_wage_effects()
    {
        var run = Run("02-productivity-puzzle.ipynb");
        // Planted firm effects have sd about 0.1 against a residual sd of 0.10 (dgp.json wage_model):
        // with several workers per firm the estimates must correlate clearly with the truth.
        Assert.True(Probe(run, "akm_firm_corr") > 0.5, $"corr {Probe(run, "akm_firm_corr")}");
    }

    [Fact]
    public void Cohort_notebook_links_members_precisely_and_the_pay_gap_on_engine_links_matches_the_true_links()
    {
        var run = Run("03-cohort-enrichment.ipynb");
        Assert.True(Probe(run, "cohort_precision") > 0.97, $"precision {Probe(run, "cohort_precision")}");
        Assert.Equal(ExecutedNotebooksFixture.Cohort, Convert.ToInt32(run.Probes["members"], System.Globalization.CultureInfo.InvariantCulture));
        var truth = Probe(run, "gap_true");
        var atHalf = Probe(run, "gap_05");
        Assert.True(truth > 0, $"managers and professionals earn more on true links (gap {truth})");
        Assert.True(Math.Abs(atHalf - truth) < 0.1 * Math.Abs(truth) + 0.02, $"gap at 0.5 {atHalf} vs truth {truth}");
    }

    [Fact]
    public void Linkage_error_notebook_measures_link_precision_per_link_set_and_engine_links_estimate_close_to_true_links()
    {
        var run = Run("04-linkage-error-bias.ipynb");
        // true links; engine links and p >= 0.01; without PAYE links and p >= 0.01; the weighted correction.
        Assert.Equal(6, Convert.ToInt32(run.Probes["sets"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.0, Probe(run, "truth_precision"), 12);
        Assert.True(Probe(run, "engine_precision") > 0.99, $"engine precision {Probe(run, "engine_precision")}");
        // Without the PAYE reference only names and postcodes link: never more precise than with it.
        Assert.True(Probe(run, "no_paye_precision") <= Probe(run, "engine_precision"),
            $"without PAYE {Probe(run, "no_paye_precision")} vs engine {Probe(run, "engine_precision")}");
        var se = Probe(run, "truth_pay_se");
        Assert.True(Math.Abs(Probe(run, "engine_pay") - Probe(run, "truth_pay")) < 2 * se);
        Assert.True(Math.Abs(Probe(run, "weighted_pay") - Probe(run, "truth_pay")) < 2 * se);

        // The harder population (much noisier employer fields) links less precisely, and names and
        // postcodes at a loose threshold less precisely still; estimates stay within 2 SE of true links.
        Assert.Equal(6, Convert.ToInt32(run.Probes["hard_sets"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Probe(run, "hard_engine_precision") < Probe(run, "engine_precision"),
            $"hard {Probe(run, "hard_engine_precision")} vs default {Probe(run, "engine_precision")}");
        Assert.True(Probe(run, "hard_no_paye_loose_precision") <= Probe(run, "hard_engine_precision"));
        Assert.True(Math.Abs(Probe(run, "hard_weighted_pay") - Probe(run, "hard_truth_pay")) < 2 * Probe(run, "hard_truth_pay_se"));
    }

    [Fact]
    public void Linkage_error_notebook_multiple_imputation_covers_the_planted_slope_where_naive_links_do_not()
    {
        var run = Run("04-linkage-error-bias.ipynb");
        // Planted scenario (Adrn.Synthetic, slope 0.5, best-link precision about 0.95), 100 draws in the notebook:
        // the 90-99% band of the 200-draw test widened by one binomial SD (2.2 points) for the smaller count.
        Assert.Equal(100, Convert.ToInt32(run.Probes["planted_replications"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(Probe(run, "planted_mi_coverage"), 0.88, 1.0);
        Assert.True(Probe(run, "planted_naive_coverage") < 0.8, $"naive coverage {Probe(run, "planted_naive_coverage")}");
        Assert.True(Math.Abs(Probe(run, "planted_ll_bias")) < Math.Abs(Probe(run, "planted_naive_bias")) / 4);
        // On the study's cohort pairs the imputed estimate stays within 2 SE of the estimate on true links.
        Assert.True(Math.Abs(Probe(run, "cohort_mi") - Probe(run, "cohort_truth")) < 2 * Probe(run, "cohort_mi_se"),
            $"MI {Probe(run, "cohort_mi")} vs truth {Probe(run, "cohort_truth")} (SE {Probe(run, "cohort_mi_se")})");
        Assert.Contains(run.HtmlOutputs, h => h.Contains("Coverage of the planted slope", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_displayed_table_of_every_notebook_carries_its_output_check_status()
    {
        foreach (var (name, run) in fixture.Runs)
        {
            Assert.Empty(run.Errors);
            var tables = run.HtmlOutputs.Where(h => h.Contains("<table", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(tables);
            foreach (var html in tables)
            {
                var tableCount = CountOf(html, "<table");
                var checks = CountOf(html, "class=\"adrn-output-check");
                Assert.True(checks >= 1 && checks >= tableCount - CountOf(html, "adrn-model-table"),
                    $"{name}: an output with {tableCount} table(s) shows {checks} output check(s): {html[..Math.Min(400, html.Length)]}");
            }
        }
    }

    [Fact]
    public void Every_notebook_carries_plotly_js_once_in_the_cell_that_loads_the_extension()
    {
        var library = Adrn.Linkage.Reporting.PlotlyJs.Source[..2000];
        foreach (var (name, run) in fixture.Runs)
        {
            Assert.Empty(run.Errors);
            Assert.True(run.HtmlOutputs.Count(h => h.Contains(library, StringComparison.Ordinal)) == 1, $"{name}: plotly.js in {run.HtmlOutputs.Count(h => h.Contains(library, StringComparison.Ordinal))} outputs");
            Assert.Contains(run.HtmlOutputs, h => h.Contains("data-adrn-rendered", StringComparison.Ordinal) && !h.Contains(library, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void No_notebook_output_shows_a_name_NINO_postcode_or_source_id_from_the_inputs()
    {
        var dataDirectory = (string)fixture.Runs["02-productivity-puzzle.ipynb"].Probes["data_directory"]!;
        var identifiers = SourceIdentifiers.Load(dataDirectory);
        Assert.True(identifiers.Count > 10_000, $"only {identifiers.Count} identifiers loaded");
        foreach (var (name, run) in fixture.Runs)
        {
            foreach (var output in run.AllOutputs)
            {
                var found = identifiers.FindIn(output);
                Assert.True(found.Count == 0, $"{name} shows identifiers: {string.Join(", ", found.Take(5))}");
            }
        }
    }

    [Fact]
    public void The_notebooks_together_run_in_under_four_minutes()
    {
        var total = TimeSpan.FromTicks(fixture.Runs.Values.Sum(r => r.Elapsed.Ticks));
        foreach (var run in fixture.Runs.Values)
        {
            output.WriteLine($"{run.Name}: {run.Elapsed.TotalSeconds:F1} s, {run.HtmlOutputs.Count} HTML outputs");
            foreach (var (name, value) in run.Probes) output.WriteLine($"  {name} = {value}");
        }

        Assert.True(total < TimeSpan.FromMinutes(4), $"notebooks took {total}: {string.Join(", ", fixture.Runs.Values.Select(r => $"{r.Name} {r.Elapsed.TotalSeconds:F1}s"))}");
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
