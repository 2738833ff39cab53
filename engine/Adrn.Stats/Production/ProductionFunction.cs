using System.Globalization;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using MathNet.Numerics.Distributions;

namespace Adrn.Stats.Production;

/// <summary>
/// Production functions and total factor productivity from a firm-year panel: OLS with firm and year
/// effects, Olley–Pakes, Levinsohn–Petrin and Ackerberg–Caves–Frazer (control function + GMM), in
/// Cobb–Douglas or (OLS, ACF) translog form, with firm-block bootstrap standard errors for the
/// control-function methods. See docs/stats.md for the estimating equations.
/// </summary>
/// <example>
/// <code>
/// var survey = RegressionData.ReadArrowFile("business_survey.arrow");
/// var acf = ProductionFunction.Fit(survey, new ProductionFunctionOptions { Method = ProductionFunctionMethod.Acf, BootstrapReplications = 200 });
/// Console.WriteLine(acf);                        // elasticities, SEs, returns to scale, output check
/// acf.Tfp.Write("tfp.csv");                      // employer_id, year, log_tfp, omega
/// </code>
/// </example>
public static class ProductionFunction
{
    /// <summary>Estimates the production function.</summary>
    /// <param name="data">One row per firm and year.</param>
    /// <param name="options">Columns, variables, method; null for the defaults (ACF on the business survey's columns, no bootstrap).</param>
    /// <exception cref="ArgumentException">Invalid options (all problems listed), a bad expression, a non-integer year or a duplicated firm-year.</exception>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    /// <exception cref="InvalidOperationException">No usable rows, a singular first stage, or a second stage that does not converge.</exception>
    public static ProductionFunctionResult Fit(IRegressionData data, ProductionFunctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ProductionFunctionOptions();
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid production function options: " + string.Join(" ", problems), nameof(options));
        var panel = ProductionPanel.Build(data, options);
        return options.Method == ProductionFunctionMethod.Ols ? FitOls(panel, options) : FitControlFunction(panel, options);
    }

    private static ProductionFunctionResult FitOls(ProductionPanel panel, ProductionFunctionOptions options)
    {
        var terms = new InputTerms(panel.InputNames, options.Form);
        var columns = terms.Columns(panel.Inputs);
        var table = new Dictionary<string, Array> { ["y"] = panel.Y, ["firm"] = panel.Firm, ["year"] = panel.Year };
        for (var t = 0; t < terms.Count; t++) table[$"t{t}"] = columns[t];
        var formula = "y ~ " + string.Join(" + ", Enumerable.Range(0, terms.Count).Select(t => $"t{t}")) + (options.YearEffects ? " | firm + year" : " | firm");
        var fit = Regression.Fit(RegressionData.FromArrays(table), formula, new RegressionOptions
        {
            Vcov = VcovSpec.Cluster("firm"), ConfidenceLevel = options.ConfidenceLevel, DisclosureRules = options.DisclosureRules,
            OutputId = options.OutputId ?? OutputId(options),
        });
        if (fit.DroppedCollinear.Count > 0)
            throw new InvalidOperationException($"OLS dropped {string.Join(", ", fit.DroppedCollinear)} as collinear with the firm and year effects; an input does not vary within firms.");
        var beta = Enumerable.Range(0, terms.Count).Select(t => fit[$"t{t}"].Estimate).ToArray();
        var coefficients = Enumerable.Range(0, terms.Count).Select(t => fit[$"t{t}"] with { Term = terms.Names[t] }).ToList();
        var critical = StudentT.InvCDF(0, 1, Math.Max(fit.TDistributionDf, 1), 1 - ((1 - options.ConfidenceLevel) / 2));
        CoefficientEstimate Delta(string name, double[] gradient)
        {
            double estimate = 0, variance = 0;
            for (var a = 0; a < gradient.Length; a++)
            {
                estimate += gradient[a] * beta[a];
                for (var b = 0; b < gradient.Length; b++) variance += gradient[a] * fit.Covariance[a, b] * gradient[b];
            }

            return Estimate(name, estimate, Math.Sqrt(variance), critical, fit.TDistributionDf);
        }

        var gradients = Enumerable.Range(0, panel.Inputs.Length).Select(j => terms.MeanElasticityGradient(j, panel.Inputs)).ToList();
        var elasticities = options.Form == ProductionFunctionForm.CobbDouglas
            ? coefficients.Take(panel.Inputs.Length).ToList()
            : gradients.Select((g, j) => Delta(panel.InputNames[j], g)).ToList();
        var scale = Delta("returns to scale", Enumerable.Range(0, terms.Count).Select(t => gradients.Sum(g => g[t])).ToArray());
        var tfp = Tfp(panel, options, terms, columns, beta, phi: null);
        var check = OutputChecker.CheckFirmModel(fit.Check.Id, "production-function", fit.ResidualDf, panel.Firms, options.DisclosureRules);
        return new ProductionFunctionResult
        {
            Method = options.Method, Form = options.Form, Options = options,
            Coefficients = coefficients, Elasticities = elasticities, ReturnsToScale = scale,
            StandardErrorMethod = "clustered by firm",
            Observations = fit.N, SecondStageObservations = fit.N, RemovedMissing = panel.RemovedMissing + fit.RemovedSingletons,
            Firms = fit.FixedEffects[0].Levels, Years = panel.Years,
            BootstrapReplications = 0, BootstrapFailures = 0, ResidualDf = fit.ResidualDf,
            Tfp = tfp, Check = check,
        };
    }

