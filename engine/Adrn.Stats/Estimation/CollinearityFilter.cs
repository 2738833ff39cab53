namespace Adrn.Stats.Estimation;

/// <summary>
/// Finds regressors that are (numerically) linear combinations of earlier ones, by an incremental
/// Cholesky factorisation of the weighted cross-product matrix, as fixest does.
/// </summary>
internal static class CollinearityFilter
{
    /// <param name="columns">Candidate columns (already projected off the fixed effects).</param>
    /// <param name="originalSquaredNorms">Weighted squared norms before projection (for columns absorbed by the fixed effects).</param>
    /// <param name="weights">Observation weights or null.</param>
    /// <param name="tolerance">Relative pivot tolerance.</param>
    /// <returns>Indices of the columns to keep, in order.</returns>
    public static List<int> Keep(IReadOnlyList<double[]> columns, IReadOnlyList<double> originalSquaredNorms, double[]? weights, double tolerance) =>
        Keep(CrossProducts(columns, weights), originalSquaredNorms, tolerance);

    /// <summary>The same selection from a precomputed weighted cross-product matrix (k × k).</summary>
    /// <param name="gram">X'WX.</param>
    /// <param name="originalSquaredNorms">Squared norms before any projection (the diagonal when there is none).</param>
    /// <param name="tolerance">Relative pivot tolerance.</param>
    public static List<int> Keep(double[,] gram, IReadOnlyList<double> originalSquaredNorms, double tolerance)
    {
        var k = gram.GetLength(0);
        var kept = new List<int>();
        var factor = new List<double[]>(); // rows of the Cholesky factor, over kept columns
        for (var j = 0; j < k; j++)
        {
            var diagonal = gram[j, j];
            if (!(diagonal > tolerance * originalSquaredNorms[j]) || diagonal <= 0) continue;
            var row = new double[kept.Count + 1];
            double sum = 0;
            for (var a = 0; a < kept.Count; a++)
            {
                var v = gram[kept[a], j];
                for (var b = 0; b < a; b++) v -= factor[a][b] * row[b];
                row[a] = v / factor[a][a];
                sum += row[a] * row[a];
            }

            var pivot = diagonal - sum;
            if (pivot <= tolerance * diagonal) continue;
            row[kept.Count] = Math.Sqrt(pivot);
            factor.Add(row);
            kept.Add(j);
        }

        return kept;
    }

    public static double[,] CrossProducts(IReadOnlyList<double[]> columns, double[]? weights)
    {
        var k = columns.Count;
        var gram = new double[k, k];
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                var x = columns[a];
                var y = columns[b];
                double s = 0;
                if (weights is null) for (var i = 0; i < x.Length; i++) s += x[i] * y[i];
                else for (var i = 0; i < x.Length; i++) s += weights[i] * x[i] * y[i];
                gram[a, b] = s;
                gram[b, a] = s;
            }
        }

        return gram;
    }

    public static double SquaredNorm(double[] x, double[]? weights)
    {
        double s = 0;
        if (weights is null) for (var i = 0; i < x.Length; i++) s += x[i] * x[i];
        else for (var i = 0; i < x.Length; i++) s += weights[i] * x[i] * x[i];
        return s;
    }
}
