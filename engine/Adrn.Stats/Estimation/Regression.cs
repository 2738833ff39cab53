using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Formulas;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Estimation;

/// <summary>
/// Fits linear models written as fixest formulas: OLS or IV/2SLS, with absorbed fixed effects,
/// weights, and iid / heteroskedasticity-robust / one- and two-way cluster-robust standard errors
/// with fixest's small-sample corrections.
/// </summary>
/// <example>
/// <code>
/// var data = RegressionData.ReadArrowFile("panel.arrow");
/// var fit = Regression.Fit(data, "log_gva_pw ~ management + exporter | sic2^year + itl1",
///     new RegressionOptions { Vcov = VcovSpec.Cluster("firm") });
/// Console.WriteLine(fit);
/// </code>
/// </example>
public static class Regression
{
    /// <summary>Fits a model.</summary>
    /// <param name="data">The table.</param>
    /// <param name="formula">A fixest formula, see <see cref="Formula"/>.</param>
    /// <param name="options">Standard errors, weights and numerical settings; null for the defaults.</param>
    /// <exception cref="FormulaParseException">The formula is malformed.</exception>
    /// <exception cref="KeyNotFoundException">A column named in the formula does not exist.</exception>
    public static RegressionResult Fit(IRegressionData data, string formula, RegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return Fit(data, Formula.Parse(formula), options);
    }

    /// <summary>Fits a model from a parsed formula.</summary>
    /// <param name="data">The table.</param>
    /// <param name="formula">The parsed formula.</param>
    /// <param name="options">Standard errors, weights and numerical settings; null for the defaults.</param>
    public static RegressionResult Fit(IRegressionData data, Formula formula, RegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(formula);
        options ??= new RegressionOptions();
        var vcov = options.Vcov.Kind != VcovKind.Default ? options.Vcov
            : formula.FixedEffects.Count > 0 ? VcovSpec.Cluster(formula.FixedEffects[0].Name) : VcovSpec.Iid;
        if (vcov.Kind is VcovKind.Hc2 or VcovKind.Hc3 && formula.FixedEffects.Count > 0)
            throw new ArgumentException($"{vcov} needs the leverage of every observation, which absorbed fixed effects hide; use hc1 or cluster with fixed effects.", nameof(options));

        var frame = ModelFrame.Build(data, formula, options.Weights, vcov.ClusterVariables, options.RemoveSingletons);
        var fit = Estimate(frame, formula, options);
        return Summarise(frame, formula, options, vcov, fit);
    }

    internal sealed record Estimation(
        string[] Names, double[] Beta, Matrix<double> Bread, double[][] Scores, double[] Residuals,
        double[] DemeanedY, List<string> Dropped, int Iterations, double[]? Weights);

