using System.Text;

namespace Adrn.Stats.Tables;

/// <summary>
/// fixest's stepwise formula syntax, expanded into one formula per model: <c>csw(a, b)</c> adds the terms cumulatively
/// (<c>a</c>, then <c>a + b</c>), <c>sw(a, b)</c> one at a time (<c>a</c>, then <c>b</c>); <c>csw0</c> and <c>sw0</c> start
/// with a model without any of them. Works in the regressors and in the fixed-effects part
/// (<c>y ~ x | csw(firm, year)</c>). One stepwise function per formula.
/// </summary>
public static class StepwiseFormula
{
    private static readonly string[] Functions = ["csw0", "csw", "sw0", "sw"];

    /// <summary>Expands a formula; a formula without a stepwise function is returned alone.</summary>
    /// <param name="formula">For example <c>log_gva ~ management + csw(exporter, log_investment) | sic2</c>.</param>
    /// <returns>The formulas of the models, in order.</returns>
    /// <exception cref="FormatException">Unbalanced parentheses, an empty stepwise function, or more than one.</exception>
    public static IReadOnlyList<string> Expand(string formula)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formula);
        var (start, name) = Find(formula, 0);
        if (start < 0) return [formula.Trim()];
        var open = start + name.Length;
        var close = Close(formula, open);
        if (Find(formula, close + 1).Start >= 0)
            throw new FormatException($"'{formula}': only one stepwise function (csw, csw0, sw, sw0) per formula.");
        var args = SplitTopLevel(formula[(open + 1)..close]);
        if (args.Count == 0 || args.Any(string.IsNullOrWhiteSpace))
            throw new FormatException($"'{formula}': {name}() needs one or more terms separated by commas, e.g. {name}(x1, x2).");

        var steps = new List<IReadOnlyList<string>>();
        if (name.EndsWith('0')) steps.Add([]);
        for (var i = 0; i < args.Count; i++)
            steps.Add(name.StartsWith("csw", StringComparison.Ordinal) ? args.Take(i + 1).ToList() : [args[i]]);
        return [.. steps.Select(terms => Substitute(formula, start, close, terms))];
    }

    private static string Substitute(string formula, int start, int close, IReadOnlyList<string> terms)
    {
        var before = formula[..start];
        var after = formula[(close + 1)..];
        if (terms.Count > 0) return Normalise(before + string.Join(" + ", terms) + after);

        // No term: drop the placeholder with the '+' that joins it; an empty part becomes "1" (regressors) or goes (FEs).
        var b = before.TrimEnd();
        var a = after.TrimStart();
        if (b.EndsWith('+')) b = b[..^1];
        else if (a.StartsWith('+')) a = a[1..];
        var text = b.TrimEnd() + " " + a.TrimStart();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0 && text[(bar + 1)..].Trim().Length == 0) text = text[..bar];
        var tilde = text.IndexOf('~', StringComparison.Ordinal);
        var rhsEnd = text.IndexOf('|', StringComparison.Ordinal) is var p && p >= 0 ? p : text.Length;
        if (tilde >= 0 && text[(tilde + 1)..rhsEnd].Trim().Length == 0) text = text[..(tilde + 1)] + " 1 " + text[rhsEnd..];
        return Normalise(text);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static (int Start, string Name) Find(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_')) continue;
            foreach (var f in Functions)
            {
                var end = i + f.Length;
                if (end < text.Length && string.CompareOrdinal(text, i, f, 0, f.Length) == 0 && text[end] == '(') return (i, f);
            }
        }

        return (-1, string.Empty);
    }

    private static int Close(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }

        throw new FormatException($"'{text}': unbalanced parentheses after position {open}.");
    }

    private static List<string> SplitTopLevel(string inner)
    {
        var parts = new List<string>();
        var depth = 0;
        var current = new StringBuilder();
        foreach (var ch in inner)
        {
            if (ch == ',' && depth == 0)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            current.Append(ch);
        }

        if (current.ToString().Trim().Length > 0 || parts.Count > 0) parts.Add(current.ToString().Trim());
        return parts;
    }
}
