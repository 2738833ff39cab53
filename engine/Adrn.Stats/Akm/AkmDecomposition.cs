using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using Adrn.Stats.Formulas;

namespace Adrn.Stats.Akm;

/// <summary>
/// The AKM wage model: log wage = worker effect + firm effect (+ controls) + error, estimated on
/// the largest connected set of the worker–firm mobility graph, with the variance decomposition of
/// log wages in plug-in and homoskedasticity bias-corrected form.
/// </summary>
/// <example>
/// <code>
/// var akm = AkmDecomposition.Fit(panel, new AkmOptions { LogWage = "log(annual_pay)", Controls = "i(year)" });
/// Console.WriteLine($"firm share {akm.BiasCorrected!.FirmShare:P1}, sorting {akm.BiasCorrected.SortingShare:P1}");
/// </code>
/// </example>
public static class AkmDecomposition
{
    /// <summary>Fits the model.</summary>
    /// <param name="data">Person-year observations.</param>
    /// <param name="options">Column names, controls and bias-correction settings; null for the defaults.</param>
    /// <exception cref="KeyNotFoundException">A named column does not exist.</exception>
    public static AkmResult Fit(IRegressionData data, AkmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new AkmOptions();
        var formula = Formula.Parse($"{options.LogWage} ~ {options.Controls ?? "0"} | `{options.WorkerColumn}` + `{options.FirmColumn}`");

        // 1. Complete rows and the largest connected set (union–find over firms joined by shared workers).
        var workers = FactorCodes.Read(data.GetColumn(options.WorkerColumn));
        var firms = FactorCodes.Read(data.GetColumn(options.FirmColumn));
        var wage = ModelFrame.EvaluateNumeric(data, formula.Response);
        var complete = Enumerable.Range(0, data.RowCount)
            .Where(i => workers.Codes[i] >= 0 && firms.Codes[i] >= 0 && double.IsFinite(wage[i])).ToArray();
        if (complete.Length == 0) throw new InvalidOperationException("No complete worker/firm/wage observations.");
        var (rows, components) = LargestConnectedSet(complete, workers, firms);
        int articulation = 0, singles = 0;
        if (options.Correction == AkmCorrection.LeaveOut)
        {
            (rows, articulation, singles) = LeaveOutConnectedSet.Restrict(rows, workers.Codes, firms.Codes, workers.Levels, firms.Levels,
                r => LargestConnectedSet(r, workers, firms).Rows);
            if (rows.Length == 0) throw new InvalidOperationException("The leave-one-out connected set is empty: no firm stays connected when any one mover is removed.");
        }

        // 2. The two-way fixed-effect regression on that set (controls' slopes by FWL).
        var subset = new RowSubsetData(data, rows);
        var frame = ModelFrame.Build(subset, formula, null, [], removeSingletons: true);
        var regressionOptions = new RegressionOptions { FixedEffectTolerance = options.Tolerance, FixedEffectMaxIterations = options.MaxIterations };
        var fit = Regression.Estimate(frame, formula, regressionOptions);
        var n = frame.N;
        var controlColumns = fit.Names.Select(name => frame.Exogenous.First(c => c.Name == name).Values).ToList();
        var controlFit = new double[n];
        for (var j = 0; j < controlColumns.Count; j++)
            for (var i = 0; i < n; i++) controlFit[i] += fit.Beta[j] * controlColumns[j][i];

        var workerCodes = frame.FixedEffects[0].Codes;
        var firmCodes = frame.FixedEffects[1].Codes;
        var solver = new FixedEffectSolver([workerCodes.Codes, firmCodes.Codes], [workerCodes.Levels, firmCodes.Levels]);
        var target = new double[n];
        for (var i = 0; i < n; i++) target[i] = frame.Y[i] - controlFit[i];
        var effects = solver.SolveCoefficients(target, options.Tolerance, options.MaxIterations, out var iterations);
        var alpha = effects[0];
        var psi = effects[1];
        // Normalise: firm effects average zero over observations (the constant goes to the workers).
        double shift = 0;
        for (var i = 0; i < n; i++) shift += psi[firmCodes.Codes[i]];
        shift /= n;
        for (var f = 0; f < psi.Length; f++) psi[f] -= shift;
        for (var w = 0; w < alpha.Length; w++) alpha[w] += shift;

        var a = new double[n];
        var p = new double[n];
        var e = new double[n];
        double ssr = 0;
        for (var i = 0; i < n; i++)
        {
            a[i] = alpha[workerCodes.Codes[i]];
            p[i] = psi[firmCodes.Codes[i]];
            e[i] = frame.Y[i] - a[i] - p[i] - controlFit[i];
            ssr += e[i] * e[i];
        }

        var parameters = fit.Beta.Length + workerCodes.Levels + firmCodes.Levels - 1;
        var sigma2 = ssr / (n - parameters);
        var plugIn = Decompose(frame.Y, a, p, controlFit, e);

        VarianceDecomposition? corrected = null;
        if (options.BiasCorrectionDraws > 0 && options.Correction != AkmCorrection.None)
        {
            var (traceWorker, traceFirm, traceCov) = EstimateTraces(solver, controlColumns, workerCodes, firmCodes, options);
            corrected = plugIn with
            {
                VarWorker = plugIn.VarWorker - (sigma2 * traceWorker),
                VarFirm = plugIn.VarFirm - (sigma2 * traceFirm),
                CovWorkerFirm = plugIn.CovWorkerFirm - (sigma2 * traceCov),
                VarResidual = sigma2,
            };
        }

        LeaveOutDecomposition? leaveOut = null;
        if (options.Correction == AkmCorrection.LeaveOut)
        {
            var design = TwoWayDesign.Build(workerCodes.Codes, firmCodes.Codes, target, workerCodes.Levels, firmCodes.Levels, options.LeaveOut);
            leaveOut = LeaveOutEstimator.Estimate(design, plugIn, options, articulation, singles);
        }

        var movers = CountMovers(workerCodes, firmCodes);
        var residualDf = n - parameters;
        return new AkmResult
        {
            Correction = options.Correction,
            LeaveOut = leaveOut,
            ResidualDf = residualDf,
            Check = Disclosure.OutputChecker.CheckFirmModel(options.OutputId ?? $"akm:{options.LogWage}", "akm", residualDf, firmCodes.Levels, options.DisclosureRules),
            ObservationsInput = complete.Length,
            Observations = n,
            Workers = workerCodes.Levels,
            Firms = firmCodes.Levels,
            Movers = movers,
            ConnectedComponents = components,
            ResidualVariance = sigma2,
            PlugIn = plugIn,
            BiasCorrected = corrected,
            Controls = fit.Names.Select((name, j) => (name, j)).ToDictionary(t => t.name, t => fit.Beta[t.j]),
            WorkerEffects = workerCodes.Labels.Select((label, w) => (label, w)).ToDictionary(t => t.label, t => alpha[t.w]),
            FirmEffects = firmCodes.Labels.Select((label, f) => (label, f)).ToDictionary(t => t.label, t => psi[t.f]),
            Iterations = iterations,
        };
    }