    internal static Estimation Estimate(ModelFrame frame, Formula formula, RegressionOptions options)
    {
        var w = frame.Weights;
        var all = new List<double[]> { frame.Y };
        all.AddRange(frame.Exogenous.Select(c => c.Values));
        all.AddRange(frame.Endogenous.Select(c => c.Values));
        all.AddRange(frame.Instruments.Select(c => c.Values));
        var originalNorms = all.Select(c => CollinearityFilter.SquaredNorm(c, w)).ToArray();

        var iterations = 0;
        double[][] demeaned;
        if (frame.FixedEffects.Count > 0)
        {
            var solver = new FixedEffectSolver(
                frame.FixedEffects.Select(f => f.Codes.Codes).ToList(),
                frame.FixedEffects.Select(f => f.Codes.Levels).ToList(), w);
            demeaned = new double[all.Count][];
            var iterationCounts = new int[all.Count];
            // Variables are independent: project them in parallel, each with its own buffers.
            Parallel.For(0, all.Count, v =>
            {
                demeaned[v] = new double[frame.N];
                iterationCounts[v] = solver.Demean(all[v], demeaned[v], options.FixedEffectTolerance, options.FixedEffectMaxIterations);
            });
            iterations = iterationCounts.Max();
        }
        else
        {
            demeaned = [.. all];
        }

        var kx = frame.Exogenous.Count;
        var ke = frame.Endogenous.Count;
        var y = demeaned[0];
        var exogenous = demeaned.Skip(1).Take(kx).ToList();
        var endogenous = demeaned.Skip(1 + kx).Take(ke).ToList();
        var instruments = demeaned.Skip(1 + kx + ke).ToList();
        var dropped = new List<string>();

        if (ke == 0)
        {
            var keep = CollinearityFilter.Keep(exogenous, originalNorms.Skip(1).Take(kx).ToList(), w, options.CollinearityTolerance);
            dropped.AddRange(Enumerable.Range(0, kx).Except(keep).Select(j => frame.Exogenous[j].Name));
            var x = keep.Select(j => exogenous[j]).ToList();
            var names = keep.Select(j => frame.Exogenous[j].Name).ToArray();
            var (beta, bread) = LeastSquares.Solve(x, y, w);
            var residuals = Residuals(y, x, beta);
            return new Estimation(names, beta, bread, [.. x], residuals, y, dropped, iterations, w);
        }

        // IV / 2SLS: instruments Z = [exogenous, excluded instruments]; regressors X = [exogenous, endogenous].
        var z = exogenous.Concat(instruments).ToList();
        var zNames = frame.Exogenous.Select(c => c.Name).Concat(frame.Instruments.Select(c => c.Name)).ToList();
        var zNorms = originalNorms.Skip(1).Take(kx).Concat(originalNorms.Skip(1 + kx + ke)).ToList();
        var zKeep = CollinearityFilter.Keep(z, zNorms, w, options.CollinearityTolerance);
        dropped.AddRange(Enumerable.Range(0, z.Count).Except(zKeep).Select(j => zNames[j]));
        var zKept = zKeep.Select(j => z[j]).ToList();
        var exogenousKept = zKeep.Where(j => j < kx).ToList();
        var excluded = zKeep.Count(j => j >= kx);
        if (excluded < ke)
            throw new ArgumentException($"The IV model has {ke} endogenous regressor(s) but only {excluded} usable excluded instrument(s); it is under-identified.", nameof(formula));

        var fitted = new List<double[]>();
        foreach (var endo in endogenous)
        {
            var (gamma, _) = LeastSquares.Solve(zKept, endo, w);
            var hat = new double[frame.N];
            for (var j = 0; j < zKept.Count; j++)
            {
                var c = zKept[j];
                var g = gamma[j];
                for (var i = 0; i < hat.Length; i++) hat[i] += g * c[i];
            }

            fitted.Add(hat);
        }

        var structural = exogenousKept.Select(j => exogenous[j]).Concat(endogenous).ToList();
        var projected = exogenousKept.Select(j => exogenous[j]).Concat(fitted).ToList();
        var names2 = exogenousKept.Select(j => frame.Exogenous[j].Name).Concat(frame.Endogenous.Select(c => c.Name)).ToArray();
        var projectedNorms = projected.Select(c => CollinearityFilter.SquaredNorm(c, w)).ToList();
        var keep2 = CollinearityFilter.Keep(projected, projectedNorms, w, options.CollinearityTolerance);
        if (keep2.Count < projected.Count)
            throw new ArgumentException($"In the IV model, {string.Join(", ", Enumerable.Range(0, projected.Count).Except(keep2).Select(j => names2[j]))} is collinear after the first stage; check the instruments.", nameof(formula));
        var (beta2, bread2) = LeastSquares.Solve(projected, y, w);
        var residuals2 = Residuals(y, structural, beta2);
        return new Estimation(names2, beta2, bread2, [.. projected], residuals2, y, dropped, iterations, w);
    }

    private static double[] Residuals(double[] y, IReadOnlyList<double[]> x, double[] beta)
    {
        var e = (double[])y.Clone();
        for (var j = 0; j < x.Count; j++)
        {
            var c = x[j];
            var b = beta[j];
            for (var i = 0; i < e.Length; i++) e[i] -= b * c[i];
        }

        return e;
    }

