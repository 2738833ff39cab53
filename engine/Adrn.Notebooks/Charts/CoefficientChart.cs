using System.Text.Json.Nodes;
using Adrn.Linkage.Reporting;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;

namespace Adrn.Notebooks.Charts;

/// <summary>Coefficient plots: each estimate as a point with its 95% interval drawn as an error bar, optionally beside reference values (planted or true).</summary>
public static class CoefficientChart
{
    /// <summary>Creates the chart.</summary>
    /// <param name="title">Heading.</param>
    /// <param name="labels">One label per estimate (the x axis).</param>
    /// <param name="estimates">The estimates, in label order.</param>
    /// <param name="axisTitle">Title of the value axis.</param>
    /// <param name="check">Output check of the regressions drawn.</param>
    /// <param name="reference">Reference values in label order (for example the planted coefficients), or null.</param>
    /// <param name="referenceName">Legend name of the reference values.</param>
    /// <returns>The chart.</returns>
    public static ChartView Create(string title, IReadOnlyList<string> labels, IReadOnlyList<CoefficientEstimate> estimates, string axisTitle,
        OutputCheck? check, IReadOnlyList<double>? reference = null, string referenceName = "planted")
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(estimates);
        if (labels.Count != estimates.Count) throw new ArgumentException($"{labels.Count} labels for {estimates.Count} estimates.", nameof(labels));
        static JsonArray Array(IEnumerable<double> v) => new([.. v.Select(x => double.IsFinite(x) ? JsonValue.Create(x) : (JsonNode?)null)]);
        static JsonArray Text(IEnumerable<string> v) => new([.. v.Select(x => (JsonNode?)JsonValue.Create(x))]);
        var traces = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = "estimate with 95% interval",
                ["x"] = Text(labels),
                ["y"] = Array(estimates.Select(e => e.Estimate)),
                ["marker"] = new JsonObject { ["color"] = LinkageFigures.PositiveColour, ["size"] = 9 },
                ["error_y"] = new JsonObject
                {
                    ["type"] = "data",
                    ["symmetric"] = false,
                    ["array"] = Array(estimates.Select(e => e.CiHigh - e.Estimate)),
                    ["arrayminus"] = Array(estimates.Select(e => e.Estimate - e.CiLow)),
                    ["thickness"] = 1.5,
                    ["width"] = 6,
                },
            },
        };
        if (reference is not null)
        {
            traces.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = referenceName,
                ["x"] = Text(labels),
                ["y"] = Array(reference),
                ["marker"] = new JsonObject { ["color"] = "#d62728", ["symbol"] = "diamond", ["size"] = 10 },
            });
        }

        var layout = new JsonObject
        {
            ["width"] = 860,
            ["height"] = 460,
            ["margin"] = new JsonObject { ["t"] = 40, ["r"] = 30, ["b"] = 60, ["l"] = 60 },
            ["xaxis"] = new JsonObject { ["automargin"] = true, ["type"] = "category" },
            ["yaxis"] = new JsonObject { ["automargin"] = true, ["zeroline"] = true, ["title"] = new JsonObject { ["text"] = axisTitle } },
            ["legend"] = new JsonObject { ["orientation"] = "h", ["x"] = 0, ["y"] = 1.0, ["yanchor"] = "bottom" },
        };
        return new ChartView(new PlotlyFigure(title, traces, layout), check);
    }
}
