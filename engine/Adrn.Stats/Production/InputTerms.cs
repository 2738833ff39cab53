namespace Adrn.Stats.Production;

/// <summary>
/// The production function's terms in the inputs v_1..v_q: Cobb–Douglas v_j; translog adds v_j² and v_j v_k
/// (j &lt; k). The same expansion of (free inputs lagged, state inputs) gives ACF's instruments.
/// </summary>
internal sealed class InputTerms
{
    private readonly (int A, int B)[] _products; // (j, -1) linear; (j, j) square; (j, k) cross product

    public InputTerms(IReadOnlyList<string> inputs, ProductionFunctionForm form)
    {
        var products = new List<(int, int)>();
        var names = new List<string>();
        for (var j = 0; j < inputs.Count; j++) { products.Add((j, -1)); names.Add(inputs[j]); }
        if (form == ProductionFunctionForm.Translog)
        {
            for (var j = 0; j < inputs.Count; j++)
            {
                products.Add((j, j));
                names.Add($"{inputs[j]}^2");
                for (var k = j + 1; k < inputs.Count; k++) { products.Add((j, k)); names.Add($"{inputs[j]}:{inputs[k]}"); }
            }
        }

        _products = [.. products];
        Names = [.. names];
        Inputs = inputs.Count;
    }

    public string[] Names { get; }

    public int Count => _products.Length;

    public int Inputs { get; }

    /// <summary>Term t of the input vector given by <paramref name="value"/>(j).</summary>
    public double Value(int t, Func<int, double> value)
    {
        var (a, b) = _products[t];
        return b < 0 ? value(a) : value(a) * value(b);
    }

    /// <summary>Columns of every term over rows: <c>result[t][i]</c>.</summary>
    public double[][] Columns(IReadOnlyList<double[]> inputs)
    {
        var n = inputs[0].Length;
        var result = new double[Count][];
        for (var t = 0; t < Count; t++)
        {
            var (a, b) = _products[t];
            var c = new double[n];
            for (var i = 0; i < n; i++) c[i] = b < 0 ? inputs[a][i] : inputs[a][i] * inputs[b][i];
            result[t] = c;
        }

        return result;
    }

    /// <summary>The output elasticity of input <paramref name="j"/>: ∂y/∂v_j = Σ_t β_t ∂term_t/∂v_j at the given inputs.</summary>
    public double Elasticity(int j, double[] beta, Func<int, double> value)
    {
        double e = 0;
        for (var t = 0; t < _products.Length; t++)
        {
            var (a, b) = _products[t];
            if (b < 0) { if (a == j) e += beta[t]; }
            else if (a == j && b == j) e += 2 * beta[t] * value(j);
            else if (a == j) e += beta[t] * value(b);
            else if (b == j) e += beta[t] * value(a);
        }

        return e;
    }

    /// <summary>Gradient of the sample-mean elasticity of input j with respect to the coefficients (for the delta method).</summary>
    public double[] MeanElasticityGradient(int j, IReadOnlyList<double[]> inputs)
    {
        var gradient = new double[Count];
        for (var t = 0; t < _products.Length; t++)
        {
            var (a, b) = _products[t];
            if (b < 0) gradient[t] = a == j ? 1 : 0;
            else if (a == j && b == j) gradient[t] = 2 * inputs[j].Average();
            else if (a == j) gradient[t] = inputs[b].Average();
            else if (b == j) gradient[t] = inputs[a].Average();
        }

        return gradient;
    }
}