    private static RegressionResult Summarise(ModelFrame frame, Formula formula, RegressionOptions options, VcovSpec vcov, Estimation fit)
    {
        var n = frame.N;
        var k = fit.Beta.Length;
        var w = fit.Weights;
        var fixedEffectParameters = frame.FixedEffects.Count == 0 ? 0
            : frame.FixedEffects.Sum(f => f.Codes.Levels) - (frame.FixedEffects.Count - 1);
        var parameters = k + fixedEffectParameters;
        var residualDf = n - parameters;

        double ssr = 0;
        for (var i = 0; i < n; i++) ssr += (w?[i] ?? 1.0) * fit.Residuals[i] * fit.Residuals[i];

        var covariance = CovarianceEstimator.Compute(frame, fit, vcov, parameters, out var tDf, out var nested, out var description);
        var level = options.ConfidenceLevel;
        var dfForT = Math.Max(tDf, 1);
        var critical = StudentT.InvCDF(0, 1, dfForT, 1 - ((1 - level) / 2));
        var coefficients = new List<CoefficientEstimate>(k);
        for (var j = 0; j < k; j++)
        {
            var se = Math.Sqrt(covariance[j, j]);
            var t = fit.Beta[j] / se;
            var p = 2 * (1 - StudentT.CDF(0, 1, dfForT, Math.Abs(t)));
            coefficients.Add(new CoefficientEstimate(fit.Names[j], fit.Beta[j], se, t, p, fit.Beta[j] - (critical * se), fit.Beta[j] + (critical * se)));
        }

        // Total sum of squares around the weighted mean (the intercept or fixed effects absorb it).
        var centred = formula.HasIntercept || frame.FixedEffects.Count > 0;
        double sw = 0, swy = 0;
        for (var i = 0; i < n; i++) { var wi = w?[i] ?? 1.0; sw += wi; swy += wi * frame.Y[i]; }
        var mean = centred ? swy / sw : 0;
        double tss = 0, withinTss = 0;
        for (var i = 0; i < n; i++)
        {
            var wi = w?[i] ?? 1.0;
            tss += wi * (frame.Y[i] - mean) * (frame.Y[i] - mean);
            withinTss += wi * fit.DemeanedY[i] * fit.DemeanedY[i];
        }

        var r2 = 1 - (ssr / tss);
        var hasFixedEffects = frame.FixedEffects.Count > 0;
        var withinR2 = hasFixedEffects ? 1 - (ssr / withinTss) : double.NaN;
        var slopes = k - (fit.Names.Contains("(Intercept)") ? 1 : 0);
        var explained = (hasFixedEffects ? withinTss : tss) - ssr;
        var fStat = slopes > 0 && !formula.IsInstrumental && residualDf > 0 ? explained / slopes / (ssr / residualDf) : double.NaN;
        var fP = double.IsNaN(fStat) ? double.NaN : 1 - FisherSnedecor.CDF(slopes, residualDf, fStat);

        var id = options.OutputId ?? $"regression:{formula.Text}";
        return new RegressionResult
        {
            Formula = formula,
            Coefficients = coefficients,
            Covariance = covariance,
            Vcov = vcov,
            VcovDescription = description,
            N = n,
            RemovedMissing = frame.RemovedMissing,
            RemovedSingletons = frame.RemovedSingletons,
            ParameterCount = parameters,
            ResidualDf = residualDf,
            TDistributionDf = tDf,
            ClusterCounts = [.. frame.Clusters.Select(c => c.Codes.Levels)],
            R2 = r2,
            AdjustedR2 = 1 - ((1 - r2) * (n - 1) / residualDf),
            WithinR2 = withinR2,
            FStat = fStat,
            FPValue = fP,
            Rmse = Math.Sqrt(ssr / (w is null ? n : sw)),
            SumSquaredResiduals = ssr,
            DroppedCollinear = fit.Dropped,
            FixedEffects = frame.FixedEffects.Select((f, q) => new FixedEffectSummary(f.Name, f.Codes.Levels, nested[q])).ToList(),
            FixedEffectIterations = fit.Iterations,
            Weights = options.Weights,
            Check = OutputChecker.CheckRegression(id, residualDf, options.DisclosureRules),
        };
    }
}
