namespace Adrn.Stats.Estimation;

/// <summary>
/// Projects variables off one or more sets of fixed effects ("demeaning"), the core of
/// high-dimensional fixed-effect regression. One fixed effect is a single pass of group means;
/// two or more use alternating projections (Gauss–Seidel over the fixed-effect dimensions, solved in
/// coefficient space as fixest does) with Irons–Tuck acceleration.
/// </summary>
/// <remarks>
/// NOTE: the fixed-effect dimensions are reordered internally by decreasing number of levels so the
/// largest one is solved in closed form each sweep and the iterated vector is as short as possible.
/// </remarks>
public sealed class FixedEffectSolver
{
    private readonly int _n;
    private readonly int[][] _groups;     // per dimension (internal order): group index of each observation
    private readonly int[] _levels;       // per dimension: number of levels
    private readonly int[] _order;        // internal dimension -> caller's dimension
    private readonly double[]? _weights;
    private readonly double[][] _inverseWeightSum; // per dimension and level: 1 / sum of weights

    /// <summary>Creates a solver for observations grouped by the given fixed effects.</summary>
    /// <param name="groups">One array per fixed effect, each of length n, holding level indices 0..levels-1.</param>
    /// <param name="levels">Number of levels of each fixed effect; every level must occur.</param>
    /// <param name="weights">Optional positive observation weights (length n); null for unweighted.</param>
    public FixedEffectSolver(IReadOnlyList<int[]> groups, IReadOnlyList<int> levels, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(levels);
        if (groups.Count == 0) throw new ArgumentException("At least one fixed effect is required.", nameof(groups));
        if (levels.Count != groups.Count) throw new ArgumentException("One level count per fixed effect is required.", nameof(levels));
        _n = groups[0].Length;
        if (weights is not null && weights.Length != _n) throw new ArgumentException($"Weights have {weights.Length} values for {_n} observations.", nameof(weights));
        _order = [.. Enumerable.Range(0, groups.Count).OrderByDescending(k => levels[k])];
        _groups = new int[groups.Count][];
        _levels = new int[groups.Count];
        _inverseWeightSum = new double[groups.Count][];
        _weights = weights;
        for (var q = 0; q < _order.Length; q++)
        {
            var k = _order[q];
            if (groups[k].Length != _n) throw new ArgumentException($"Fixed effect {k} has {groups[k].Length} observations, expected {_n}.", nameof(groups));
            _groups[q] = groups[k];
            _levels[q] = levels[k];
            var sum = new double[levels[k]];
            var g = groups[k];
            for (var i = 0; i < _n; i++) sum[g[i]] += weights is null ? 1.0 : weights[i];
            for (var l = 0; l < sum.Length; l++)
            {
                if (sum[l] <= 0) throw new ArgumentException($"Level {l} of fixed effect {k} has no observations (or zero total weight).", nameof(groups));
                sum[l] = 1.0 / sum[l];
            }

            _inverseWeightSum[q] = sum;
        }
    }

    /// <summary>Number of observations.</summary>
    public int ObservationCount => _n;

    /// <summary>Number of fixed-effect dimensions.</summary>
    public int Dimensions => _groups.Length;

    /// <summary>
    /// Writes <paramref name="x"/> minus its projection on the fixed effects into <paramref name="residual"/>
    /// and returns the number of accelerated iterations used (0 for a single fixed effect).
    /// </summary>
    /// <param name="x">The variable (length n).</param>
    /// <param name="residual">Destination (length n); may be the same memory as <paramref name="x"/>.</param>
    /// <param name="tolerance">Stop when no coefficient moves by more than tolerance × (0.1 + |coefficient|) (fixest's criterion).</param>
    /// <param name="maxIterations">Iteration cap; convergence failure is reported through the return value being equal to it.</param>
    public int Demean(ReadOnlySpan<double> x, Span<double> residual, double tolerance = 1e-8, int maxIterations = 10_000)
    {
        var coefficients = Solve(x, tolerance, maxIterations, out var iterations);
        var xCopy = x; // x and residual may alias: read x[i] before writing residual[i]
        for (var i = 0; i < _n; i++)
        {
            var fitted = 0.0;
            for (var q = 0; q < _groups.Length; q++) fitted += coefficients[q][_groups[q][i]];
            residual[i] = xCopy[i] - fitted;
        }

        return iterations;
    }

    /// <summary>
    /// Returns the fixed-effect coefficients that best fit <paramref name="x"/> (one array per fixed effect,
    /// in the caller's order). They are identified only up to the usual normalisation: with two fixed
    /// effects one constant can move between them.
    /// </summary>
    /// <param name="x">The variable (length n).</param>
    /// <param name="tolerance">Convergence tolerance, as in <see cref="Demean"/>.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <param name="iterations">The number of accelerated iterations used.</param>
    public double[][] SolveCoefficients(ReadOnlySpan<double> x, double tolerance, int maxIterations, out int iterations)
    {
        var internalOrder = Solve(x, tolerance, maxIterations, out iterations);
        var result = new double[_groups.Length][];
        for (var q = 0; q < _order.Length; q++) result[_order[q]] = internalOrder[q];
        return result;
    }

