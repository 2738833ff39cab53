using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Production;

/// <summary>
/// The GMM second stage of the control-function estimators, on the rows that have the previous year:
/// ω_t(β) = φ_t − x_t'β and ω_{t−1}(β) = φ_{t−1} − x_{t−1}'β; the law of motion ω_t = g(ω_{t−1}) + ξ_t is a
/// polynomial of degree A (with year effects) fitted by least squares for each β; the moments are
/// E[(ξ_t + r_t) z_t] = 0. ACF: φ = Φ, x = every term, z = the terms at (free inputs of t−1, state inputs of t),
/// r = 0. Olley–Pakes and Levinsohn–Petrin: φ = Φ − free'β_f, x = z = the state inputs, r = y − Φ (the first
/// stage residual: the moment is on ξ + ε, as in Levinsohn and Petrin's GMM). The moments are exactly
/// identified; they are solved by Gauss–Newton on g'Wg (W = (Z'Z/N)⁻¹, as prodest) with a numerical Jacobian
/// and step halving.
/// </summary>
internal sealed class ControlFunctionSecondStage
{
    private readonly ProductionPanel _panel;
    private readonly ProductionFunctionMethod _method;
    private readonly InputTerms _terms;
    private readonly int _degree;
    private readonly bool _yearEffects;
    private readonly int[] _row;
    private readonly int[] _lag;
    private readonly double[][] _xT;
    private readonly double[][] _xL;
    private readonly double[][] _z;

    public ControlFunctionSecondStage(ProductionPanel panel, ProductionFunctionOptions options, InputTerms terms)
    {
        _panel = panel;
        _method = options.Method;
        _terms = terms;
        _degree = options.LawOfMotionDegree;
        _yearEffects = options.YearEffects;
        var rows = new List<int>();
        for (var i = 0; i < panel.Rows; i++) if (panel.Lag[i] >= 0) rows.Add(i);
        _row = [.. rows];
        _lag = rows.Select(i => panel.Lag[i]).ToArray();
        var p = terms.Count;
        _xT = new double[p][];
        _xL = new double[p][];
        var extra = _method == ProductionFunctionMethod.Acf && Environment.GetEnvironmentVariable("ADRN_ACF_LAGPROXY") == "1" ? 1 : 0;
        _z = new double[p + extra][];
        if (extra == 1) _z[p] = _lag.Select(l => panel.Proxy![l]).ToArray();
        var inputOffset = _method == ProductionFunctionMethod.Acf ? 0 : panel.FreeCount;
        for (var t = 0; t < p; t++)
        {
            _xT[t] = new double[_row.Length];
            _xL[t] = new double[_row.Length];
            _z[t] = new double[_row.Length];
            for (var m = 0; m < _row.Length; m++)
            {
                var i = _row[m];
                var l = _lag[m];
                _xT[t][m] = terms.Value(t, j => panel.Inputs[inputOffset + j][i]);
                _xL[t][m] = terms.Value(t, j => panel.Inputs[inputOffset + j][l]);
                // ACF instruments: free inputs of t−1, state inputs of t. Olley–Pakes/Levinsohn–Petrin: state inputs of t.
                _z[t][m] = _method == ProductionFunctionMethod.Acf
                    ? terms.Value(t, j => j < panel.FreeCount ? panel.Inputs[j][l] : panel.Inputs[j][i])
                    : _xT[t][m];
            }
        }
    }

    /// <summary>Rows with a lag (the second stage's observations).</summary>
    public int Observations => _row.Length;

    /// <summary>Parameters of the law of motion (polynomial and intercept or year effects).</summary>
    public int LawOfMotionParameters => _degree + (_yearEffects ? _panel.Years - 1 : 1);

