using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Adrn.Linkage.Reporting;

/// <summary>
/// A plotly.js figure (traces and layout, as plotly's JSON) with a title, and the one piece of HTML that draws a
/// figure: used by <c>report.html</c>, <c>adrn blocking --html</c> and the notebooks' <c>ChartView</c> alike.
/// </summary>
public sealed class PlotlyFigure
{
    private static int _counter;

    /// <summary>Creates a figure.</summary>
    /// <param name="title">Heading shown above the chart.</param>
    /// <param name="data">plotly traces.</param>
    /// <param name="layout">plotly layout; its <c>width</c>/<c>height</c> size the chart's box.</param>
    public PlotlyFigure(string title, JsonArray data, JsonObject layout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(layout);
        Title = title;
        Data = data;
        Layout = layout;
    }

    /// <summary>Heading shown above the chart.</summary>
    public string Title { get; }

    /// <summary>plotly traces.</summary>
    public JsonArray Data { get; }

    /// <summary>plotly layout.</summary>
    public JsonObject Layout { get; }

    /// <summary>The figure as plotly JSON: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson() => new JsonObject { ["data"] = Data.DeepClone(), ["layout"] = Layout.DeepClone() }.ToJsonString();

    /// <summary>The HTML of this figure (see <see cref="Draw"/>).</summary>
    public string ToHtml() => Draw(Title, ToJson());

    /// <summary>
    /// The HTML that draws a figure: a heading, a box sized like the figure's layout (so a tall chart never runs
    /// over what follows it) and a script that waits for <c>window.Plotly</c> (<see cref="PlotlyJs.ScriptElement"/>,
    /// placed once per page or notebook), draws the figure, then sets <c>data-adrn-rendered="true"</c> on the box so
    /// a browser test can see that drawing succeeded.
    /// </summary>
    /// <param name="title">Heading.</param>
    /// <param name="figureJson">The figure as plotly JSON (<c>data</c> and <c>layout</c>).</param>
    /// <returns>The HTML fragment (a <c>div.adrn-chart</c>).</returns>
    public static string Draw(string title, string figureJson)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(figureJson);
        var (width, height) = BoxSize(figureJson);
        var id = "adrn-chart-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var sb = new StringBuilder();
        sb.Append("<div class=\"adrn-chart\">");
        sb.Append("<h4>").Append(WebUtility.HtmlEncode(title)).Append("</h4>");
        sb.Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" style=\"width:{width}px;height:{height}px\"></div>");
        // NOTE: the script waits for plotly.js instead of carrying it: a notebook or report loads the 3.5 MB bundle
        // once, and a notebook front end may render outputs in any order. After 30 s it says what is missing.
        sb.Append("<script type=\"text/javascript\">(function () { var fig = ")
            .Append(figureJson.Replace("</", "<\\/", StringComparison.Ordinal))
            .Append("; var el = document.getElementById('").Append(id).Append("'); var tries = 0;")
            .Append(" function draw() { if (!window.Plotly) { if (++tries > 600) { el.textContent = 'plotly.js is not loaded: run the cell that loads Adrn.Notebooks (or open the page again).'; return; } setTimeout(draw, 50); return; }")
            .Append(" window.Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false, responsive: true })")
            .Append(".then(function () { el.setAttribute('data-adrn-rendered', 'true'); }); }")
            .Append(" draw(); })();</script>");
        sb.Append("</div>");
        return sb.ToString();
    }

    private static (int Width, int Height) BoxSize(string figureJson)
    {
        var width = 760;
        var height = 420;
        try
        {
            if (JsonNode.Parse(figureJson)?["layout"] is JsonObject layout)
            {
                if (layout["width"] is JsonValue w && w.TryGetValue<double>(out var wv) && wv > 0) width = (int)Math.Ceiling(wv);
                if (layout["height"] is JsonValue h && h.TryGetValue<double>(out var hv) && hv > 0) height = (int)Math.Ceiling(hv);
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not our JSON to validate: plotly reports a broken figure itself; the box keeps its default size.
        }

        return (width, height);
    }
}
