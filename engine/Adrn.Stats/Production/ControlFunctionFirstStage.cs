using Adrn.Stats.Estimation;
using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Production;

/// <summary>
/// The first stage of the control-function estimators: log output on an intercept, year dummies, (Olley–Pakes
/// and Levinsohn–Petrin: the free inputs, linearly) and every monomial of degree 1..G in the standardised
/// variables of the control function (ACF: all inputs and the proxy; Olley–Pakes and Levinsohn–Petrin: the
/// state inputs and the proxy). Its fitted value Φ is log output without the shock ε. For the bootstrap the
/// cross products are kept per firm, so a replicate's normal equations are a weighted sum over firms.
/// </summary>
internal sealed class ControlFunctionFirstStage
{
    private const double CollinearityTolerance = 1e-10;
    private readonly ProductionPanel _panel;
    private readonly int _k;
    private readonly double[] _x; // row-major, n × k
    private readonly int[] _freeColumns;
    private double[]? _firmGram; // per firm: packed upper triangle of X_f'X_f, then X_f'y_f
    private int _packed;

    public ControlFunctionFirstStage(ProductionPanel panel, ProductionFunctionMethod method, int degree, bool yearEffects)
    {
        _panel = panel;
        var n = panel.Rows;
        var columns = new List<double[]>();
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        columns.Add(ones);
        if (yearEffects)
        {
            for (var t = 1; t < panel.Years; t++)
            {
                var dummy = new double[n];
                for (var i = 0; i < n; i++) if (panel.YearIndex[i] == t) dummy[i] = 1;
                columns.Add(dummy);
            }
        }

        var freeColumns = new List<int>();
        var polynomialVariables = new List<double[]>();
        if (method == ProductionFunctionMethod.Acf)
        {
            polynomialVariables.AddRange(panel.Inputs);
        }
        else
        {
            for (var j = 0; j < panel.FreeCount; j++) { freeColumns.Add(columns.Count); columns.Add(panel.Inputs[j]); }
            polynomialVariables.AddRange(panel.Inputs.Skip(panel.FreeCount));
        }

        polynomialVariables.Add(panel.Proxy!);
        // NOTE: standardising before taking powers keeps the normal equations well conditioned; the span of the
        // monomials, and so Φ, is the same as for the raw variables.
        var standardised = polynomialVariables.Select(Standardise).ToList();
        foreach (var exponents in Monomials(standardised.Count, degree))
        {
            var c = new double[n];
            for (var i = 0; i < n; i++)
            {
                var v = 1.0;
                for (var j = 0; j < exponents.Length; j++)
                    for (var e = 0; e < exponents[j]; e++) v *= standardised[j][i];
                c[i] = v;
            }

            columns.Add(c);
        }

        _k = columns.Count;
        _x = new double[n * _k];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < _k; j++) _x[(i * _k) + j] = columns[j][i];
        _freeColumns = [.. freeColumns];
    }

    /// <summary>Parameters of the first stage (columns before any is dropped as collinear).</summary>
    public int Parameters => _k;

    /// <summary>Fits on all rows: Φ per row, the free inputs' coefficients (Olley–Pakes, Levinsohn–Petrin) and R².</summary>
    public (double[] Phi, double[] Free) Fit()
    {
        var gram = new double[_k, _k];
        var rhs = new double[_k];
        for (var i = 0; i < _panel.Rows; i++)
        {
            var row = i * _k;
            for (var a = 0; a < _k; a++)
            {
                var xa = _x[row + a];
                for (var b = a; b < _k; b++) gram[a, b] += xa * _x[row + b];
                rhs[a] += xa * _panel.Y[i];
            }
        }

        for (var a = 0; a < _k; a++)
            for (var b = 0; b < a; b++) gram[a, b] = gram[b, a];
        return Solve(gram, rhs) ?? throw new InvalidOperationException("The first-stage normal equations are singular; check the inputs and the proxy for constant or collinear columns.");
    }

    /// <summary>Fits a bootstrap replicate: firm f counted <paramref name="firmCounts"/>[f] times. Null when singular.</summary>
    public (double[] Phi, double[] Free)? Fit(int[] firmCounts)
    {
        if (_firmGram is null) PrepareBootstrap();
        var gram = new double[_k, _k];
        var rhs = new double[_k];
        var stride = _packed + _k;
        for (var f = 0; f < firmCounts.Length; f++)
        {
            var c = firmCounts[f];
            if (c == 0) continue;
            var o = f * stride;
            var p = 0;
            for (var a = 0; a < _k; a++)
                for (var b = a; b < _k; b++) gram[a, b] += c * _firmGram![o + p++];
            for (var a = 0; a < _k; a++) rhs[a] += c * _firmGram![o + _packed + a];
        }

        for (var a = 0; a < _k; a++)
            for (var b = 0; b < a; b++) gram[a, b] = gram[b, a];
        return Solve(gram, rhs);
    }

    private void PrepareBootstrap()
    {
        _packed = _k * (_k + 1) / 2;
        var stride = _packed + _k;
        var store = new double[_panel.Firms * stride];
        for (var i = 0; i < _panel.Rows; i++)
        {
            var o = _panel.Firm[i] * stride;
            var row = i * _k;
            var p = 0;
            for (var a = 0; a < _k; a++)
            {
                var xa = _x[row + a];
                for (var b = a; b < _k; b++) store[o + p++] += xa * _x[row + b];
                store[o + _packed + a] += xa * _panel.Y[i];
            }
        }

        _firmGram = store;
    }

    private (double[] Phi, double[] Free)? Solve(double[,] gram, double[] rhs)
    {
        var diagonal = Enumerable.Range(0, _k).Select(j => gram[j, j]).ToArray();
        var keep = CollinearityFilter.Keep(gram, diagonal, CollinearityTolerance);
        if (_freeColumns.Any(c => !keep.Contains(c))) return null;
        var m = Matrix<double>.Build.Dense(keep.Count, keep.Count, (a, b) => gram[keep[a], keep[b]]);
        var v = Vector<double>.Build.Dense(keep.Count, a => rhs[keep[a]]);
        Vector<double> solution;
        try
        {
            solution = m.Cholesky().Solve(v);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var beta = new double[_k];
        for (var a = 0; a < keep.Count; a++) beta[keep[a]] = solution[a];
        var phi = new double[_panel.Rows];
        for (var i = 0; i < phi.Length; i++)
        {
            var row = i * _k;
            double s = 0;
            for (var j = 0; j < _k; j++) s += _x[row + j] * beta[j];
            phi[i] = s;
        }

        return (phi, _freeColumns.Select(c => beta[c]).ToArray());
    }

    private static double[] Standardise(double[] x)
    {
        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        if (!(sd > 0)) sd = 1;
        return x.Select(v => (v - mean) / sd).ToArray();
    }

    // Exponent vectors of all monomials of total degree 1..degree in `variables` variables.
    private static List<int[]> Monomials(int variables, int degree)
    {
        var result = new List<int[]>();
        void Recurse(int position, int remaining, int[] current)
        {
            if (position == variables)
            {
                if (current.Sum() > 0) result.Add((int[])current.Clone());
                return;
            }

            for (var e = 0; e <= remaining; e++)
            {
                current[position] = e;
                Recurse(position + 1, remaining - e, current);
            }

            current[position] = 0;
        }

        Recurse(0, degree, new int[variables]);
        return result;
    }
}