    private double[][] Solve(ReadOnlySpan<double> x, double tolerance, int maxIterations, out int iterations)
    {
        if (x.Length != _n) throw new ArgumentException($"The variable has {x.Length} values for {_n} observations.", nameof(x));
        var q = _groups.Length;
        // Weighted group sums of x, computed once: every sweep only needs the sums of the other coefficients.
        var xSums = new double[q][];
        for (var d = 0; d < q; d++)
        {
            var s = new double[_levels[d]];
            var g = _groups[d];
            if (_weights is null) for (var i = 0; i < _n; i++) s[g[i]] += x[i];
            else for (var i = 0; i < _n; i++) s[g[i]] += _weights[i] * x[i];
            xSums[d] = s;
        }

        var coefficients = new double[q][];
        for (var d = 0; d < q; d++) coefficients[d] = new double[_levels[d]];
        iterations = 0;
        if (q == 1)
        {
            var inv = _inverseWeightSum[0];
            for (var l = 0; l < inv.Length; l++) coefficients[0][l] = xSums[0][l] * inv[l];
            return coefficients;
        }

        // The iterated vector holds dimensions 1..q-1 back to back; dimension 0 is recomputed from it each sweep.
        var offsets = new int[q];
        var m = 0;
        for (var d = 1; d < q; d++) { offsets[d] = m; m += _levels[d]; }
        var current = new double[m];
        var once = new double[m];
        var twice = new double[m];
        var perObservation = q > 2 ? new double[_n] : null;

        while (iterations < maxIterations)
        {
            iterations++;
            Sweep(current, once, coefficients, xSums, offsets, perObservation);
            if (Converged(current, once, tolerance)) { once.CopyTo(current, 0); break; }
            Sweep(once, twice, coefficients, xSums, offsets, perObservation);
            if (Converged(once, twice, tolerance)) { twice.CopyTo(current, 0); break; }

            // Irons–Tuck extrapolation: treat the two sweeps as a secant step of the fixed-point map.
            double dot = 0, norm = 0;
            for (var j = 0; j < m; j++)
            {
                var deltaOnce = twice[j] - once[j];
                var deltaSecond = deltaOnce - once[j] + current[j];
                dot += deltaOnce * deltaSecond;
                norm += deltaSecond * deltaSecond;
            }

            if (norm == 0) { twice.CopyTo(current, 0); break; }
            var step = dot / norm;
            for (var j = 0; j < m; j++) current[j] = twice[j] - step * (twice[j] - once[j]);
        }

        // Leave every dimension consistent with the final iterate.
        Unpack(current, coefficients, offsets);
        SolveDimension(0, coefficients, xSums, perObservation);
        return coefficients;
    }

    private static bool Converged(double[] before, double[] after, double tolerance)
    {
        for (var j = 0; j < before.Length; j++)
            if (Math.Abs(after[j] - before[j]) > tolerance * (0.1 + Math.Abs(before[j]))) return false;
        return true;
    }

    private void Unpack(double[] packed, double[][] coefficients, int[] offsets)
    {
        for (var d = 1; d < coefficients.Length; d++)
            Array.Copy(packed, offsets[d], coefficients[d], 0, _levels[d]);
    }

    // One Gauss–Seidel sweep: given dimensions 1..q-1 in `input`, update dimension 0, then 1, ..., q-1.
    private void Sweep(double[] input, double[] output, double[][] coefficients, double[][] xSums, int[] offsets, double[]? perObservation)
    {
        Unpack(input, coefficients, offsets);
        for (var d = 0; d < coefficients.Length; d++)
            SolveDimension(d, coefficients, xSums, perObservation);
        for (var d = 1; d < coefficients.Length; d++)
            Array.Copy(coefficients[d], 0, output, offsets[d], _levels[d]);
    }

    // coefficients[d][l] = (sum_{i in l} w_i (x_i - sum_{e != d} c_e[g_e(i)])) / sum_{i in l} w_i.
    // NOTE: plain indexed loops over int[] group arrays: this is the hot path (called twice per
    // iteration, n gathers and n scatters each), so no LINQ, delegates or allocation here.
    private void SolveDimension(int d, double[][] coefficients, double[][] xSums, double[]? perObservation)
    {
        // The target array doubles as the accumulator: the sums read only the other dimensions.
        var target = coefficients[d];
        var accumulator = target;
        Array.Clear(accumulator);
        var gd = _groups[d];
        var w = _weights;
        if (_groups.Length == 2)
        {
            var other = coefficients[1 - d];
            var go = _groups[1 - d];
            if (w is null) for (var i = 0; i < _n; i++) accumulator[gd[i]] += other[go[i]];
            else for (var i = 0; i < _n; i++) accumulator[gd[i]] += w[i] * other[go[i]];
        }
        else
        {
            var buffer = perObservation!;
            Array.Clear(buffer);
            for (var e = 0; e < _groups.Length; e++)
            {
                if (e == d) continue;
                var c = coefficients[e];
                var ge = _groups[e];
                for (var i = 0; i < _n; i++) buffer[i] += c[ge[i]];
            }

            if (w is null) for (var i = 0; i < _n; i++) accumulator[gd[i]] += buffer[i];
            else for (var i = 0; i < _n; i++) accumulator[gd[i]] += w[i] * buffer[i];
        }

        var inv = _inverseWeightSum[d];
        var xs = xSums[d];
        for (var l = 0; l < target.Length; l++) target[l] = (xs[l] - accumulator[l]) * inv[l];
    }
}
