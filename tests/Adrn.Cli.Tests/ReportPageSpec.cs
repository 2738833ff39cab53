using System.Text.RegularExpressions;

namespace Adrn.Cli.Tests;

/// <summary>
/// <c>report.html</c> of <c>adrn link</c> (the actor engine's driver of the pipeline) and the page of
/// <c>adrn blocking --html</c>, opened in a real headless Chromium with every host unresolvable and the network
/// logged: every chart is drawn, has marks in its plot, the page requests nothing from the network and runs no
/// failing script.
/// </summary>
public sealed partial class ReportPageSpec : IDisposable
{
    private static readonly string Febrl4 = RepositoryPaths.Example("febrl4.json");
    private readonly HeadlessChromium _chromium = new();

    public void Dispose() => _chromium.Dispose();

    [Fact]
    public async Task Adrn_link_writes_a_report_page_whose_charts_all_render_offline_with_marks_in_every_plot()
    {
        var dir = AdrnProcess.NewWorkDirectory("report-page");
        var link = AdrnProcess.Run("link", "--config", Febrl4, "--out", dir, "--workers", "2");
        Assert.True(link.ExitCode == 0, link.StdErr + link.StdOut);
        // A status line for each long stage, with counts (FEBRL4: 5,000 + 5,000 records; 31,931 candidate pairs).
        Assert.Contains("reading and standardising the sources: 10,000 records from 2 sources (10,000 rows read, 0 quarantined", link.StdOut, StringComparison.Ordinal);
        Assert.Contains("blocking: 31,931 candidate pairs from 6 blocking rules", link.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"training: sampling u from random pairs: u estimated from [\d,]+ random pairs", link.StdOut);
        Assert.Matches(@"training: estimating λ from the deterministic rules: λ = [\d.Ee-]+ from [\d,]+ pairs", link.StdOut);
        // The parameters are printed too, not only written.
        Assert.Contains("model: λ = ", link.StdOut, StringComparison.Ordinal);
        Assert.Contains("soc_sec_id: exact m ", link.StdOut, StringComparison.Ordinal);
        var page = Path.Combine(dir, "report.html");
        Assert.Contains(page, link.StdOut, StringComparison.Ordinal);

        var dom = await _chromium.DumpDomAsync(page);
        var charts = ChartBoxes(dom.Stdout);
        // Blocking, match weights, m/u, histogram, unlinkables, precision-recall, and at least one waterfall.
        Assert.True(charts.Count >= 7, $"{charts.Count} charts; stderr:\n{dom.Stderr}");
        foreach (var chart in charts)
        {
            Assert.True(chart.Contains("data-adrn-rendered=\"true\"", StringComparison.Ordinal), $"not drawn: {Head(chart)}");
            Assert.True(Marks().IsMatch(chart), $"an empty plot: {Head(chart)}");
        }

        Assert.Empty(dom.PageRequests);
        Assert.DoesNotContain("Uncaught", dom.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Refused to", dom.Stderr, StringComparison.Ordinal); // the page's Content-Security-Policy
    }

    [Fact]
    public async Task Adrn_blocking_html_writes_a_page_with_the_rule_table_and_a_drawn_cumulative_chart()
    {
        var dir = AdrnProcess.NewWorkDirectory("blocking-html");
        var page = Path.Combine(dir, "blocking.html");
        var outcome = AdrnProcess.Run("blocking", "--config", Febrl4, "--html", page);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        var html = await File.ReadAllTextAsync(page);
        Assert.Contains("soc_sec_id", html, StringComparison.Ordinal);
        Assert.Contains("31,931", html, StringComparison.Ordinal); // the total adrn blocking prints for FEBRL4
        Assert.Contains("31,931", outcome.StdOut, StringComparison.Ordinal);

        var dom = await _chromium.DumpDomAsync(page);
        var chart = Assert.Single(ChartBoxes(dom.Stdout));
        Assert.Contains("data-adrn-rendered=\"true\"", chart, StringComparison.Ordinal);
        Assert.Matches(Marks(), chart);
        Assert.Empty(dom.PageRequests);
    }

    private static List<string> ChartBoxes(string dom) =>
        [.. dom.Split("<div class=\"adrn-chart\">").Skip(1)];

    private static string Head(string s) => s[..Math.Min(300, s.Length)];

    // plotly draws bars and waterfall steps as <g class="point"><path d="M...">, lines as <path class="js-line" d="M...">.
    [GeneratedRegex("class=\"point\"[^>]*>\\s*<path[^>]* d=\"M[^\"]{4,}\"|class=\"js-line\"[^>]* d=\"M[^\"]{4,}\"")]
    private static partial Regex Marks();
}