    private static ProductionFunctionResult FitControlFunction(ProductionPanel panel, ProductionFunctionOptions options)
    {
        var acf = options.Method == ProductionFunctionMethod.Acf;
        var parameterInputs = acf ? panel.InputNames : panel.InputNames.Skip(panel.FreeCount).ToArray();
        var terms = new InputTerms(parameterInputs, options.Form);
        var first = new ControlFunctionFirstStage(panel, options.Method, options.PolynomialDegree, options.YearEffects);
        var second = new ControlFunctionSecondStage(panel, options, terms);
        if (second.Observations < terms.Count + second.LawOfMotionParameters + 1)
            throw new InvalidOperationException($"Only {second.Observations} firm-years have the previous year of the same firm; the second stage needs more (consecutive years per firm).");

        var (phi, free) = first.Fit();
        var start = PooledOlsStart(panel, options, terms, acf);
        var problem = second.Prepare(phi, free, null);
        var (beta, solutions) = SolveFromSeveralStarts(problem, start, options)
            ?? throw new InvalidOperationException($"The {ProductionFunctionResult.MethodName(options.Method)} second stage could not be solved from any starting value (the law of motion could not be fitted).");

        // The full coefficient vector: Olley–Pakes and Levinsohn–Petrin report the free inputs' first-stage coefficients first.
        double[] Full(double[] freeCoefficients, double[] stateCoefficients) => acf ? stateCoefficients : [.. freeCoefficients, .. stateCoefficients];
        var names = acf ? terms.Names : [.. panel.InputNames.Take(panel.FreeCount), .. terms.Names];
        var allTerms = new InputTerms(panel.InputNames, options.Form);
        double[] Summaries(double[] coefficients) // mean elasticities, then returns to scale
        {
            var elasticities = new double[panel.Inputs.Length];
            for (var j = 0; j < elasticities.Length; j++)
            {
                double s = 0;
                for (var i = 0; i < panel.Rows; i++) s += allTerms.Elasticity(j, coefficients, k => panel.Inputs[k][i]);
                elasticities[j] = s / panel.Rows;
            }

            return [.. elasticities, elasticities.Sum()];
        }

        var estimate = Full(free, beta);
        var summary = Summaries(estimate);

        // Bootstrap: firm blocks; each replicate refits both stages, starting the GMM at the point estimate.
        var replications = options.BootstrapReplications;
        var draws = new double[replications][];
        Parallel.For(0, replications, b =>
        {
            var counts = FirmBootstrap.Counts(panel.Firms, options.Seed, b);
            if (first.Fit(counts) is not { } stage) return;
            var replicateProblem = second.Prepare(stage.Phi, stage.Free, counts);
            if (ControlFunctionSecondStage.Solve(replicateProblem, beta, options.MaxIterations)?.Beta is not { } replicate) return;
            var full = Full(stage.Free, replicate);
            draws[b] = [.. full, .. Summaries(full)];
        });
        var succeeded = draws.Where(d => d is not null).ToList();
        var se = new double[estimate.Length + summary.Length];
        for (var j = 0; j < se.Length; j++)
        {
            if (succeeded.Count < 2) { se[j] = double.NaN; continue; }
            var mean = succeeded.Average(d => d[j]);
            se[j] = Math.Sqrt(succeeded.Sum(d => (d[j] - mean) * (d[j] - mean)) / (succeeded.Count - 1));
        }

        var critical = Normal.InvCDF(0, 1, 1 - ((1 - options.ConfidenceLevel) / 2));
        var coefficients = names.Select((name, j) => Estimate(name, estimate[j], se[j], critical, null)).ToList();
        var elasticityEstimates = options.Form == ProductionFunctionForm.CobbDouglas
            ? coefficients
            : panel.InputNames.Select((name, j) => Estimate(name, summary[j], se[estimate.Length + j], critical, null)).ToList();
        var scale = Estimate("returns to scale", summary[^1], se[^1], critical, null);

        var columns = allTerms.Columns(panel.Inputs);
        var tfp = Tfp(panel, options, allTerms, columns, estimate, phi);
        var residualDf = Math.Min(panel.Rows - first.Parameters, second.Observations - terms.Count - second.LawOfMotionParameters);
        var check = OutputChecker.CheckFirmModel(options.OutputId ?? OutputId(options), "production-function", residualDf, panel.Firms, options.DisclosureRules);
        return new ProductionFunctionResult
        {
            Method = options.Method, Form = options.Form, Options = options,
            Coefficients = coefficients, Elasticities = elasticityEstimates, ReturnsToScale = scale,
            StandardErrorMethod = replications == 0
                ? "none (set a bootstrap)"
                : string.Create(CultureInfo.InvariantCulture, $"bootstrap: {succeeded.Count} firm-block replicates of {replications}, seed {options.Seed}"),
            Observations = panel.Rows, SecondStageObservations = second.Observations, RemovedMissing = panel.RemovedMissing,
            Firms = panel.Firms, Years = panel.Years,
            BootstrapReplications = succeeded.Count, BootstrapFailures = replications - succeeded.Count, ResidualDf = residualDf,
            Tfp = tfp, Check = check, SecondStageSolutions = solutions,
        };
    }