    /// <summary>The GMM problem for a first-stage fit; <paramref name="firmCounts"/> weights rows by their firm's bootstrap count (null: 1).</summary>
    public Problem Prepare(double[] phi, double[] free, int[]? firmCounts)
    {
        var keep = new List<int>(_row.Length);
        for (var m = 0; m < _row.Length; m++)
            if (firmCounts is null || firmCounts[_panel.Firm[_row[m]]] > 0) keep.Add(m);
        var count = keep.Count;
        var p = _terms.Count;
        var problem = new Problem(count, p, _z.Length, _degree, _panel.Years);
        for (var a = 0; a < count; a++)
        {
            var m = keep[a];
            var i = _row[m];
            var l = _lag[m];
            double phiT = phi[i], phiL = phi[l], residual = 0;
            if (_method != ProductionFunctionMethod.Acf)
            {
                for (var j = 0; j < free.Length; j++)
                {
                    phiT -= free[j] * _panel.Inputs[j][i];
                    phiL -= free[j] * _panel.Inputs[j][l];
                }

                residual = _panel.Y[i] - phi[i];
            }

            problem.PhiT[a] = phiT;
            problem.PhiL[a] = phiL;
            problem.Residual[a] = residual;
            problem.Weight[a] = firmCounts is null ? 1 : firmCounts[_panel.Firm[i]];
            problem.Year[a] = _yearEffects ? _panel.YearIndex[i] : 0;
            for (var t = 0; t < p; t++)
            {
                problem.XT[t][a] = _xT[t][m];
                problem.XL[t][a] = _xL[t][m];
            }

            for (var t = 0; t < _z.Length; t++) problem.Z[t][a] = _z[t][m];
        }

        problem.Finish();
        return problem;
    }

    /// <summary>
    /// Minimises g(β)'W g(β) from <paramref name="start"/> by Gauss–Newton (numerical Jacobian, step halving).
    /// Returns the minimiser and the criterion there, or null when the law of motion cannot be fitted.
    /// </summary>
    public static (double[] Beta, double Criterion)? Solve(Problem problem, double[] start, int maxIterations)
    {
        var p = start.Length;
        var q = problem.Instruments;
        var beta = (double[])start.Clone();
        var g = new double[q];
        if (!problem.Moments(beta, g)) return null;
        var criterion = problem.Criterion(g);
        var plus = new double[q];
        var trial = new double[p];
        var gTrial = new double[q];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // Exactly identified moments reach zero: 1e-24 is moments of about 1e-12, far below sampling noise.
            if (criterion < 1e-24) break;
            // Forward differences: p extra evaluations per iteration; the step only needs the Jacobian to a few digits.
            var jacobian = Matrix<double>.Build.Dense(q, p);
            for (var j = 0; j < p; j++)
            {
                var h = 1e-7 * Math.Max(1, Math.Abs(beta[j]));
                beta.CopyTo(trial, 0);
                trial[j] += h;
                if (!problem.Moments(trial, plus)) return null;
                for (var a = 0; a < q; a++) jacobian[a, j] = (plus[a] - g[a]) / h;
            }

            // Gauss–Newton step on g'Wg: (J'WJ) Δ = −J'Wg (Newton's step JΔ = −g when exactly identified).
            var jw = jacobian.TransposeThisAndMultiply(problem.W);
            var normal = jw * jacobian;
            var gradient = jw * Vector<double>.Build.DenseOfArray(g);
            var ridge = 1e-12 * Math.Max(normal.Trace(), 1e-300);
            Vector<double> step;
            try
            {
                step = -(normal + (ridge * Matrix<double>.Build.DenseIdentity(p))).Cholesky().Solve(gradient);
            }
            catch (ArgumentException)
            {
                break;
            }

            var accepted = false;
            double moved = 0;
            for (var s = 1.0; s > 1e-4; s /= 2)
            {
                for (var j = 0; j < p; j++) trial[j] = beta[j] + (s * step[j]);
                if (!problem.Moments(trial, gTrial)) continue;
                var next = problem.Criterion(gTrial);
                if (next < criterion)
                {
                    trial.CopyTo(beta, 0);
                    gTrial.CopyTo(g, 0);
                    moved = s * step.L2Norm();
                    criterion = next;
                    accepted = true;
                    break;
                }
            }

            // No decrease along the Gauss–Newton direction: a minimum to numerical precision.
            if (!accepted || moved < 1e-10 * (1 + beta.Sum(Math.Abs))) break;
            // Elasticities beyond ±50 are not production functions: a start that wanders there is abandoned.
            if (beta.Any(b => Math.Abs(b) > 50)) return null;
        }

