namespace Adrn.Stats.Estimation;

/// <summary>
/// Projects variables off one or more sets of fixed effects ("demeaning"), the core of
/// high-dimensional fixed-effect regression. One fixed effect is a single pass of group means. Two
/// (worker + firm) are solved by Jacobi-preconditioned conjugate gradient on the smaller effect's
/// coefficients (see <see cref="UseConjugateGradient"/>). Three or more use alternating projections
/// (Gauss–Seidel over the dimensions, in coefficient space as fixest does) with Irons–Tuck acceleration.
/// Instances are immutable after construction and may be used from several threads at once.
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

    // Two-dimension layout: for dimension d, observations sorted by their level in d; _levelStart[d][l]..[l+1]
    // is level l's run, _otherIndex[d][j] the other dimension's level of the j-th sorted observation and
    // _sortedWeights[d][j] its weight. A half-sweep then reads two arrays sequentially and gathers from one
    // small coefficient vector: no scatter writes, which is what made the naive loop memory-bound.
    private readonly int[][]? _levelStart;
    private readonly int[][]? _otherIndex;
    private readonly double[][]? _sortedWeights;
    private double[]? _jacobi; // cached Jacobi preconditioner of the two-effect system (benign race: same values)

    /// <summary>Creates a solver for observations grouped by the given fixed effects.</summary>
    /// <param name="groups">One array per fixed effect, each of length n, holding level indices 0..levels-1.</param>
    /// <param name="levels">Number of levels of each fixed effect; levels without observations get a zero coefficient.</param>
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
            // An empty level (no observations) keeps a zero coefficient: 1/0 would poison the sweeps.
            for (var l = 0; l < sum.Length; l++) sum[l] = sum[l] > 0 ? 1.0 / sum[l] : 0.0;

            _inverseWeightSum[q] = sum;
        }

        if (_groups.Length == 2)
        {
            _levelStart = new int[2][];
            _otherIndex = new int[2][];
            _sortedWeights = weights is null ? null : new double[2][];
            for (var d = 0; d < 2; d++)
            {
                var g = _groups[d];
                var other = _groups[1 - d];
                var start = new int[_levels[d] + 1];
                for (var i = 0; i < _n; i++) start[g[i] + 1]++;
                for (var l = 0; l < _levels[d]; l++) start[l + 1] += start[l];
                var next = (int[])start.Clone();
                var otherIndex = new int[_n];
                var sortedWeights = weights is null ? null : new double[_n];
                for (var i = 0; i < _n; i++)
                {
                    var j = next[g[i]]++;
                    otherIndex[j] = other[i];
                    if (sortedWeights is not null) sortedWeights[j] = weights![i];
                }

                _levelStart[d] = start;
                _otherIndex[d] = otherIndex;
                if (_sortedWeights is not null) _sortedWeights[d] = sortedWeights!;
            }
        }
    }

    /// <summary>
    /// For two fixed effects, solve by Jacobi-preconditioned conjugate gradient instead of Irons–Tuck
    /// accelerated alternating projections (default true: fewer passes over the data on sparse
    /// worker–firm graphs). Three or more fixed effects always use alternating projections.
    /// </summary>
    public bool UseConjugateGradient { get; init; } = true;

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

    /// <summary>
    /// Solves the normal equations Z'WZ c = b for an arbitrary right-hand side b given per fixed effect
    /// (<paramref name="rightHandSides"/>[k] has one value per level of fixed effect k, in the caller's order).
    /// <see cref="SolveCoefficients"/> is the case b = Z'Wx. The leave-out (KSS) leverages need other right-hand
    /// sides, such as the firm sums of a centred random vector. With two or more fixed effects Z'WZ is singular
    /// (one constant moves between the effects per connected component); b must be orthogonal to that null
    /// space (true for every b = Z'v), and the returned solution is then one of the equivalent ones.
    /// </summary>
    /// <param name="rightHandSides">One array per fixed effect, of that effect's number of levels.</param>
    /// <param name="tolerance">Convergence tolerance, as in <see cref="Demean"/>.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <param name="iterations">The number of accelerated iterations used.</param>
    internal double[][] SolveNormalEquations(IReadOnlyList<double[]> rightHandSides, double tolerance, int maxIterations, out int iterations)
    {
        ArgumentNullException.ThrowIfNull(rightHandSides);
        if (rightHandSides.Count != _groups.Length) throw new ArgumentException($"{rightHandSides.Count} right-hand sides for {_groups.Length} fixed effects.", nameof(rightHandSides));
        var sums = new double[_groups.Length][];
        for (var q = 0; q < _order.Length; q++)
        {
            var b = rightHandSides[_order[q]];
            if (b.Length != _levels[q]) throw new ArgumentException($"Right-hand side {_order[q]} has {b.Length} values for {_levels[q]} levels.", nameof(rightHandSides));
            sums[q] = (double[])b.Clone();
        }

        var internalOrder = SolveFromSums(sums, tolerance, maxIterations, out iterations);
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

        return SolveFromSums(xSums, tolerance, maxIterations, out iterations);
    }

    // The solve given the right-hand side as weighted group sums (Z'Wx, or any b for the normal equations).
    private double[][] SolveFromSums(double[][] xSums, double tolerance, int maxIterations, out int iterations)
    {
        var q = _groups.Length;
        var coefficients = new double[q][];
        for (var d = 0; d < q; d++) coefficients[d] = new double[_levels[d]];
        iterations = 0;
        if (q == 1)
        {
            var inv = _inverseWeightSum[0];
            for (var l = 0; l < inv.Length; l++) coefficients[0][l] = xSums[0][l] * inv[l];
            return coefficients;
        }

        if (q == 2 && UseConjugateGradient)
        {
            iterations = SolveTwoByConjugateGradient(coefficients, xSums, tolerance, maxIterations);
            SolveDimension(0, coefficients, xSums, null);
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

    // Two fixed effects as one linear system in the smaller dimension's coefficients b (dimension 1):
    // eliminating dimension 0 leaves A b = r0 with A = D1'W(I - P0)D1, symmetric positive semi-definite
    // (one null direction per connected component, which CG never enters from b = 0). One product A·v
    // costs the same two passes as one alternating-projection sweep; CG needs far fewer of them on
    // poorly connected graphs.
    private int SolveTwoByConjugateGradient(double[][] coefficients, double[][] xSums, double tolerance, int maxIterations)
    {
        var m = _levels[1];
        var b = coefficients[1];
        Array.Clear(b);
        var r = new double[m];
        var z = new double[m];
        var p = new double[m];
        var q = new double[m];
        var half = new double[_levels[0]];
        var diagonal = PreconditionerInverse();

        // The right-hand side: firm sums of x after removing worker means.
        var rhs = new double[m];
        var inv0 = _inverseWeightSum[0];
        for (var l = 0; l < half.Length; l++) half[l] = xSums[0][l] * inv0[l];
        GatherSums(1, half, rhs);
        for (var f = 0; f < m; f++) rhs[f] = xSums[1][f] - rhs[f];
        Array.Copy(rhs, r, m);

        double rz = 0;
        for (var f = 0; f < m; f++) { z[f] = diagonal[f] * r[f]; p[f] = z[f]; rz += r[f] * z[f]; }
        // The residual criterion is tightened 100-fold so that, at the same nominal tolerance, the result is at
        // least as accurate as the coefficient-change criterion of alternating projections; below 1e-14 the
        // recursion only chases rounding noise.
        var relative = Math.Max(tolerance * 1e-2, 1e-14);
        var stop = relative * relative * rz;
        var iterations = 0;
        while (rz > stop && rz > 0 && iterations < maxIterations)
        {
            iterations++;
            Apply(p, q, half);
            double pq = 0;
            for (var f = 0; f < m; f++) pq += p[f] * q[f];
            if (pq <= 0) break;
            var step = rz / pq;
            for (var f = 0; f < m; f++) { b[f] += step * p[f]; r[f] -= step * q[f]; }

            // Residual replacement: the recursive residual drifts from rhs − A·b in floating point,
            // which would stall accuracy near 1e-7; recompute it every 32 iterations.
            if (iterations % 32 == 0)
            {
                Apply(b, q, half);
                for (var f = 0; f < m; f++) r[f] = rhs[f] - q[f];
            }

            double next = 0;
            for (var f = 0; f < m; f++) { z[f] = diagonal[f] * r[f]; next += r[f] * z[f]; }
            var beta = next / rz;
            rz = next;
            for (var f = 0; f < m; f++) p[f] = z[f] + (beta * p[f]);
        }

        return iterations;
    }

    // q = A·v = W1·v − D1'W P0 D1 v, with P0 the weighted mean over dimension-0 levels.
    private void Apply(double[] v, double[] q, double[] half)
    {
        var inv0 = _inverseWeightSum[0];
        GatherSums(0, v, half);
        for (var l = 0; l < half.Length; l++) half[l] *= inv0[l];
        GatherSums(1, half, q);
        var inv1 = _inverseWeightSum[1];
        for (var f = 0; f < q.Length; f++) q[f] = (inv1[f] > 0 ? v[f] / inv1[f] : 0) - q[f];
    }

    // sums[l] = Σ over observations in level l of dimension d of w_i · values[level of i in the other dimension].
    // NOTE: sequential runs over the pre-sorted layout; this is where the time goes.
    private void GatherSums(int d, double[] values, double[] sums)
    {
        var start = _levelStart![d];
        var index = _otherIndex![d];
        if (_sortedWeights is null)
        {
            for (var l = 0; l < sums.Length; l++)
            {
                double sum = 0;
                for (var j = start[l]; j < start[l + 1]; j++) sum += values[index[j]];
                sums[l] = sum;
            }
        }
        else
        {
            var sw = _sortedWeights[d];
            for (var l = 0; l < sums.Length; l++)
            {
                double sum = 0;
                for (var j = start[l]; j < start[l + 1]; j++) sum += sw[j] * values[index[j]];
                sums[l] = sum;
            }
        }
    }

    // Jacobi preconditioner: 1 / A_ff with A_ff = W1_f − Σ_{i in f} w_i² / W0_{level of i}; zero where A_ff
    // vanishes (a firm whose workers never work elsewhere: its own component, coefficient left at 0).
    private double[] PreconditionerInverse()
    {
        if (_jacobi is { } cached) return cached;
        var m = _levels[1];
        var result = new double[m];
        var start = _levelStart![1];
        var index = _otherIndex![1];
        var inv0 = _inverseWeightSum[0];
        var inv1 = _inverseWeightSum[1];
        for (var f = 0; f < m; f++)
        {
            if (inv1[f] == 0) continue;
            double own = 0;
            for (var j = start[f]; j < start[f + 1]; j++)
            {
                var w = _sortedWeights is null ? 1.0 : _sortedWeights[1][j];
                own += w * w * inv0[index[j]];
            }

            var a = (1 / inv1[f]) - own;
            result[f] = a > 1e-12 / inv1[f] ? 1 / a : 0;
        }

        _jacobi = result;
        return result;
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
        if (_groups.Length == 2) SolveDimensionOfTwo(d, coefficients, xSums);
        else SolveDimensionOfMany(d, coefficients, xSums, perObservation!);
    }

    // NOTE: the hot loop of the benchmark design (worker + firm): per level, a sequential run over the
    // pre-sorted other-dimension indices; one gather per observation, no scatter, no allocation.
    private void SolveDimensionOfTwo(int d, double[][] coefficients, double[][] xSums)
    {
        var target = coefficients[d];
        var other = coefficients[1 - d];
        var start = _levelStart![d];
        var index = _otherIndex![d];
        var xs = xSums[d];
        var inv = _inverseWeightSum[d];
        if (_sortedWeights is null)
        {
            for (var l = 0; l < target.Length; l++)
            {
                double sum = 0;
                for (var j = start[l]; j < start[l + 1]; j++) sum += other[index[j]];
                target[l] = (xs[l] - sum) * inv[l];
            }
        }
        else
        {
            var sw = _sortedWeights[d];
            for (var l = 0; l < target.Length; l++)
            {
                double sum = 0;
                for (var j = start[l]; j < start[l + 1]; j++) sum += sw[j] * other[index[j]];
                target[l] = (xs[l] - sum) * inv[l];
            }
        }
    }

    // Three or more dimensions: sum the other dimensions per observation, then scatter into the levels.
    private void SolveDimensionOfMany(int d, double[][] coefficients, double[][] xSums, double[] buffer)
    {
        // The target array doubles as the accumulator: the sums read only the other dimensions.
        var target = coefficients[d];
        Array.Clear(buffer);
        for (var e = 0; e < _groups.Length; e++)
        {
            if (e == d) continue;
            var c = coefficients[e];
            var ge = _groups[e];
            for (var i = 0; i < _n; i++) buffer[i] += c[ge[i]];
        }

        Array.Clear(target);
        var gd = _groups[d];
        var w = _weights;
        if (w is null) for (var i = 0; i < _n; i++) target[gd[i]] += buffer[i];
        else for (var i = 0; i < _n; i++) target[gd[i]] += w[i] * buffer[i];
        var inv = _inverseWeightSum[d];
        var xs = xSums[d];
        for (var l = 0; l < target.Length; l++) target[l] = (xs[l] - target[l]) * inv[l];
    }
}
