using System.Globalization;
using System.Net;
using System.Text;
using Adrn.Linkage.Scoring;

namespace Adrn.Learning.Review;

/// <summary>Draws a Fellegi–Sunter match-weight waterfall as inline SVG (no scripts, no external resources).</summary>
internal static class WaterfallSvg
{
    private const int BarWidth = 64;
    private const int Gap = 14;
    private const int PlotHeight = 180;
    private const int Top = 18;
    private const int LabelHeight = 46;

    public static string Draw(MatchWeightExplanation explanation)
    {
        var bars = new List<(string Label, string Detail, double From, double To, string Colour)>();
        var running = explanation.PriorMatchWeight;
        bars.Add(("prior", F(explanation.PriorMatchWeight), 0, running, "#7f7f7f"));
        foreach (var c in explanation.Comparisons)
        {
            var w = c.Weight + c.TermFrequencyAdjustment;
            var next = running + w;
            var detail = c.TermFrequencyAdjustment != 0 ? $"{F(c.Weight)} + tf {F(c.TermFrequencyAdjustment)}" : F(w);
            bars.Add((c.Comparison, detail, running, next, w >= 0 ? "#2e8b57" : "#c0392b"));
            running = next;
        }

        bars.Add(("match weight", F(explanation.MatchWeight), 0, explanation.MatchWeight, "#1f5fa8"));
        var lo = Math.Min(0, bars.Min(b => Math.Min(b.From, b.To)));
        var hi = Math.Max(0, bars.Max(b => Math.Max(b.From, b.To)));
        if (hi - lo < 1e-9) hi = lo + 1;
        double Y(double v) => Top + (hi - v) / (hi - lo) * PlotHeight;
        var width = bars.Count * (BarWidth + Gap) + Gap;
        var height = Top + PlotHeight + LabelHeight;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"match weight waterfall\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" x2=\"{width}\" y1=\"{Y(0):0.#}\" y2=\"{Y(0):0.#}\" stroke=\"#333\" stroke-width=\"1\"/>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, detail, from, to, colour) = bars[i];
            var x = Gap + i * (BarWidth + Gap);
            var y = Math.Min(Y(from), Y(to));
            var h = Math.Max(1, Math.Abs(Y(from) - Y(to)));
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y:0.#}\" width=\"{BarWidth}\" height=\"{h:0.#}\" fill=\"{colour}\"><title>{E(label)}: {E(detail)}</title></rect>");
            if (i > 0 && i < bars.Count - 1)
            {
                // Connector from the previous bar's end, the waterfall's running total.
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x - Gap}\" x2=\"{x}\" y1=\"{Y(from):0.#}\" y2=\"{Y(from):0.#}\" stroke=\"#999\" stroke-dasharray=\"2,2\"/>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + BarWidth / 2}\" y=\"{Math.Max(10, y - 4):0.#}\" font-size=\"10\" text-anchor=\"middle\">{E(detail)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + BarWidth / 2}\" y=\"{Top + PlotHeight + 16}\" font-size=\"10\" text-anchor=\"middle\">{E(Shorten(label))}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Shorten(string s) => s.Length <= 14 ? s : s[..13] + "…";

    private static string F(double v) => v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
