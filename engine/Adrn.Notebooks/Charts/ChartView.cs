using System.Net;
using System.Threading;
using Adrn.Linkage.Reporting;
using Adrn.Stats.Disclosure;
using Plotly.NET;

namespace Adrn.Notebooks.Charts;

/// <summary>
/// A chart ready for a notebook: a title, the plotly figure, and (when it is drawn from statistics about people or
/// firms) the output check of the table behind it. Rendered as an HTML fragment drawn by plotly.js from the page
/// itself, so it needs no network. plotly.js (3.5 MB) is placed once per notebook session: by
/// <see cref="AdrnKernelExtension.Load"/> in the cell that loads the extension, or else by the first chart shown.
/// </summary>
public sealed class ChartView
{
    private static int _plotlyPlaced;
    private readonly Func<string> _figureJson;

    /// <summary>Creates a chart view from a Plotly.NET chart.</summary>
    /// <param name="title">Heading shown above the chart.</param>
    /// <param name="chart">The Plotly.NET chart.</param>
    /// <param name="check">Output check of the figures drawn, or null for charts of model diagnostics.</param>
    public ChartView(string title, GenericChart chart, OutputCheck? check = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(chart);
        Title = title;
        Check = check;
        _figureJson = () => FigureJsonOf(chart);
    }

    /// <summary>Creates a chart view from a plotly figure of Adrn.Linkage's reporting (the charts <c>report.html</c> shows).</summary>
    /// <param name="figure">The figure (its title becomes the heading).</param>
    /// <param name="check">Output check of the figures drawn, or null for charts of model diagnostics.</param>
    public ChartView(PlotlyFigure figure, OutputCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        Title = figure.Title;
        Check = check;
        _figureJson = figure.ToJson;
    }

    /// <summary>Heading shown above the chart.</summary>
    public string Title { get; }

    /// <summary>Output check of the figures drawn, or null when the chart shows model diagnostics only.</summary>
    public OutputCheck? Check { get; }

    /// <summary>The chart as plotly figure JSON (<c>data</c> and <c>layout</c>).</summary>
    public string FigureJson => _figureJson();

    /// <summary>
    /// The HTML fragment: heading, the drawn figure (<see cref="PlotlyFigure.Draw"/>: it waits for plotly.js, then
    /// sets <c>data-adrn-rendered="true"</c>), the output check, and plotly.js itself when no output of this session
    /// has carried it yet.
    /// </summary>
    public string ToHtml()
    {
        var loader = Interlocked.Exchange(ref _plotlyPlaced, 1) == 0 ? PlotlyJs.ScriptElement : string.Empty;
        var html = PlotlyFigure.Draw(Title, FigureJson);
        if (Check is not null) html = html[..^"</div>".Length] + Formatting.AdrnHtml.CheckBanner(Check) + "</div>";
        return loader + html;
    }

    /// <summary>A complete HTML page holding the chart and plotly.js (for saving to a file and opening offline).</summary>
    public string ToHtmlPage() =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(Title) + "</title>" + PlotlyJs.ScriptElement + "</head><body>\n"
        + PlotlyFigure.Draw(Title, FigureJson) + (Check is null ? string.Empty : Formatting.AdrnHtml.CheckBanner(Check)) + "\n</body></html>\n";

    /// <summary>
    /// The <c>&lt;script&gt;</c> that loads plotly.js for this session's charts, or an empty string when an output
    /// of this session already carried it (the extension calls this when it is loaded).
    /// </summary>
    /// <param name="again">True to place it even if it was placed before (a notebook run again from the top).</param>
    internal static string PlotlyLoader(bool again) =>
        Interlocked.Exchange(ref _plotlyPlaced, 1) == 0 || again ? PlotlyJs.ScriptElement : string.Empty;

    /// <remarks>
    /// NOTE: Plotly.NET's own <c>GenericChart.toFigureJson</c> first initialises its HTML globals, which
    /// need Giraffe.ViewEngine bound to the same FSharp.Core as Plotly.NET. The dotnet-interactive and
    /// dotnet-repl kernels ship an older FSharp.Core (10.0) than Plotly.NET 6 (10.1), and that binding
    /// fails there; serialising the traces and layout (DynamicObj, Newtonsoft) needs no HTML globals.
    /// </remarks>
    private static string FigureJsonOf(GenericChart chart)
    {
        var settings = new Newtonsoft.Json.JsonSerializerSettings { NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore };
        var data = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getTraces(chart), settings);
        var layout = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getLayout(chart), settings);
        return "{\"data\":" + data + ",\"layout\":" + layout + "}";
    }
}
