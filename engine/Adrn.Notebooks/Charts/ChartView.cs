using System.Globalization;
using System.Net;
using System.Text;
using System.Threading;
using Adrn.Stats.Disclosure;
using Plotly.NET;

namespace Adrn.Notebooks.Charts;

/// <summary>
/// A Plotly.NET chart ready for a notebook: a title, the chart, and (when it is drawn from
/// statistics about people or firms) the output check of the table behind it. Rendered as a
/// self-contained HTML fragment with plotly.js inlined, so it needs no network.
/// </summary>
public sealed class ChartView
{
    private static int _counter;

    /// <summary>Creates a chart view.</summary>
    /// <param name="title">Heading shown above the chart.</param>
    /// <param name="chart">The Plotly.NET chart.</param>
    /// <param name="check">Output check of the figures drawn, or null for charts of model diagnostics.</param>
    public ChartView(string title, GenericChart chart, OutputCheck? check = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(chart);
        Title = title;
        Chart = chart;
        Check = check;
    }

    /// <summary>Heading shown above the chart.</summary>
    public string Title { get; }

    /// <summary>The Plotly.NET chart.</summary>
    public GenericChart Chart { get; }

    /// <summary>Output check of the figures drawn, or null when the chart shows model diagnostics only.</summary>
    public OutputCheck? Check { get; }

    /// <summary>The chart as plotly figure JSON (<c>data</c> = Plotly.NET's traces, <c>layout</c> = its layout).</summary>
    /// <remarks>
    /// NOTE: Plotly.NET's own <c>GenericChart.toFigureJson</c> first initialises its HTML globals, which
    /// need Giraffe.ViewEngine bound to the same FSharp.Core as Plotly.NET. The dotnet-interactive and
    /// dotnet-repl kernels ship an older FSharp.Core (10.0) than Plotly.NET 6 (10.1), and that binding
    /// fails there; serialising the traces and layout (DynamicObj, Newtonsoft) needs no HTML globals.
    /// </remarks>
    public string FigureJson
    {
        get
        {
            var settings = new Newtonsoft.Json.JsonSerializerSettings { NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore };
            var data = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getTraces(Chart), settings);
            var layout = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getLayout(Chart), settings);
            return "{\"data\":" + data + ",\"layout\":" + layout + "}";
        }
    }

    /// <summary>
    /// The HTML fragment: heading, a <c>div</c> the chart is drawn into, the inlined plotly.js (loaded
    /// once per page: later charts reuse <c>window.Plotly</c>) and a script that draws the figure and
    /// then sets <c>data-adrn-rendered="true"</c> on the div, so a browser test can see it succeeded.
    /// </summary>
    /// <param name="width">Width in pixels (default 760).</param>
    /// <param name="height">Height in pixels (default 420).</param>
    public string ToHtml(int width = 760, int height = 420)
    {
        var id = "adrn-chart-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture)
            + "-" + Guid.NewGuid().ToString("N")[..8];
        var sb = new StringBuilder();
        sb.Append("<div class=\"adrn-chart\">");
        sb.Append("<h4>").Append(WebUtility.HtmlEncode(Title)).Append("</h4>");
        sb.Append("<div id=\"").Append(id).Append("\" style=\"width:").Append(width.ToString(CultureInfo.InvariantCulture))
            .Append("px;height:").Append(height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>");
        // NOTE: plotly.js is a UMD bundle: where a page has AMD (require.js in classic Jupyter) or
        // CommonJS it would register a module instead of window.Plotly. Shadowing define/module/exports
        // makes it always set window.Plotly, which the drawing script below relies on.
        sb.Append("<script type=\"text/javascript\">if (!window.Plotly) { (function (define, module, exports) {\n")
            .Append(PlotlyScript.Source)
            .Append("\n}).call(window, undefined, undefined, undefined); }</script>");
        sb.Append("<script type=\"text/javascript\">(function () { var fig = ")
            .Append(FigureJson.Replace("</", "<\\/", StringComparison.Ordinal))
            .Append("; var el = document.getElementById('").Append(id).Append("');")
            .Append(" window.Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false, responsive: true })")
            .Append(".then(function () { el.setAttribute('data-adrn-rendered', 'true'); });")
            .Append(" })();</script>");
        if (Check is not null) sb.Append(Formatting.AdrnHtml.CheckBanner(Check));
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>A complete HTML page holding the chart (for saving to a file and opening offline).</summary>
    public string ToHtmlPage() =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(Title) + "</title></head><body>\n"
        + ToHtml() + "\n</body></html>\n";
}