        return (beta, criterion);
    }

    /// <summary>The residual ξ_t + r_t of every row at <paramref name="beta"/> (for TFP and diagnostics).</summary>
    public static double[]? Innovations(Problem problem, double[] beta)
    {
        var g = new double[problem.Instruments];
        return problem.Moments(beta, g) ? (double[])problem.Xi.Clone() : null;
    }

    /// <summary>The data of one GMM problem and its reusable work buffers (not thread-safe: one per thread).</summary>
    internal sealed class Problem
    {
        private readonly int _degree;
        private readonly int _years;
        private readonly double[] _u;
        private readonly double[][] _columns;
        private readonly double[] _yearWeight;
        private readonly double[] _yearSum;
        private readonly double[] _yearSums;
        private readonly double[,] _normal;
        private readonly double[] _rhs;
        private readonly double[] _gamma;
        private readonly double[,] _factor;
        private double _totalWeight;

        public Problem(int rows, int parameters, int instruments, int degree, int years)
        {
            PhiT = new double[rows];
            PhiL = new double[rows];
            Residual = new double[rows];
            Weight = new double[rows];
            Year = new int[rows];
            XT = Enumerable.Range(0, parameters).Select(_ => new double[rows]).ToArray();
            XL = Enumerable.Range(0, parameters).Select(_ => new double[rows]).ToArray();
            Z = Enumerable.Range(0, instruments).Select(_ => new double[rows]).ToArray();
            Xi = new double[rows];
            _degree = degree;
            _years = years;
            _u = new double[rows];
            _columns = Enumerable.Range(0, degree).Select(_ => new double[rows]).ToArray();
            _yearWeight = new double[years];
            _yearSum = new double[years];
            _yearSums = new double[years * (degree + 1)];
            _normal = new double[degree, degree];
            _rhs = new double[degree];
            _gamma = new double[degree];
            _factor = new double[degree, degree];
            W = Matrix<double>.Build.Dense(instruments, instruments);
        }

        public double[] PhiT { get; }

        public double[] PhiL { get; }

        public double[] Residual { get; }

        public double[] Weight { get; }

        public int[] Year { get; }

        public double[][] XT { get; }

        public double[][] XL { get; }

        public double[][] Z { get; }

        /// <summary>ξ + r of the last evaluation.</summary>
        public double[] Xi { get; }

        /// <summary>The GMM weight matrix (Z'WZ/N)⁻¹.</summary>
        public Matrix<double> W { get; private set; }

        public int Rows => PhiT.Length;

        public int Instruments => Z.Length;

        public void Finish()
        {
            _totalWeight = Weight.Sum();
            Array.Clear(_yearWeight);
            for (var i = 0; i < Rows; i++) _yearWeight[Year[i]] += Weight[i];
            // NOTE: W = (Z'Z/N)⁻¹ with the instruments centred within year: ξ sums to zero within each year, so the
            // moments do not depend on the instruments' means, and centring keeps W well conditioned (k is about 13).
            var q = Z.Length;
            var centred = Z.Select(z => (double[])z.Clone()).ToArray();
            foreach (var c in centred) Demean(c);
            var zz = Matrix<double>.Build.Dense(q, q);
            for (var a = 0; a < q; a++)
                for (var b = 0; b < q; b++)
                {
                    double s = 0;
                    for (var i = 0; i < Rows; i++) s += Weight[i] * centred[a][i] * centred[b][i];
                    zz[a, b] = s / _totalWeight;
                }

            W = zz.Inverse();
        }

        public double Criterion(double[] g)
        {
            double q = 0;
            for (var a = 0; a < g.Length; a++)
                for (var b = 0; b < g.Length; b++) q += g[a] * W[a, b] * g[b];
            return q;
        }

        /// <summary>Moments g(β) = Σ w (ξ + r) z / Σ w into <paramref name="g"/>; false when the law of motion cannot be fitted.</summary>
        // NOTE: called a few hundred times per fit and per bootstrap replicate, so four fused passes over
        // preallocated arrays held in locals; the year effects are removed by within-year means accumulated
        // in the same pass as the powers (Frisch–Waugh–Lovell), not by dummy columns.
        public bool Moments(double[] beta, double[] g)
        {
            var n = Rows;
            var p = beta.Length;
            var d = _degree;
            var weight = Weight;
            var year = Year;
            var omegaT = Xi;
            var omegaL = _u;
            var phiT = PhiT;
            var phiL = PhiL;

            // 1. ω_t(β), ω_{t−1}(β) and the weighted mean of the lag.
            Array.Copy(phiT, omegaT, n);
            Array.Copy(phiL, omegaL, n);
            for (var t = 0; t < p; t++)
            {
                var b = beta[t];
                var xt = XT[t];
                var xl = XL[t];
                for (var i = 0; i < n; i++) { omegaT[i] -= xt[i] * b; omegaL[i] -= xl[i] * b; }
            }

            double mean = 0;
            for (var i = 0; i < n; i++) mean += weight[i] * omegaL[i];
            mean /= _totalWeight;
            double squares = 0;
            for (var i = 0; i < n; i++) { var c = omegaL[i] - mean; squares += weight[i] * c * c; }
            var sd = Math.Sqrt(squares / _totalWeight);
            if (!(sd > 0) || !double.IsFinite(sd)) return false;

            // 2. Powers of the standardised lag (same span as the raw powers, far better conditioned) and the
            // within-year weighted sums of ω_t and of every power.
            var sums = _yearSums;
            Array.Clear(sums);
            var stride = d + 1;
            for (var i = 0; i < n; i++)
            {
                var u = (omegaL[i] - mean) / sd;
                var w = weight[i];
                var o = year[i] * stride;
                sums[o] += w * omegaT[i];
                var power = 1.0;
                for (var a = 0; a < d; a++)
                {
                    power *= u;
                    _columns[a][i] = power;
                    sums[o + 1 + a] += w * power;
                }
            }

            for (var y = 0; y < _years; y++)
            {
                var total = _yearWeight[y];
                if (total > 0) for (var a = 0; a < stride; a++) sums[(y * stride) + a] /= total;
            }

            // 3. Demean and accumulate the normal equations of the law of motion.
            Array.Clear(_normal);
            Array.Clear(_rhs);
            for (var i = 0; i < n; i++)
            {
                var o = year[i] * stride;
                var target = omegaT[i] - sums[o];
                omegaT[i] = target;
                var w = weight[i];
                for (var a = 0; a < d; a++)
                {
                    var ca = _columns[a][i] - sums[o + 1 + a];
                    _columns[a][i] = ca;
                    var wca = w * ca;
                    _rhs[a] += wca * target;
                    for (var c = 0; c <= a; c++) _normal[a, c] += wca * _columns[c][i];
                }
            }

            if (!CholeskySolve()) return false;

            // 4. ξ + r and the moments.
            var q = g.Length;
            Array.Clear(g);
            var residual = Residual;
            for (var i = 0; i < n; i++)
            {
                var xi = omegaT[i] + residual[i];
                for (var a = 0; a < d; a++) xi -= _gamma[a] * _columns[a][i];
                omegaT[i] = xi;
            }

            for (var t = 0; t < q; t++)
            {
                var z = Z[t];
                double s = 0;
                for (var i = 0; i < n; i++) s += weight[i] * omegaT[i] * z[i];
                g[t] = s / _totalWeight;
            }

            return true;
        }

        // Within-year (or overall) weighted demeaning: the year effects of the law of motion by Frisch–Waugh–Lovell.
        private void Demean(double[] x)
        {
            Array.Clear(_yearWeight);
            Array.Clear(_yearSum);
            for (var i = 0; i < Rows; i++) { _yearWeight[Year[i]] += Weight[i]; _yearSum[Year[i]] += Weight[i] * x[i]; }
            for (var t = 0; t < _years; t++) if (_yearWeight[t] > 0) _yearSum[t] /= _yearWeight[t];
            for (var i = 0; i < Rows; i++) x[i] -= _yearSum[Year[i]];
        }

        // Solves the small law-of-motion system (lower triangle of _normal filled) by Cholesky; false if singular.
        private bool CholeskySolve()
        {
            var d = _degree;
            var l = _factor;
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    var s = _normal[a, b];
                    for (var c = 0; c < b; c++) s -= l[a, c] * l[b, c];
                    if (a == b)
                    {
                        if (!(s > 1e-12 * Math.Max(1, _normal[a, a]))) return false;
                        l[a, a] = Math.Sqrt(s);
                    }
                    else
                    {
                        l[a, b] = s / l[b, b];
                    }
                }
            }

            for (var a = 0; a < d; a++)
            {
                var s = _rhs[a];
                for (var c = 0; c < a; c++) s -= l[a, c] * _gamma[c];
                _gamma[a] = s / l[a, a];
            }

            for (var a = d - 1; a >= 0; a--)
            {
                var s = _gamma[a];
                for (var c = a + 1; c < d; c++) s -= l[c, a] * _gamma[c];
                _gamma[a] = s / l[a, a];
            }

            return true;
        }
    }
}
