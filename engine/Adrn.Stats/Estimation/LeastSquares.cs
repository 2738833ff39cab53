using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Estimation;

/// <summary>Weighted least squares by thin QR (MathNet): coefficients and (X'WX)⁻¹.</summary>
internal static class LeastSquares
{
    public static (double[] Coefficients, Matrix<double> Bread) Solve(IReadOnlyList<double[]> columns, double[] y, double[]? weights)
    {
        var n = y.Length;
        var k = columns.Count;
        var sqrtW = weights?.Select(Math.Sqrt).ToArray();
        var scaled = new double[k][];
        for (var j = 0; j < k; j++)
        {
            var c = columns[j];
            scaled[j] = sqrtW is null ? c : ScaleBy(c, sqrtW);
        }

        var target = sqrtW is null ? y : ScaleBy(y, sqrtW);
        if (k == 0) return ([], Matrix<double>.Build.Dense(0, 0));
        var x = Matrix<double>.Build.DenseOfColumnArrays(scaled);
        var qr = x.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var b = qr.Solve(Vector<double>.Build.Dense(target));
        var rInverse = qr.R.SubMatrix(0, k, 0, k).Inverse();
        var bread = rInverse * rInverse.Transpose();
        _ = n;
        return (b.ToArray(), bread);
    }

    private static double[] ScaleBy(double[] values, double[] factor)
    {
        var r = new double[values.Length];
        for (var i = 0; i < r.Length; i++) r[i] = values[i] * factor[i];
        return r;
    }
}
