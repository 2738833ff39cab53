using System.Text.Json;
using System.Text.Json.Nodes;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Reporting;

namespace Adrn.Linkage.Tests.Reporting;

/// <summary>
/// report.html and the figures behind it (the same figures the notebooks show). The page is rendered in a real
/// browser by tests/Adrn.Cli.Tests (ReportPageSpec); here: what the pipeline writes and what the figures hold.
/// </summary>
public sealed class LinkageReportTests
{
    private static MatchModel TwoLevelModel() => new()
    {
        LinkType = "link_only",
        ProbabilityTwoRandomRecordsMatch = 0.001,
        Comparisons =
        [
            new ComparisonParameters
            {
                Name = "a_comparison_with_a_long_name_that_would_be_clipped", Column = "x",
                Levels =
                [
                    new LevelParameters { Gamma = -1, Label = "null", Type = "null" },
                    new LevelParameters { Gamma = 0, Label = "else", Type = "else", M = 0.05, U = 0.95, MatchWeight = Math.Log2(0.05 / 0.95) },
                    new LevelParameters { Gamma = 1, Label = "exact", Type = "exact", M = 0.95, U = 0.05, MatchWeight = Math.Log2(0.95 / 0.05) },
                ],
            },
        ],
    };

    [Fact]
    public void Match_weight_bars_are_coloured_by_sign_and_long_labels_get_room_instead_of_being_clipped()
    {
        var figure = LinkageFigures.MatchWeights(TwoLevelModel());
        var trace = figure.Data[0]!;
        var x = trace["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        var colours = trace["marker"]!["color"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        // prior log2(0.001/0.999) < 0, else log2(0.05/0.95) < 0, exact log2(19) > 0.
        Assert.Equal(3, x.Count);
        for (var i = 0; i < x.Count; i++)
            Assert.Equal(x[i] >= 0 ? LinkageFigures.PositiveColour : LinkageFigures.NegativeColour, colours[i]);
        Assert.Contains(colours, c => c == LinkageFigures.PositiveColour);
        Assert.Contains(colours, c => c == LinkageFigures.NegativeColour);
        Assert.True(figure.Layout["yaxis"]!["automargin"]!.GetValue<bool>());
    }

    [Fact]
    public void A_chart_box_is_as_tall_as_its_figure_so_a_tall_chart_cannot_run_over_the_next_heading()
    {
        // The m/u chart of a model with many levels is taller than the old fixed 420 px box, which hid the next title.
        var model = TwoLevelModel() with
        {
            Comparisons = [.. Enumerable.Range(0, 12).Select(i => TwoLevelModel().Comparisons[0] with { Name = $"c{i}" })],
        };
        var figure = LinkageFigures.MAndU(model);
        var height = figure.Layout["height"]!.GetValue<int>();
        Assert.True(height > 420, $"height {height}");
        Assert.Contains($"height:{height}px", figure.ToHtml(), StringComparison.Ordinal);
        Assert.Equal("m and u probabilities by comparison level", figure.Title);
    }

    [Fact]
    public void The_pipeline_writes_report_html_beside_report_json_with_every_section_and_no_record_values()
    {
        // FEBRL4 in process (LinkageJob.Run); the actor engine's driver is checked by tests/Adrn.Cli.Tests.
        var config = LinkageJobConfig.Load(SharedData.Example("febrl4.json"));
        var outDir = SharedData.TempDir();
        var result = LinkageJob.Run(config, outDir);
        var html = File.ReadAllText(Assert.Single(result.Files["report_html"]));
        foreach (var section in new[] { "id=\"rows\"", "id=\"blocking\"", "id=\"model-parameters\"", "id=\"scores\"", "id=\"quality\"", "id=\"waterfalls\"", "id=\"timings\"" })
            Assert.Contains(section, html, StringComparison.Ordinal);
        foreach (var title in new[] { "Comparisons added by each blocking rule", "Match weights of the", "m and u probabilities", "Scored pairs by match probability", "Unlinkable records", "Precision and recall against truth", "A pair with match probability" })
            Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, PlotlyJs.Source[..500])); // plotly.js once
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        // The histogram in report.json counts every kept pair once.
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")))!;
        var histogram = report["probability_histogram"]!.AsArray().Select(v => v!.GetValue<long>()).ToList();
        Assert.Equal(LinkagePipeline.HistogramBins, histogram.Count);
        Assert.Equal(result.PairsKept, histogram.Sum());

        // No record value: surnames and given names of the inputs stay out of the page (plotly.js itself removed first).
        var page = html.Replace(PlotlyJs.Source, string.Empty, StringComparison.Ordinal);
        var names = File.ReadLines(Path.Combine(SharedData.DataRoot, "febrl", "dataset4a_clean.csv")).Skip(1).Take(300)
            .SelectMany(l => l.Split(',').Skip(1).Take(2)).Select(v => v.Trim()).Where(v => v.Length >= 5).Distinct().ToList();
        Assert.True(names.Count > 100, $"{names.Count} names");
        Assert.All(names, n => Assert.DoesNotContain("\"" + n + "\"", page, StringComparison.OrdinalIgnoreCase));
        Assert.All(names, n => Assert.DoesNotContain(">" + n + "<", page, StringComparison.OrdinalIgnoreCase));
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
