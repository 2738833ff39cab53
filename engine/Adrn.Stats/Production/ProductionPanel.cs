using System.Globalization;
using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Adrn.Stats.Formulas;

namespace Adrn.Stats.Production;

/// <summary>
/// The firm-year panel of a production function: complete rows only, sorted by firm and year, with each
/// row's lag (the same firm's row of the previous year, or −1). Inputs are ordered free, then state.
/// </summary>
internal sealed class ProductionPanel
{
    private ProductionPanel() { }

    public required int Rows { get; init; }

    public required int[] Firm { get; init; }

    public required string[] FirmLabels { get; init; }

    public required int[] Year { get; init; }

    /// <summary>Year as a dense index 0..Years−1 (sorted).</summary>
    public required int[] YearIndex { get; init; }

    public required int Years { get; init; }

    public required double[] Y { get; init; }

    /// <summary>Inputs, free then state: <c>Inputs[j][row]</c>.</summary>
    public required double[][] Inputs { get; init; }

    public required string[] InputNames { get; init; }

    public required int FreeCount { get; init; }

    public required double[]? Proxy { get; init; }

    public required int[] Lag { get; init; }

    /// <summary>Row of the source table for each panel row.</summary>
    public required int[] SourceRow { get; init; }

    public required int RemovedMissing { get; init; }

    public int Firms => FirmLabels.Length;

    public int StateCount => Inputs.Length - FreeCount;

    /// <summary>Evaluates and validates the panel.</summary>
    /// <exception cref="ArgumentException">An expression is not a column or a function of one, a year is not a whole number, or a firm has two rows for a year.</exception>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    public static ProductionPanel Build(IRegressionData data, ProductionFunctionOptions options)
    {
        FormulaAtom Atom(string expression, string role)
        {
            Formula formula;
            try
            {
                formula = Formula.Parse($"{expression} ~ 1");
            }
            catch (FormulaParseException ex)
            {
                throw new ArgumentException($"The {role} '{expression}' is not a column or a function of one (log, exp, sqrt, abs): {ex.Message}", nameof(options), ex);
            }

            if (formula.Response.Kind == FormulaAtomKind.Factor)
                throw new ArgumentException($"The {role} '{expression}' is a factor; it must be numeric.", nameof(options));
            return formula.Response;
        }

        var output = Atom(options.Output, "output");
        var inputs = options.Free.Select(e => Atom(e, "free input")).Concat(options.State.Select(e => Atom(e, "state input"))).ToList();
        var proxy = options.Method == ProductionFunctionMethod.Ols || options.Proxy is null ? null : Atom(options.Proxy, "proxy");
        var names = inputs.Select(a => a.ToString()).ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"The input '{duplicate.Key}' is listed twice.", nameof(options));

        var n0 = data.RowCount;
        var firmCodes = FactorCodes.Read(data.GetColumn(options.FirmColumn));
        var yearColumn = data.GetColumn(options.YearColumn);
        var yearValues = new double[n0];
        yearColumn.CopyNumeric(yearValues);
        var y = ModelFrame.EvaluateNumeric(data, output);
        var x = inputs.Select(a => ModelFrame.EvaluateNumeric(data, a)).ToArray();
        var p = proxy is null ? null : ModelFrame.EvaluateNumeric(data, proxy);

        var valid = new List<int>(n0);
        for (var i = 0; i < n0; i++)
        {
            if (firmCodes.Codes[i] < 0 || !double.IsFinite(yearValues[i]) || !double.IsFinite(y[i])) continue;
            if (yearValues[i] != Math.Round(yearValues[i]))
                throw new ArgumentException($"Column '{options.YearColumn}', row {i + 1}: year {yearValues[i].ToString(CultureInfo.InvariantCulture)} is not a whole number.", nameof(data));
            var complete = true;
            foreach (var column in x) complete &= double.IsFinite(column[i]);
            if (p is not null) complete &= double.IsFinite(p[i]);
            if (complete) valid.Add(i);
        }

        if (valid.Count == 0)
            throw new InvalidOperationException($"No complete rows: every row misses the output, an input, the proxy, the firm or the year (or their log is undefined).");

        var order = valid.OrderBy(i => firmCodes.Codes[i]).ThenBy(i => yearValues[i]).ToArray();
        for (var r = 1; r < order.Length; r++)
        {
            int a = order[r - 1], b = order[r];
            if (firmCodes.Codes[a] == firmCodes.Codes[b] && yearValues[a] == yearValues[b])
                throw new ArgumentException(
                    $"Rows {Math.Min(a, b) + 1} and {Math.Max(a, b) + 1}: firm '{firmCodes.Labels[firmCodes.Codes[a]]}' ({options.FirmColumn}) has two rows for {options.YearColumn} {yearValues[a].ToString(CultureInfo.InvariantCulture)}; a production panel has one row per firm and year.",
                    nameof(data));
        }

        var firms = firmCodes.Select(order);
        var year = order.Select(i => (int)yearValues[i]).ToArray();
        var distinctYears = year.Distinct().Order().ToArray();
        var yearIndex = year.Select(t => Array.BinarySearch(distinctYears, t)).ToArray();
        var lag = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
            lag[r] = r > 0 && firms.Codes[r - 1] == firms.Codes[r] && year[r - 1] == year[r] - 1 ? r - 1 : -1;

        return new ProductionPanel
        {
            Rows = order.Length,
            Firm = firms.Codes,
            FirmLabels = firms.Labels,
            Year = year,
            YearIndex = yearIndex,
            Years = distinctYears.Length,
            Y = order.Select(i => y[i]).ToArray(),
            Inputs = x.Select(c => order.Select(i => c[i]).ToArray()).ToArray(),
            InputNames = names,
            FreeCount = options.Free.Count,
            Proxy = p is null ? null : order.Select(i => p[i]).ToArray(),
            Lag = lag,
            SourceRow = order,
            RemovedMissing = n0 - order.Length,
        };
    }
}
