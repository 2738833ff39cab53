using Adrn.Stats.Data;
using Adrn.Stats.Formulas;

namespace Adrn.Stats.Estimation;

/// <summary>
/// The estimation sample of a formula: rows with any missing value dropped, singletons removed,
/// terms expanded to named design columns, fixed effects and clusters as dense level indices.
/// </summary>
internal sealed class ModelFrame
{
    /// <summary>Factor terms are expanded to dense dummies; beyond this many a fixed effect is the right tool.</summary>
    public const int MaximumDummyColumns = 2000;

    public required int N { get; init; }
    public required double[] Y { get; init; }
    public required List<(string Name, double[] Values)> Exogenous { get; init; }
    public required List<(string Name, double[] Values)> Endogenous { get; init; }
    public required List<(string Name, double[] Values)> Instruments { get; init; }
    public required double[]? Weights { get; init; }
    public required List<(string Name, FactorCodes Codes)> FixedEffects { get; init; }
    public required List<(string Name, FactorCodes Codes)> Clusters { get; init; }
    public required int RemovedMissing { get; init; }
    public required int RemovedSingletons { get; init; }

    /// <summary>The source row of each frame row (rows with missing values or singletons are not in it).</summary>
    public required int[] SourceRows { get; init; }

    public static ModelFrame Build(IRegressionData data, Formula formula, string? weights, IReadOnlyList<string> clusterVariables, bool removeSingletons)
    {
        var n0 = data.RowCount;
        var valid = new bool[n0];
        Array.Fill(valid, true);
        var numeric = new Dictionary<FormulaAtom, double[]>();
        var factors = new Dictionary<FormulaAtom, FactorCodes>();

        void Evaluate(FormulaAtom atom)
        {
            if (numeric.ContainsKey(atom) || factors.ContainsKey(atom)) return;
            var column = data.GetColumn(atom.Variable);
            if (atom.Kind == FormulaAtomKind.Factor || (atom.Kind == FormulaAtomKind.Variable && column.Kind == ColumnKind.Text))
            {
                var codes = FactorCodes.Read(column);
                for (var i = 0; i < n0; i++) if (codes.Codes[i] < 0) valid[i] = false;
                factors[atom] = codes;
                return;
            }

            var values = EvaluateNumeric(data, atom);
            for (var i = 0; i < n0; i++) if (!double.IsFinite(values[i])) valid[i] = false;
            numeric[atom] = values;
        }

        if (data.GetColumn(formula.Response.Variable).Kind == ColumnKind.Text)
            throw new ArgumentException($"The response '{formula.Response.Variable}' holds text; it must be numeric.", nameof(formula));
        Evaluate(formula.Response);
        foreach (var atom in formula.Terms.Concat(formula.Endogenous).Concat(formula.Instruments).SelectMany(t => t.Atoms)) Evaluate(atom);

        FactorCodes ReadCombined(string name)
        {
            var parts = name.Split('^', StringSplitOptions.TrimEntries);
            var codes = FactorCodes.Read(data.GetColumn(parts[0]));
            for (var p = 1; p < parts.Length; p++) codes = FactorCodes.Combine(codes, FactorCodes.Read(data.GetColumn(parts[p])));
            for (var i = 0; i < n0; i++) if (codes.Codes[i] < 0) valid[i] = false;
            return codes;
        }

        var fixedEffects = formula.FixedEffects.Select(fe => (fe.Name, Codes: ReadCombined(fe.Name))).ToList();
        var clusters = clusterVariables.Select(c => (Name: c, Codes: ReadCombined(c))).ToList();

        double[]? w = null;
        if (weights is not null)
        {
            w = new double[n0];
            data.GetColumn(weights).CopyNumeric(w);
            for (var i = 0; i < n0; i++)
            {
                if (w[i] < 0) throw new ArgumentException($"Weight column '{weights}', row {i + 1}: weight {w[i]} is negative.", nameof(weights));
                if (!(w[i] > 0) || !double.IsFinite(w[i])) valid[i] = false;
            }
        }

        var removedMissing = valid.Count(v => !v);
        var removedSingletons = 0;
        if (removeSingletons && fixedEffects.Count > 0)
            removedSingletons = RemoveSingletons(valid, fixedEffects.Select(f => f.Codes).ToList());

        var rows = new int[n0 - removedMissing - removedSingletons];
        for (int i = 0, r = 0; i < n0; i++) if (valid[i]) rows[r++] = i;
        if (rows.Length == 0)
            throw new InvalidOperationException($"No observations left for \"{formula.Text}\": {removedMissing} removed for missing values, {removedSingletons} as singletons.");

        double[] Take(double[] source)
        {
            var result = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++) result[i] = source[rows[i]];
            return result;
        }

        var compactNumeric = numeric.ToDictionary(kv => kv.Key, kv => Take(kv.Value));
        var compactFactors = factors.ToDictionary(kv => kv.Key, kv => kv.Value.Select(rows));
        var impliedReference = formula.HasIntercept || formula.FixedEffects.Count > 0;

