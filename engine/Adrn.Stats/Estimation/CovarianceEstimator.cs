using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Estimation;

/// <summary>
/// The sandwich estimators and fixest's small-sample corrections
/// (fixest ssc defaults: adj = TRUE, fixef.K = "nested", cluster.adj = TRUE, cluster.df = "min", t.df = "min").
/// </summary>
internal static class CovarianceEstimator
{
    public static double[,] Compute(ModelFrame frame, Regression.Estimation fit, VcovSpec vcov, int parameters,
        out int tDf, out bool[] nestedInCluster, out string description)
    {
        var n = frame.N;
        var k = fit.Beta.Length;
        var bread = fit.Bread;
        var w = fit.Weights;
        nestedInCluster = new bool[frame.FixedEffects.Count];
        tDf = n - parameters;
        Matrix<double> v;
        switch (vcov.Kind)
        {
            case VcovKind.Iid:
            {
                double ssr = 0;
                for (var i = 0; i < n; i++) ssr += (w?[i] ?? 1.0) * fit.Residuals[i] * fit.Residuals[i];
                v = bread * (ssr / (n - parameters));
                description = "IID";
                break;
            }

            case VcovKind.Hc0 or VcovKind.Hc1 or VcovKind.Hc2 or VcovKind.Hc3:
            {
                var scale = new double[n];
                for (var i = 0; i < n; i++) scale[i] = (w?[i] ?? 1.0) * fit.Residuals[i];
                if (vcov.Kind is VcovKind.Hc2 or VcovKind.Hc3)
                {
                    var power = vcov.Kind == VcovKind.Hc2 ? 0.5 : 1.0;
                    var x = new double[k];
                    for (var i = 0; i < n; i++)
                    {
                        for (var j = 0; j < k; j++) x[j] = fit.Scores[j][i];
                        double h = 0;
                        for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++) h += x[a] * bread[a, b] * x[b];
                        h *= w?[i] ?? 1.0;
                        scale[i] /= Math.Pow(1 - h, power);
                    }
                }

                var meat = Matrix<double>.Build.Dense(k, k);
                var s = new double[k];
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < k; j++) s[j] = fit.Scores[j][i] * scale[i];
                    AddOuter(meat, s);
                }

                v = bread * meat * bread;
                if (vcov.Kind == VcovKind.Hc1) v *= (double)n / (n - parameters);
                description = vcov.Kind == VcovKind.Hc1 ? "Heteroskedasticity-robust (HC1)" : $"Heteroskedasticity-robust ({vcov.Kind.ToString().ToUpperInvariant()})";
                break;
            }

            default:
            {
                var clusters = frame.Clusters.Select(c => c.Codes).ToList();
                for (var c = 0; c < clusters.Count; c++)
                    if (clusters[c].Levels < 2)
                        throw new ArgumentException($"Cluster variable '{frame.Clusters[c].Name}' has {clusters[c].Levels} value(s) in the estimation sample; clustering needs at least 2 (and, to be reliable, many more).", nameof(vcov));
                var meat = ClusterMeat(fit, clusters[0]);
                var smallestG = clusters[0].Levels;
                if (clusters.Count == 2)
                {
                    var intersection = FactorCodes.Combine(clusters[0], clusters[1]);
                    meat = meat + ClusterMeat(fit, clusters[1]) - ClusterMeat(fit, intersection);
                    smallestG = Math.Min(smallestG, clusters[1].Levels);
                }

                // fixef.K = "nested": a fixed effect whose levels each sit inside one cluster is not counted in K.
                var kNested = parameters;
                for (var q = 0; q < frame.FixedEffects.Count; q++)
                {
                    var codes = frame.FixedEffects[q].Codes;
                    nestedInCluster[q] = clusters.Any(c => IsNested(codes, c));
                }

                if (frame.FixedEffects.Count > 0 && nestedInCluster.All(x => x))
                    kNested = k + 1; // all fixed effects removed; one parameter stays for the intercept (fixest)
                else
                    for (var q = 0; q < frame.FixedEffects.Count; q++)
                        if (nestedInCluster[q]) kNested -= frame.FixedEffects[q].Codes.Levels - 1;

                var g = (double)smallestG;
                v = bread * meat * bread * (g / (g - 1) * (n - 1.0) / (n - kNested));
                tDf = smallestG - 1;
                description = $"Clustered ({string.Join(" & ", vcov.ClusterVariables)})";
                break;
            }
        }

        return v.ToArray();
    }

    private static Matrix<double> ClusterMeat(Regression.Estimation fit, FactorCodes cluster)
    {
        var k = fit.Beta.Length;
        var n = fit.Residuals.Length;
        var sums = new double[cluster.Levels, k];
        var w = fit.Weights;
        for (var i = 0; i < n; i++)
        {
            var u = (w?[i] ?? 1.0) * fit.Residuals[i];
            var g = cluster.Codes[i];
            for (var j = 0; j < k; j++) sums[g, j] += fit.Scores[j][i] * u;
        }

        var meat = Matrix<double>.Build.Dense(k, k);
        var s = new double[k];
        for (var g = 0; g < cluster.Levels; g++)
        {
            for (var j = 0; j < k; j++) s[j] = sums[g, j];
            AddOuter(meat, s);
        }

        return meat;
    }

    private static void AddOuter(Matrix<double> m, double[] s)
    {
        for (var a = 0; a < s.Length; a++)
        for (var b = 0; b < s.Length; b++) m[a, b] += s[a] * s[b];
    }

    private static bool IsNested(FactorCodes fixedEffect, FactorCodes cluster)
    {
        var owner = new int[fixedEffect.Levels];
        Array.Fill(owner, -1);
        for (var i = 0; i < fixedEffect.Codes.Length; i++)
        {
            ref var o = ref owner[fixedEffect.Codes[i]];
            if (o < 0) o = cluster.Codes[i];
            else if (o != cluster.Codes[i]) return false;
        }

        return true;
    }
}
