using System.Globalization;
using System.Net;
using System.Text;
using Adrn.Stats.Estimation;

namespace Adrn.Stats.Tables;

/// <summary>
/// Lines several fitted models up side by side, as fixest's <c>etable</c>: one column per model;
/// coefficients with significance stars and standard errors in parentheses beneath; then the fixed
/// effects used, the standard-error type, N, R², within R², and each model's output check.
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
        return format switch
        {
            TableFormat.Text => RenderText(rows, breaks),
            TableFormat.Markdown => RenderMarkdown(rows),
            TableFormat.Html => RenderHtml(rows, breaks),
            TableFormat.Latex => RenderLatex(rows, breaks),
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
        rows.Add(Row("Observations", m => m.N.ToString("N0", CultureInfo.InvariantCulture)));
        rows.Add(Row("R2", m => m.R2.ToString("F5", CultureInfo.InvariantCulture)));
        if (models.Any(m => !double.IsNaN(m.WithinR2)))
            rows.Add(Row("Within R2", m => double.IsNaN(m.WithinR2) ? "--" : m.WithinR2.ToString("F5", CultureInfo.InvariantCulture)));
        rows.Add(Row("Output check", m => m.Check.Status.ToString().ToLowerInvariant()));
        breaks.Add(rows.Count);
        return (rows, breaks);
    }

    private static string Number(double x, int digits) =>
        x != 0 && Math.Abs(x) < Math.Pow(10, -digits) ? x.ToString("0.##E+0", CultureInfo.InvariantCulture) : x.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Stars(double p) => p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : string.Empty;

    private const string Legend = "Signif. codes: *** 0.01, ** 0.05, * 0.1";

    private static string RenderText(List<string[]> rows, HashSet<int> breaks)
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
        return sb.Append(Legend).Append('\n').ToString();
    }

    private static string RenderMarkdown(List<string[]> rows)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", rows[0].Select(Cell)).Append(" |\n");
        sb.Append("|:--").Append(string.Concat(Enumerable.Repeat("|--:", rows[0].Length - 1))).Append("|\n");
        foreach (var row in rows.Skip(1)) sb.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        return sb.Append('\n').Append(Cell(Legend)).Append('\n').ToString();
    }

    private static string RenderHtml(List<string[]> rows, HashSet<int> breaks)
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

        return sb.Append("</tbody>\n<tfoot><tr><td colspan=\"").Append(rows[0].Length).Append("\">")
            .Append(WebUtility.HtmlEncode(Legend)).Append("</td></tr></tfoot>\n</table>\n").ToString();
    }

    private static string RenderLatex(List<string[]> rows, HashSet<int> breaks)
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

        return sb.Append("\\hline\n\\multicolumn{").Append(rows[0].Length).Append("}{l}{\\footnotesize ")
            .Append(Escape(Legend)).Append("}\\\\\n\\end{tabular}\n").ToString();
    }
}