        List<(string, double[])> Expand(IEnumerable<FormulaTerm> terms)
        {
            var list = new List<(string, double[])>();
            foreach (var term in terms)
            {
                var columns = new List<(string Name, double[]? Values)> { (string.Empty, null) };
                foreach (var atom in term.Atoms)
                {
                    var next = new List<(string, double[]?)>();
                    if (compactNumeric.TryGetValue(atom, out var x))
                    {
                        foreach (var (name, values) in columns)
                            next.Add((Join(name, atom.ToString()), Multiply(values, x)));
                    }
                    else
                    {
                        var codes = compactFactors[atom];
                        var reference = atom.ReferenceLevel;
                        if (reference is not null && !codes.Labels.Contains(reference))
                            throw new ArgumentException($"Reference level '{reference}' of {atom} does not occur in the estimation sample; levels: {string.Join(", ", codes.Labels.Take(20))}.", nameof(formula));
                        if (reference is null && impliedReference && term.Atoms.Count == 1) reference = codes.Labels[0];
                        if (codes.Levels * columns.Count > MaximumDummyColumns)
                            throw new ArgumentException(
                                $"{atom} has {codes.Levels} levels, which would add {codes.Levels * columns.Count} dummy columns (limit {MaximumDummyColumns}); " +
                                $"absorb it as a fixed effect instead: \"... | {atom.Variable}\".", nameof(formula));
                        foreach (var (name, values) in columns)
                        {
                            for (var l = 0; l < codes.Levels; l++)
                            {
                                if (codes.Labels[l] == reference) continue;
                                var dummy = new double[rows.Length];
                                for (var i = 0; i < rows.Length; i++)
                                    if (codes.Codes[i] == l) dummy[i] = values is null ? 1.0 : values[i];
                                next.Add((Join(name, $"{atom.Variable}::{codes.Labels[l]}"), dummy));
                            }
                        }
                    }

                    columns = next;
                }

                list.AddRange(columns.Select(c => (c.Name, c.Values!)));
            }

            return list;
        }

        var exogenous = Expand(formula.Terms);
        if (formula.HasIntercept && formula.FixedEffects.Count == 0)
        {
            var ones = new double[rows.Length];
            Array.Fill(ones, 1.0);
            exogenous.Insert(0, ("(Intercept)", ones));
        }

        return new ModelFrame
        {
            N = rows.Length,
            Y = compactNumeric[formula.Response],
            Exogenous = exogenous,
            Endogenous = Expand(formula.Endogenous),
            Instruments = Expand(formula.Instruments),
            Weights = w is null ? null : Take(w),
            FixedEffects = fixedEffects.Select(f => (f.Name, f.Codes.Select(rows))).ToList(),
            Clusters = clusters.Select(c => (c.Name, c.Codes.Select(rows))).ToList(),
            RemovedMissing = removedMissing,
            RemovedSingletons = removedSingletons,
            SourceRows = rows,
        };
    }

    /// <summary>Evaluates a numeric atom (column or log/exp/sqrt/abs of it) over all rows; non-finite results are NaN-like and mark the row invalid.</summary>
    internal static double[] EvaluateNumeric(IRegressionData data, FormulaAtom atom)
    {
        var values = new double[data.RowCount];
        data.GetColumn(atom.Variable).CopyNumeric(values);
        if (atom.Kind == FormulaAtomKind.Function)
        {
            Func<double, double> f = atom.Function switch
            {
                "log" => Math.Log,
                "exp" => Math.Exp,
                "sqrt" => Math.Sqrt,
                _ => Math.Abs,
            };
            for (var i = 0; i < values.Length; i++) values[i] = f(values[i]);
        }

        return values;
    }

    private static string Join(string left, string right) => left.Length == 0 ? right : left + ":" + right;

    private static double[] Multiply(double[]? left, double[] right)
    {
        if (left is null) return (double[])right.Clone();
        var result = new double[right.Length];
        for (var i = 0; i < right.Length; i++) result[i] = left[i] * right[i];
        return result;
    }

    /// <summary>Drops (in <paramref name="valid"/>) observations alone in a level of any fixed effect, repeating until none are left; returns how many.</summary>
    internal static int RemoveSingletons(bool[] valid, IReadOnlyList<FactorCodes> fixedEffects)
    {
        var removed = 0;
        var counts = fixedEffects.Select(f => new int[f.Levels]).ToArray();
        while (true)
        {
            for (var k = 0; k < fixedEffects.Count; k++)
            {
                Array.Clear(counts[k]);
                var codes = fixedEffects[k].Codes;
                for (var i = 0; i < valid.Length; i++) if (valid[i]) counts[k][codes[i]]++;
            }

            var removedThisRound = 0;
            for (var i = 0; i < valid.Length; i++)
            {
                if (!valid[i]) continue;
                for (var k = 0; k < fixedEffects.Count; k++)
                {
                    if (counts[k][fixedEffects[k].Codes[i]] == 1)
                    {
                        valid[i] = false;
                        removedThisRound++;
                        break;
                    }
                }
            }

            removed += removedThisRound;
            if (removedThisRound == 0) return removed;
        }
    }
}
