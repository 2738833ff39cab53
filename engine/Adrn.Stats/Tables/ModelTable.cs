using System.Globalization;
using System.Net;
using System.Text;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Tables;

/// <summary>
/// Lines several fitted models up side by side, as fixest's <c>etable</c>: one column per model;
/// coefficients with significance stars and standard errors in parentheses beneath; then the fixed
/// effects used, the standard-error type, the number of clusters, N, R², within R², and each model's output check;
/// below the legend, a warning for every model clustered on fewer than 30 groups (<see cref="ClusterWarning"/>).
/// Numbers are always in fixed notation (a tiny standard error gets more decimals, never an exponent).
/// Stars: *** p &lt; 0.01, ** p &lt; 0.05, * p &lt; 0.1.
/// </summary>
public static class ModelTable
{
    /// <summary>Renders the models in the given format.</summary>
    /// <param name="models">One or more fitted models, in column order.</param>
    /// <param name="format">Text, Markdown, HTML or LaTeX.</param>
    /// <param name="digits">Decimal places of coefficients and standard errors (default 4).</param>
    public static string Render(IEnumerable<RegressionResult> models, TableFormat format, int digits = 4)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        var list = models.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one model is required.", nameof(models));
        var (rows, breaks) = Build(list, digits);
        var notes = new List<string> { Legend };
        notes.AddRange(ClusterWarning.For(list).Select(w => "Warning: " + w));
        return format switch
        {
            TableFormat.Text => RenderText(rows, breaks, notes),
            TableFormat.Markdown => RenderMarkdown(rows, notes),
            TableFormat.Html => RenderHtml(rows, breaks, notes),
            TableFormat.Latex => RenderLatex(rows, breaks, notes),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown table format."),
        };
    }

    private static (List<string[]> Rows, HashSet<int> Breaks) Build(List<RegressionResult> models, int digits)
    {
        var rows = new List<string[]>();
        var breaks = new HashSet<int>();
        string[] Row(string label, Func<RegressionResult, string> cell) => [label, .. models.Select(cell)];
        rows.Add(Row(string.Empty, m => $"({models.IndexOf(m) + 1})"));
        rows.Add(Row("Dependent var.", m => m.Formula.Response.ToString()));
        breaks.Add(rows.Count);
        var terms = models.SelectMany(m => m.Coefficients.Select(c => c.Term)).Distinct().ToList();
        foreach (var term in terms)
        {
            rows.Add(Row(term, m => m.Coefficients.FirstOrDefault(c => c.Term == term) is { } c ? Number(c.Estimate, digits) + Stars(c.PValue) : string.Empty));
            rows.Add(Row(string.Empty, m => m.Coefficients.FirstOrDefault(c => c.Term == term) is { } c ? $"({Number(c.StdError, digits)})" : string.Empty));
        }

        var fixedEffects = models.SelectMany(m => m.FixedEffects.Select(f => f.Name)).Distinct().ToList();
        if (fixedEffects.Count > 0)
        {
            breaks.Add(rows.Count);
            rows.Add(Row("Fixed-effects:", _ => string.Empty));
            foreach (var fe in fixedEffects)
                rows.Add(Row(fe, m => m.FixedEffects.Any(f => f.Name == fe) ? "Yes" : "No"));
        }

        breaks.Add(rows.Count);
        rows.Add(Row("S.E. type", m => m.VcovDescription));
        if (models.Any(m => m.ClusterCounts.Count > 0))
        {
            rows.Add(Row("Clusters", m => string.Join(", ", m.ClusterCounts.Select((g, i) =>
                (m.ClusterCounts.Count > 1 ? m.Vcov.ClusterVariables[i] + ": " : string.Empty) + g.ToString("N0", CultureInfo.InvariantCulture)))));
        }

        rows.Add(Row("Observations", m => m.N.ToString("N0", CultureInfo.InvariantCulture)));
        rows.Add(Row("R2", m => m.R2.ToString("F5", CultureInfo.InvariantCulture)));
        if (models.Any(m => !double.IsNaN(m.WithinR2)))
            rows.Add(Row("Within R2", m => double.IsNaN(m.WithinR2) ? "--" : m.WithinR2.ToString("F5", CultureInfo.InvariantCulture)));
        rows.Add(Row("Output check", m => m.Check.Status.ToString().ToLowerInvariant()));
        breaks.Add(rows.Count);
        return (rows, breaks);
    }

    /// <summary>Fixed notation: <paramref name="digits"/> decimals, more for a value below 10^-digits (three significant figures).</summary>
    private static string Number(double x, int digits)
    {
        if (!double.IsFinite(x)) return x.ToString(CultureInfo.InvariantCulture);
        var decimals = x != 0 && Math.Abs(x) < Math.Pow(10, -digits) ? Math.Min(15, (int)Math.Ceiling(-Math.Log10(Math.Abs(x))) + 2) : digits;
        return x.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static string Stars(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : string.Empty;

    private const string Legend = "Signif. codes: *** 0.01, ** 0.05, * 0.1";

    private static string RenderText(List<string[]> rows, HashSet<int> breaks, List<string> notes)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var total = widths.Sum() + (2 * (widths.Length - 1));
        var sb = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            if (breaks.Contains(r)) sb.Append('-', total).Append('\n');
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (c > 0) sb.Append("  ");
                sb.Append(c == 0 ? rows[r][c].PadRight(widths[c]) : rows[r][c].PadLeft(widths[c]));
            }

            sb.Append('\n');
        }

        if (breaks.Contains(rows.Count)) sb.Append('-', total).Append('\n');
        foreach (var note in notes) sb.Append(note).Append('\n');
        return sb.ToString();
    }

    private static string RenderMarkdown(List<string[]> rows, List<string> notes)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", rows[0].Select(Cell)).Append(" |\n");
        sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", rows[0].Length - 1))).Append("|\n");
        foreach (var row in rows.Skip(1)) sb.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        sb.Append('\n');
        foreach (var note in notes) sb.Append(Cell(note)).Append("  \n");
        return sb.ToString();
    }

    private static string RenderHtml(List<string[]> rows, HashSet<int> breaks, List<string> notes)
    {
        var sb = new StringBuilder("<table class=\"adrn-model-table\">\n<thead><tr>");
        foreach (var h in rows[0]) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        for (var r = 1; r < rows.Count; r++)
        {
            sb.Append(breaks.Contains(r) ? "<tr style=\"border-top:1px solid\">" : "<tr>");
            for (var c = 0; c < rows[r].Length; c++)
                sb.Append(c == 0 ? "<td style=\"text-align:left\">" : "<td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(rows[r][c])).Append("</td>");
            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n<tfoot>");
        foreach (var note in notes)
            sb.Append("<tr><td colspan=\"").Append(rows[0].Length).Append("\">").Append(WebUtility.HtmlEncode(note)).Append("</td></tr>");
        return sb.Append("</tfoot>\n</table>\n").ToString();
    }

    private static string RenderLatex(List<string[]> rows, HashSet<int> breaks, List<string> notes)
    {
        static string Escape(string s)
        {
            var sb = new StringBuilder();
            foreach (var ch in s)
            {
                sb.Append(ch switch
                {
                    '\\' => "\\textbackslash{}",
                    '_' or '%' or '&' or '#' or '$' or '{' or '}' => "\\" + ch,
                    '^' => "\\^{}",
                    '~' => "\\~{}",
                    '*' => "$^{*}$",
                    _ => ch.ToString(),
                });
            }

            return sb.ToString().Replace("$^{*}$$^{*}$$^{*}$", "$^{***}$", StringComparison.Ordinal).Replace("$^{*}$$^{*}$", "$^{**}$", StringComparison.Ordinal);
        }

        var sb = new StringBuilder("\\begin{tabular}{l").Append('r', rows[0].Length - 1).Append("}\n\\hline\n");
        for (var r = 0; r < rows.Count; r++)
        {
            if (breaks.Contains(r)) sb.Append("\\hline\n");
            sb.AppendJoin(" & ", rows[r].Select(Escape)).Append(" \\\\\n");
        }

        sb.Append("\\hline\n");
        foreach (var note in notes)
            sb.Append("\\multicolumn{").Append(rows[0].Length).Append("}{l}{\\footnotesize ").Append(Escape(note)).Append("}\\\\\n");
        return sb.Append("\\end{tabular}\n").ToString();
    }
}
