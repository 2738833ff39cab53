using Microsoft.DotNet.Interactive.Commands;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// The extension's formatters, exercised as a notebook would: a CompositeKernel with a C# kernel
/// loads the extension, code displays a value, and the test reads the text/html display event.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class FormatterTests
{
    private static async Task<string> DisplayHtmlAsync(string code) => (await DisplayAsync(code)).Html;

    private static async Task<(string Setup, string Html)> DisplayAsync(string code)
    {
        using var kernel = NotebookRunner.CreateKernel();
        var bin = AppContext.BaseDirectory;
        var setup = string.Join("\n", new[] { "Adrn.Notebooks.dll", "Adrn.Stats.dll", "Adrn.Linkage.dll", "Plotly.NET.dll", "Plotly.NET.CSharp.dll", "FSharp.Core.dll" }
            .Select(d => $"#r \"{Path.Combine(bin, d)}\""))
            + "\nAdrn.Notebooks.AdrnKernelExtension.Load(Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel);";
        var html = new List<string>();
        var text = new List<string>();
        var errors = new List<string>();
        NotebookRunner.Collect(await kernel.SendAsync(new SubmitCode(setup, "csharp")), html, text, errors);
        var setupHtml = string.Join("\n", html);
        html.Clear();
        NotebookRunner.Collect(await kernel.SendAsync(new SubmitCode(code, "csharp")), html, text, errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return (setupHtml, Assert.Single(html));
    }

    [Fact]
    public async Task Checked_table_formatter_shows_cells_and_the_output_check_status()
    {
        var html = await DisplayHtmlAsync("""
            using Adrn.Stats.Disclosure;
            var check = OutputChecker.CheckFrequencyTable("t1", [new FrequencyCell("north", 25), new FrequencyCell("south", 4)]).Check;
            display(new Adrn.Notebooks.Formatting.CheckedTable("Firms by area", ["area", "firms"], [["north", "25"], ["south", "4"]], check));
            """);
        Assert.Contains("<h4>Firms by area</h4>", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right\">25</td>", html, StringComparison.Ordinal);
        // DOMAIN.md: every frequency cell must count at least 10, so the cell of 4 fails the table.
        Assert.Contains("data-status=\"FAIL\"", html, StringComparison.Ordinal);
        Assert.Contains("south", html[html.IndexOf("<ul>", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disclosure_checked_table_formatter_marks_suppressed_cells_for_review()
    {
        var html = await DisplayHtmlAsync("""
            using Adrn.Stats.Disclosure;
            display(OutputChecker.CheckFrequencyTable("t2", [new FrequencyCell("a", 30), new FrequencyCell("b", 3)]).Suppress());
            """);
        Assert.Contains("suppressed", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"REVIEW\"", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right\">30</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regression_formatter_shows_the_model_table_and_its_output_check()
    {
        // y = 1 + 2x + e with e = +d, -d, -d, +d repeating: e sums to zero and is orthogonal to x over each block of
        // four, so least squares gives slope 2 exactly; 18 residual df pass the rule of 10 (DOMAIN.md).
        var html = await DisplayHtmlAsync("""
            using Adrn.Stats.Data;
            using Adrn.Stats.Estimation;
            var x = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
            var y = x.Select((v, i) => 1 + 2 * v + (i % 4 is 0 or 3 ? 0.01 : -0.01)).ToArray();
            display(Regression.Fit(RegressionData.FromArrays([new("y", y), new("x", x)]), "y ~ x", new RegressionOptions { OutputId = "reg-1" }));
            """);
        Assert.Contains("adrn-model-table", html, StringComparison.Ordinal);
        Assert.Contains(">2.0000", html, StringComparison.Ordinal);
        Assert.Contains("Output check <code>reg-1</code>", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"PASS\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_comparison_formatter_shows_one_output_check_per_model()
    {
        var html = await DisplayHtmlAsync("""
            using Adrn.Stats.Data;
            using Adrn.Stats.Estimation;
            var x = Enumerable.Range(0, 8).Select(i => (double)i).ToArray();
            var z = x.Select(v => v * v % 5).ToArray();
            var y = x.Select((v, i) => 1 + v + (i % 3) * 0.1).ToArray();
            var data = RegressionData.FromArrays([new("y", y), new("x", x), new("z", z)]);
            display(new Adrn.Notebooks.Formatting.ModelComparison("Two models", [
                Regression.Fit(data, "y ~ x", new RegressionOptions { OutputId = "m1" }),
                Regression.Fit(data, "y ~ x + z", new RegressionOptions { OutputId = "m2" })]));
            """);
        Assert.Contains("Output check <code>m1</code>", html, StringComparison.Ordinal);
        Assert.Contains("Output check <code>m2</code>", html, StringComparison.Ordinal);
        // 8 observations leave 6 and 5 residual degrees of freedom: under the minimum of 10 (DOMAIN.md).
        Assert.Equal(2, html.Split("data-status=\"FAIL\"").Length - 1);
    }

    [Fact]
    public async Task Model_formatter_shows_m_u_and_weights_with_two_charts_and_plotly_js_comes_once_from_the_loading_cell()
    {
        var (setup, html) = await DisplayAsync("""
            using Adrn.Linkage.Model;
            display(new MatchModel
            {
                LinkType = "link_only",
                ProbabilityTwoRandomRecordsMatch = 0.001,
                Comparisons =
                [
                    new ComparisonParameters
                    {
                        Name = "surname", Column = "surname",
                        Levels =
                        [
                            new LevelParameters { Gamma = -1, Label = "null", Type = "null" },
                            new LevelParameters { Gamma = 0, Label = "else", Type = "else", M = 0.05, U = 0.95, MatchWeight = Math.Log2(0.05 / 0.95) },
                            new LevelParameters { Gamma = 1, Label = "exact", Type = "exact", M = 0.95, U = 0.05, MatchWeight = Math.Log2(0.95 / 0.05) },
                        ],
                    },
                ],
            });
            """);
        Assert.Contains("<td style=\"text-align:right\">exact</td>", html, StringComparison.Ordinal);
        Assert.Contains(">4.25<", html, StringComparison.Ordinal); // log2(0.95/0.05) = 4.2479
        Assert.Contains(">-4.25<", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<div class=\"adrn-chart\">").Length - 1);
        // plotly.js is inlined once per notebook (no <script src=...> to a CDN): the cell that loads the extension
        // carries the library text, the charts after it wait for window.Plotly and do not carry it again.
        Assert.DoesNotContain("<script src", html + setup, StringComparison.OrdinalIgnoreCase);
        var library = Adrn.Linkage.Reporting.PlotlyJs.Source[..2000];
        Assert.Equal(2, setup.Split(library).Length); // exactly once
        Assert.DoesNotContain(library, html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"PASS\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_formatter_shows_precision_recall_table_and_chart()
    {
        var html = await DisplayHtmlAsync("""
            using Adrn.Linkage.Evaluation;
            display(new EvaluationReport
            {
                Threshold = 0.5, TruthPairs = 1000, PredictedLinks = 990, TruePositives = 980, FalsePositives = 10, FalseNegatives = 20,
                Precision = 980 / 990.0, Recall = 0.98, F1 = 2 * (980 / 990.0) * 0.98 / ((980 / 990.0) + 0.98), ExpectedFalseLinks = 9.5,
                PrecisionRecall = [ThresholdMetrics.From(0.5, 990, 980, 1000), ThresholdMetrics.From(0.9, 900, 899, 1000)],
            });
            """);
        Assert.Contains("98.99%", html, StringComparison.Ordinal); // 980/990
        Assert.Contains("89.90%", html, StringComparison.Ordinal); // recall at 0.9: 899/1000
        Assert.Contains("Precision and recall against truth by threshold", html, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"scatter\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waterfall_formatter_draws_the_weights_and_withholds_the_record_values()
    {
        var html = await DisplayHtmlAsync("""
            using Adrn.Linkage.Scoring;
            display(new MatchWeightExplanation
            {
                IdLeft = "E0000001", IdRight = "1000012345", PriorMatchWeight = -10,
                Comparisons =
                [
                    new ComparisonExplanation("employer_name", 3, "exact", "Zebedee Widgets Ltd", "Zebedee Widgets Ltd", 9.5, 1.25),
                    new ComparisonExplanation("employer_postcode", 1, "postcode_sector", "ZZ9 9ZA", "ZZ9 9ZB", 3.0, 0),
                ],
                MatchWeight = 3.75, MatchProbability = 0.9308,
            });
            """);
        Assert.Contains("\"type\":\"waterfall\"", html, StringComparison.Ordinal);
        Assert.Contains("\"total\"", html, StringComparison.Ordinal);
        Assert.Contains("postcode_sector", html, StringComparison.Ordinal);
        Assert.Contains("10.75", html, StringComparison.Ordinal); // 9.5 + 1.25, the name's weight with its TF adjustment
        Assert.DoesNotContain("Zebedee", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZ9 9ZA", html, StringComparison.Ordinal);
        Assert.DoesNotContain("E0000001", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"REVIEW\"", html, StringComparison.Ordinal);
    }
}