    private static VarianceDecomposition Decompose(double[] y, double[] a, double[] p, double[] xb, double[] e)
    {
        var ap = new double[a.Length];
        for (var i = 0; i < a.Length; i++) ap[i] = a[i] + p[i];
        return new VarianceDecomposition(
            Covariance(y, y), Covariance(a, a), Covariance(p, p), Covariance(a, p),
            Covariance(xb, xb) + (2 * Covariance(ap, xb)), Covariance(e, e));
    }

    // Population (1/n) covariance over observations.
    private static double Covariance(double[] x, double[] y)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length;
        my /= y.Length;
        double s = 0;
        for (var i = 0; i < x.Length; i++) s += (x[i] - mx) * (y[i] - my);
        return s / x.Length;
    }

    // E[b_r' A b_r] = tr(A (Z'Z)^-1) for b_r the coefficients of a Rademacher vector r regressed on Z = [workers, firms, controls]:
    // Z S^- A S^- Z' has that trace and E[r r'] = I. Each probe is one fixed-effect solve; probes run in parallel.
    private static (double Worker, double Firm, double Cov) EstimateTraces(FixedEffectSolver solver, List<double[]> controls,
        FactorCodes workers, FactorCodes firms, AkmOptions options)
    {
        var n = workers.Codes.Length;
        var demeanedControls = controls.Select(c =>
        {
            var d = new double[n];
            solver.Demean(c, d, options.Tolerance, options.MaxIterations);
            return d;
        }).ToList();
        var draws = options.BiasCorrectionDraws;
        var worker = new double[draws];
        var firm = new double[draws];
        var cov = new double[draws];
        Parallel.For(0, draws, d =>
        {
            // NOTE: HashCode.Combine is randomised per process, so it must not seed the draws: the
            // correction would differ from run to run. A fixed mix of seed and draw index keeps it reproducible.
            var random = new Random(unchecked((options.Seed * 1_000_003) ^ (d * 7919 + 17)));
            var r = new double[n];
            for (var i = 0; i < n; i++) r[i] = random.Next(2) == 0 ? -1.0 : 1.0;
            if (controls.Count > 0)
            {
                var rd = new double[n];
                solver.Demean(r, rd, options.Tolerance, options.MaxIterations);
                var (beta, _) = LeastSquares.Solve(demeanedControls, rd, null);
                for (var j = 0; j < controls.Count; j++)
                    for (var i = 0; i < n; i++) r[i] -= beta[j] * controls[j][i];
            }

            var effects = solver.SolveCoefficients(r, options.Tolerance, options.MaxIterations, out _);
            var a = new double[n];
            var p = new double[n];
            for (var i = 0; i < n; i++)
            {
                a[i] = effects[0][workers.Codes[i]];
                p[i] = effects[1][firms.Codes[i]];
            }

            worker[d] = Covariance(a, a);
            firm[d] = Covariance(p, p);
            cov[d] = Covariance(a, p);
        });
        return (worker.Average(), firm.Average(), cov.Average());
    }

    private static (int[] Rows, int Components) LargestConnectedSet(int[] rows, FactorCodes workers, FactorCodes firms)
    {
        var parent = Enumerable.Range(0, firms.Levels).ToArray();
        int Find(int x)
        {
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }

        var firstFirm = new int[workers.Levels];
        Array.Fill(firstFirm, -1);
        foreach (var i in rows)
        {
            var w = workers.Codes[i];
            var f = firms.Codes[i];
            if (firstFirm[w] < 0) { firstFirm[w] = f; continue; }
            var ra = Find(firstFirm[w]);
            var rb = Find(f);
            if (ra != rb) parent[ra] = rb;
        }

        var size = new int[firms.Levels];
        foreach (var i in rows) size[Find(firms.Codes[i])]++;
        var largest = 0;
        for (var f = 1; f < size.Length; f++) if (size[f] > size[largest]) largest = f;
        var components = size.Count(s => s > 0);
        return (rows.Where(i => Find(firms.Codes[i]) == largest).ToArray(), components);
    }

    private static int CountMovers(FactorCodes workers, FactorCodes firms)
    {
        var first = new int[workers.Levels];
        Array.Fill(first, -1);
        var mover = new bool[workers.Levels];
        for (var i = 0; i < workers.Codes.Length; i++)
        {
            var w = workers.Codes[i];
            if (first[w] < 0) first[w] = firms.Codes[i];
            else if (first[w] != firms.Codes[i]) mover[w] = true;
        }

        return mover.Count(m => m);
    }
}
