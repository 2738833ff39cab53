using System.Diagnostics;
using Adrn.Linkage.Evaluation;
using Adrn.Notebooks.Charts;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// A rendered chart page opened in a real headless Chromium (Debian <c>chromium</c>, installed by
/// scripts/test-prerequisites.sh) from a file:// URL with networking off: plotly.js must come from
/// the page itself. The page's drawing script marks the chart only after Plotly.newPlot resolved.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class HeadlessChromiumTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly string _dir = Directory.CreateTempSubdirectory("adrn-chromium-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ChartView PrecisionRecallChart() => LinkageCharts.PrecisionRecall(new EvaluationReport
    {
        Threshold = 0.5,
        PredictedLinks = 990,
        ExpectedFalseLinks = 9,
        PrecisionRecall = [ThresholdMetrics.From(0.1, 1010, 985, 1000), ThresholdMetrics.From(0.5, 990, 980, 1000), ThresholdMetrics.From(0.9, 900, 899, 1000)],
    });

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunChromiumAsync(params string[] args)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/test-prerequisites.sh (installs Debian chromium).");
        var info = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(_dir, "profile-" + Guid.NewGuid().ToString("N"))}",
            "--enable-logging=stderr", "--v=0",
        })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Chart_page_renders_offline_in_headless_chromium_without_script_errors_and_draws_a_non_blank_picture()
    {
        var page = Path.Combine(_dir, "chart.html");
        await File.WriteAllTextAsync(page, PrecisionRecallChart().ToHtmlPage());
        var url = new Uri(page).AbsoluteUri;

        var dom = await RunChromiumAsync("--virtual-time-budget=10000", "--dump-dom", url);
        Assert.True(dom.Stdout.Contains("data-adrn-rendered=\"true\"", StringComparison.Ordinal),
            $"the chart was not drawn (exit {dom.ExitCode}); stderr:\n{dom.Stderr}");
        Assert.Contains("class=\"main-svg\"", dom.Stdout, StringComparison.Ordinal); // plotly's SVG root
        Assert.DoesNotContain("Uncaught", dom.Stderr, StringComparison.Ordinal);

        var png = Path.Combine(_dir, "chart.png");
        var shot = await RunChromiumAsync("--virtual-time-budget=10000", "--window-size=800,600", $"--screenshot={png}", url);
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
        var dom = await RunChromiumAsync("--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri);
        Assert.Contains("<div class=\"adrn-chart\">", dom.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("data-adrn-rendered=\"true\"", dom.Stdout, StringComparison.Ordinal);
        Assert.Contains("Uncaught", dom.Stderr, StringComparison.Ordinal);
    }
}