    /// <summary>
    /// The GMM criterion can have several minima (ACF's moment conditions can have more than one root, and
    /// Olley–Pakes/Levinsohn–Petrin's a local minimum away from the root), so with one or two parameters the
    /// second stage is solved from every point of a grid (9 points over [−0.5, 1.5], or 4 × 4 over
    /// [−0.2, 1.3]²) as well as from the pooled OLS coefficients, and the solution with the smallest criterion
    /// wins. Returns it and the number of distinct solutions that fit the moments as well (more than one: the
    /// moments do not single out the coefficients on this sample).
    /// </summary>
    private static (double[] Beta, int Solutions)? SolveFromSeveralStarts(ControlFunctionSecondStage.Problem problem, double[] start, ProductionFunctionOptions options)
    {
        var p = start.Length;
        var starts = new List<double[]> { start };
        if (p == 1) starts.AddRange(Enumerable.Range(0, 9).Select(i => new[] { -0.5 + (0.25 * i) }));
        if (p == 2)
        {
            var grid = Enumerable.Range(0, 4).Select(i => -0.2 + (0.5 * i)).ToArray();
            starts.AddRange(grid.SelectMany(x => grid.Select(y => new[] { x, y })));
        }

        // A start in a good basin converges in a handful of Gauss–Newton steps; one crawling along a valley is
        // cut short at 25 and only the best solution is then polished to full precision.
        var cap = Math.Min(options.MaxIterations, 25);
        var solutions = starts.Select(s => ControlFunctionSecondStage.Solve(problem, s, cap))
            .Where(r => r is not null).Select(r => r!.Value).Where(r => r.Beta.All(double.IsFinite)).ToList();
        if (solutions.Count == 0) return null;
        var best = solutions.MinBy(r => r.Criterion);
        if (ControlFunctionSecondStage.Solve(problem, best.Beta, options.MaxIterations) is { } polished && polished.Criterion <= best.Criterion)
        {
            solutions.Add(polished);
            best = polished;
        }
        var tolerance = Math.Max(1e-14, best.Criterion * 10);
        var distinct = new List<double[]>();
        foreach (var (b, _) in solutions.Where(r => r.Criterion <= tolerance))
            if (!distinct.Any(d => d.Zip(b, (x, y) => Math.Abs(x - y)).Max() < 1e-4)) distinct.Add(b);
        return (best.Beta, distinct.Count);
    }

