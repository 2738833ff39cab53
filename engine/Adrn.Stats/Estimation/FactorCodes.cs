using System.Globalization;
using Adrn.Stats.Data;

namespace Adrn.Stats.Estimation;

/// <summary>A column read as a factor: a dense level index per row (-1 = missing) and the level labels in sorted order.</summary>
internal sealed class FactorCodes
{
    private FactorCodes(int[] codes, string[] labels)
    {
        Codes = codes;
        Labels = labels;
    }

    public int[] Codes { get; }

    public string[] Labels { get; }

    public int Levels => Labels.Length;

    public static FactorCodes Read(RegressionColumn column)
    {
        var n = column.Length;
        var codes = new int[n];
        var labels = new List<string>();
        if (column.Kind == ColumnKind.Numeric)
        {
            // Numeric factors (year, sic2 stored as int) are keyed by value: no string per row.
            var values = new double[n];
            column.CopyNumeric(values);
            var index = new Dictionary<double, int>();
            for (var i = 0; i < n; i++)
            {
                var v = values[i];
                if (double.IsNaN(v)) { codes[i] = -1; continue; }
                if (!index.TryGetValue(v, out var code))
                {
                    code = index.Count;
                    index.Add(v, code);
                }

                codes[i] = code;
            }

            var keys = new double[index.Count];
            foreach (var (value, code) in index) keys[code] = value;
            return Sorted(codes, keys.Select(k => k.ToString("R", CultureInfo.InvariantCulture)).ToArray(), keys);
        }

        var textIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var label = column.GetLabel(i);
            if (label is null) { codes[i] = -1; continue; }
            if (!textIndex.TryGetValue(label, out var code))
            {
                code = textIndex.Count;
                textIndex.Add(label, code);
                labels.Add(label);
            }

            codes[i] = code;
        }

        return Sorted(codes, [.. labels], null);
    }

    // Levels sorted numerically when numeric, otherwise ordinally, so i(x) has a predictable reference level.
    private static FactorCodes Sorted(int[] codes, string[] labels, double[]? numericKeys)
    {
        var order = Enumerable.Range(0, labels.Length).ToArray();
        if (numericKeys is not null) Array.Sort(numericKeys.ToArray(), order);
        else Array.Sort(labels.ToArray(), order, StringComparer.Ordinal);
        var remap = new int[labels.Length];
        for (var r = 0; r < order.Length; r++) remap[order[r]] = r;
        for (var i = 0; i < codes.Length; i++) if (codes[i] >= 0) codes[i] = remap[codes[i]];
        return new FactorCodes(codes, order.Select(o => labels[o]).ToArray());
    }

    /// <summary>The interaction a^b: one level per observed combination, labelled <c>a_b</c>.</summary>
    public static FactorCodes Combine(FactorCodes a, FactorCodes b)
    {
        var n = a.Codes.Length;
        var codes = new int[n];
        var index = new Dictionary<long, int>();
        var labels = new List<string>();
        for (var i = 0; i < n; i++)
        {
            if (a.Codes[i] < 0 || b.Codes[i] < 0) { codes[i] = -1; continue; }
            var key = ((long)a.Codes[i] * b.Levels) + b.Codes[i];
            if (!index.TryGetValue(key, out var code))
            {
                code = index.Count;
                index.Add(key, code);
                labels.Add(a.Labels[a.Codes[i]] + "_" + b.Labels[b.Codes[i]]);
            }

            codes[i] = code;
        }

        return new FactorCodes(codes, [.. labels]);
    }

    /// <summary>Keeps the given rows and renumbers the levels that still occur, preserving their order.</summary>
    public FactorCodes Select(int[] rows)
    {
        var remap = new int[Levels];
        Array.Fill(remap, -1);
        foreach (var r in rows) remap[Codes[r]] = 0;
        var labels = new List<string>();
        for (var l = 0; l < Levels; l++)
            if (remap[l] == 0) { remap[l] = labels.Count; labels.Add(Labels[l]); }
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) codes[i] = remap[Codes[rows[i]]];
        return new FactorCodes(codes, [.. labels]);
    }
}
