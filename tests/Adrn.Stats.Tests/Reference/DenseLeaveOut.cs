using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Tests.Reference;

/// <summary>
/// The KSS leave-out variance decomposition computed the slow, direct way, independently of the library:
/// dense worker and firm dummies (the last firm's dummy dropped), the regression refitted with each
/// observation (or each match) left out, and the quadratic-form weights from the dense inverse of X'WX.
/// Controls, if any, are estimated jointly with the dummies and partialled out first, as KSS do.
/// </summary>
internal static class DenseLeaveOut
{
    public sealed record Result(double PlugInVarFirm, double VarFirm, double VarWorker, double Cov);

    public static Result Compute(string[] worker, string[] firm, double[] y, IReadOnlyList<double[]> controls, bool leaveMatchOut)
    {
        var n = y.Length;
        var workers = worker.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var firms = firm.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var wIndex = workers.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i);
        var fIndex = firms.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i);
        var wOf = worker.Select(s => wIndex[s]).ToArray();
        var fOf = firm.Select(s => fIndex[s]).ToArray();
        var nw = workers.Count;
        var dim = nw + firms.Count - 1; // grounded: the last firm's effect is 0

        double[] Row(int w, int f)
        {
            var z = new double[dim];
            z[w] = 1;
            if (f < firms.Count - 1) z[nw + f] = 1;
            return z;
        }

        // 1. Controls: y − Cβ from the full dummy regression.
        var adjusted = (double[])y.Clone();
        if (controls.Count > 0)
        {
            var x = Matrix<double>.Build.Dense(n, dim + controls.Count);
            for (var i = 0; i < n; i++)
            {
                var z = Row(wOf[i], fOf[i]);
                for (var j = 0; j < dim; j++) x[i, j] = z[j];
                for (var c = 0; c < controls.Count; c++) x[i, dim + c] = controls[c][i];
            }

            var beta = (x.TransposeThisAndMultiply(x)).Cholesky().Solve(x.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(y)));
            for (var i = 0; i < n; i++)
                for (var c = 0; c < controls.Count; c++) adjusted[i] -= beta[dim + c] * controls[c][i];
        }

        // 2. Rows: observations, or matches (mean outcome, weight = length).
        var rows = new List<(int W, int F, double Weight, double Y, int[] Obs)>();
        if (leaveMatchOut)
        {
            foreach (var g in Enumerable.Range(0, n).GroupBy(i => (wOf[i], fOf[i])))
            {
                var obs = g.ToArray();
                rows.Add((g.Key.Item1, g.Key.Item2, obs.Length, obs.Average(i => adjusted[i]), obs));
            }
        }
        else
        {
            for (var i = 0; i < n; i++) rows.Add((wOf[i], fOf[i], 1, adjusted[i], [i]));
        }

        var matchesOfWorker = rows.GroupBy(r => r.W).ToDictionary(g => g.Key, g => g.Count());
        var s = Matrix<double>.Build.Dense(dim, dim);
        var b = Vector<double>.Build.Dense(dim);
        foreach (var r in rows)
        {
            var z = Vector<double>.Build.DenseOfArray(Row(r.W, r.F));
            s += r.Weight * z.OuterProduct(z);
            b += r.Weight * r.Y * z;
        }

        var theta = s.Cholesky().Solve(b);
        var meanY = adjusted.Average();

        // 3. Person-year maps of the centred effects: (Mα θ)_i = α_w(i) − mean, (Mψ θ)_i = ψ_f(i) − mean.
        var ma = Matrix<double>.Build.Dense(n, dim);
        var mp = Matrix<double>.Build.Dense(n, dim);
        for (var i = 0; i < n; i++)
        {
            ma[i, wOf[i]] = 1;
            if (fOf[i] < firms.Count - 1) mp[i, nw + fOf[i]] = 1;
        }

        for (var j = 0; j < dim; j++)
        {
            var ca = ma.Column(j).Average();
            var cp = mp.Column(j).Average();
            for (var i = 0; i < n; i++) { ma[i, j] -= ca; mp[i, j] -= cp; }
        }

        var aFirm = mp.TransposeThisAndMultiply(mp) / n;
        var aWorker = ma.TransposeThisAndMultiply(ma) / n;
        var aCov = (ma.TransposeThisAndMultiply(mp) + mp.TransposeThisAndMultiply(ma)) / (2.0 * n);
        var plugFirm = theta * aFirm * theta;
        var plugWorker = theta * aWorker * theta;
        var plugCov = theta * aCov * theta;

        // 4. σ̂ by refitting without each row; b_r = z'S⁻¹AS⁻¹z.
        var sInverse = s.Inverse();
        double biasFirm = 0, biasWorker = 0, biasCov = 0;
        foreach (var r in rows)
        {
            double sigma;
            if (leaveMatchOut && matchesOfWorker[r.W] == 1)
            {
                var t = r.Obs.Length;
                sigma = r.Obs.Sum(i => (adjusted[i] - meanY) * (adjusted[i] - r.Y)) / (t * (t - 1.0));
            }
            else
            {
                var z = Vector<double>.Build.DenseOfArray(Row(r.W, r.F));
                var sOut = s - (r.Weight * z.OuterProduct(z));
                var bOut = b - (r.Weight * r.Y * z);
                var thetaOut = sOut.Cholesky().Solve(bOut);
                sigma = (r.Y - meanY) * (r.Y - (z * thetaOut));
            }

            var u = sInverse * Vector<double>.Build.DenseOfArray(Row(r.W, r.F));
            var w2 = r.Weight * r.Weight;
            biasFirm += w2 * (u * aFirm * u) * sigma;
            biasWorker += w2 * (u * aWorker * u) * sigma;
            biasCov += w2 * (u * aCov * u) * sigma;
        }

        return new Result(plugFirm, plugFirm - biasFirm, plugWorker - biasWorker, plugCov - biasCov);
    }
}