    // Pooled OLS of log output on the terms (and year dummies): the starting values of the GMM, as in prodest.
    private static double[] PooledOlsStart(ProductionPanel panel, ProductionFunctionOptions options, InputTerms terms, bool acf)
    {
        var all = new InputTerms(panel.InputNames, options.Form);
        var columns = new List<double[]>(all.Columns(panel.Inputs));
        var ones = new double[panel.Rows];
        Array.Fill(ones, 1.0);
        columns.Add(ones);
        if (options.YearEffects)
            for (var t = 1; t < panel.Years; t++)
                columns.Add(panel.YearIndex.Select(y => y == t ? 1.0 : 0.0).ToArray());
        var (beta, _) = LeastSquares.Solve(columns, panel.Y, null);
        if (acf) return beta.Take(terms.Count).ToArray();
        // Olley–Pakes/Levinsohn–Petrin: the state inputs' coefficients (Cobb–Douglas: they follow the free inputs).
        return beta.Skip(panel.FreeCount).Take(terms.Count).ToArray();
    }

    private static FirmYearTfp Tfp(ProductionPanel panel, ProductionFunctionOptions options, InputTerms terms, double[][] columns, double[] beta, double[]? phi)
    {
        var logTfp = new double[panel.Rows];
        var omega = new double[panel.Rows];
        for (var i = 0; i < panel.Rows; i++)
        {
            double fitted = 0;
            for (var t = 0; t < terms.Count; t++) fitted += beta[t] * columns[t][i];
            logTfp[i] = panel.Y[i] - fitted;
            omega[i] = phi is null ? double.NaN : phi[i] - fitted;
        }

        return new FirmYearTfp(options.FirmColumn, options.YearColumn, panel.Firm.Select(f => panel.FirmLabels[f]).ToArray(), panel.Year, logTfp, omega);
    }

    private static CoefficientEstimate Estimate(string term, double estimate, double se, double critical, int? tDf)
    {
        var t = estimate / se;
        var p = !double.IsFinite(t) ? double.NaN
            : tDf is { } df ? 2 * (1 - StudentT.CDF(0, 1, Math.Max(df, 1), Math.Abs(t)))
            : 2 * (1 - Normal.CDF(0, 1, Math.Abs(t)));
        return new CoefficientEstimate(term, estimate, se, t, p, estimate - (critical * se), estimate + (critical * se));
    }

    private static string OutputId(ProductionFunctionOptions options) =>
        $"production-function:{options.Method.ToString().ToLowerInvariant()}:{options.Output}";
}
