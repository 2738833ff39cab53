using Adrn.Linkage.Evaluation;
using Adrn.Notebooks.Charts;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// A rendered chart page opened in a real headless Chromium (tests/Shared/HeadlessChromium.cs) from a file:// URL
/// with every host unresolvable: plotly.js must come from the page itself. The page's drawing script marks the chart
/// only after Plotly.newPlot resolved.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class HeadlessChromiumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adrn-chart-page-").FullName;
    private readonly HeadlessChromium _chromium = new();

    public void Dispose()
    {
        _chromium.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static ChartView PrecisionRecallChart() => LinkageCharts.PrecisionRecall(new EvaluationReport
    {
        Threshold = 0.5,
        PredictedLinks = 990,
        ExpectedFalseLinks = 9,
        PrecisionRecall = [ThresholdMetrics.From(0.1, 1010, 985, 1000), ThresholdMetrics.From(0.5, 990, 980, 1000), ThresholdMetrics.From(0.9, 900, 899, 1000)],
    });

    [Fact]
    public async Task Chart_page_renders_offline_in_headless_chromium_without_script_errors_and_draws_a_non_blank_picture()
    {
        var page = Path.Combine(_dir, "chart.html");
        await File.WriteAllTextAsync(page, PrecisionRecallChart().ToHtmlPage());

        var dom = await _chromium.DumpDomAsync(page);
        Assert.True(dom.Stdout.Contains("data-adrn-rendered=\"true\"", StringComparison.Ordinal),
            $"the chart was not drawn (exit {dom.ExitCode}); stderr:\n{dom.Stderr}");
        Assert.Contains("class=\"main-svg\"", dom.Stdout, StringComparison.Ordinal); // plotly's SVG root
        Assert.DoesNotContain("Uncaught", dom.Stderr, StringComparison.Ordinal);
        Assert.Empty(dom.PageRequests);

        var png = Path.Combine(_dir, "chart.png");
        var shot = await _chromium.ScreenshotAsync(page, png, 800, 600);
        Assert.True(File.Exists(png), $"no screenshot (exit {shot.ExitCode}); stderr:\n{shot.Stderr}");
        Assert.DoesNotContain("Uncaught", shot.Stderr, StringComparison.Ordinal);
        var image = PngImage.Decode(await File.ReadAllBytesAsync(png));
        Assert.Equal(800, image.Width);
        Assert.Equal(600, image.Height);
        // A blank white page has variance 0 and one colour; lines, markers, axes and text give many.
        Assert.True(image.LuminanceVariance() > 50, $"luminance variance {image.LuminanceVariance():F1}");
        Assert.True(image.DistinctColours() > 20, $"{image.DistinctColours()} colours");
    }

    [Fact]
    public async Task A_page_whose_figure_script_fails_is_not_marked_as_rendered()
    {
        // Negative control for the marker: break the drawing call and the marker must be absent.
        var html = PrecisionRecallChart().ToHtmlPage().Replace("window.Plotly.newPlot(el,", "window.Plotly.noSuchFunction(el,", StringComparison.Ordinal);
        var page = Path.Combine(_dir, "broken.html");
        await File.WriteAllTextAsync(page, html);
        var dom = await _chromium.DumpDomAsync(page);
        Assert.Contains("<div class=\"adrn-chart\">", dom.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("data-adrn-rendered=\"true\"", dom.Stdout, StringComparison.Ordinal);
        Assert.Contains("Uncaught", dom.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_loads_from_the_network_is_caught_by_the_request_log()
    {
        // Negative control for "loads nothing from the network": an image and a fetch from a (never resolvable) host.
        var page = Path.Combine(_dir, "network.html");
        await File.WriteAllTextAsync(page, "<html><body><img src=\"http://adrn-test.invalid/x.png\"><script>fetch('https://adrn-test.invalid/y.json').catch(function () {});</script></body></html>");
        var dom = await _chromium.DumpDomAsync(page);
        Assert.Contains("http://adrn-test.invalid/x.png", dom.PageRequests);
        Assert.Contains("https://adrn-test.invalid/y.json", dom.PageRequests);
    }
}
