namespace Adrn.Stats.Akm;

/// <summary>
/// The KSS estimator on a <see cref="TwoWayDesign"/> whose outcome already has the controls partialled out
/// (as in the authors' code: the controls' coefficients come from the full AKM regression).
/// </summary>
internal static class LeaveOutEstimator
{
    public static LeaveOutDecomposition Estimate(TwoWayDesign design, VarianceDecomposition plugIn, AkmOptions options, int articulation, int singles)
    {
        var method = options.Leverages switch
        {
            LeverageMethod.Auto => design.Firms <= options.ExactFirmLimit ? LeverageMethod.Exact : LeverageMethod.RandomProjection,
            LeverageMethod.Exact when design.Firms > options.ExactFirmLimit => throw new ArgumentException(
                $"Exact leave-out leverages need a dense {design.Firms}×{design.Firms} inverse; the limit is {options.ExactFirmLimit} firms. Use random projections (--draws N).", nameof(options)),
            var m => m,
        };
        if (method == LeverageMethod.RandomProjection && options.RandomProjectionDraws < 1)
            throw new ArgumentException("Random-projection leverages need at least one draw.", nameof(options));

        ITwoWaySolver solver;
        LeaveOutLeverages leverages;
        if (method == LeverageMethod.Exact)
        {
            var dense = new DenseTwoWaySolver(design);
            solver = dense;
            leverages = LeaveOutLeverages.Exact(design, dense);
        }
        else
        {
            solver = new IterativeTwoWaySolver(design, options.Tolerance, options.MaxIterations);
            leverages = LeaveOutLeverages.RandomProjection(design, solver, options.RandomProjectionDraws, options.Seed);
        }

        // The two-way fit of the (controls-adjusted) outcome: b = X'W ȳ.
        var workerRhs = new double[design.Workers];
        var firmRhs = new double[design.Firms];
        for (var r = 0; r < design.Rows; r++)
        {
            var x = design.RowWeight[r] * design.RowY[r];
            workerRhs[design.RowWorker[r]] += x;
            firmRhs[design.RowFirm[r]] += x;
        }

        var (alpha, psi) = solver.Solve(workerRhs, firmRhs);
        var n = design.Observations;
        double meanY = 0, meanA = 0, meanP = 0;
        for (var i = 0; i < n; i++)
        {
            meanY += design.ObservationY[i];
            meanA += alpha[design.ObservationWorker[i]];
            meanP += psi[design.ObservationFirm[i]];
        }

        meanY /= n;
        meanA /= n;
        meanP /= n;
        double varA = 0, varP = 0, cov = 0;
        for (var i = 0; i < n; i++)
        {
            var a = alpha[design.ObservationWorker[i]] - meanA;
            var p = psi[design.ObservationFirm[i]] - meanP;
            varA += a * a;
            varP += p * p;
            cov += a * p;
        }

        varA /= n;
        varP /= n;
        cov /= n;

        // σ̂_r: the leave-out estimate of Var(ē_r) (the error of an observation, or of a match mean).
        var sigma = new double[design.Rows];
        double maxLeverage = 0, sumLeverage = 0;
        var counted = 0;
        var stayers = 0;
        for (var r = 0; r < design.Rows; r++)
        {
            if (design.RowIsStayerMatch[r])
            {
                // A stayer's only match has leverage one: leave one person-year out within the match instead
                // (the authors' sigma_for_stayers), which estimates Σ_t σ_t² / T², the variance of the match mean.
                stayers++;
                var from = design.RowObservationStart[r];
                var to = design.RowObservationStart[r + 1];
                var t = to - from;
                double s = 0;
                for (var j = from; j < to; j++)
                {
                    var y = design.ObservationY[design.RowObservations[j]];
                    s += (y - meanY) * (y - design.RowY[r]);
                }

                sigma[r] = s / (t * (t - 1.0));
                continue;
            }

            var leverage = leverages.Leverage[r];
            if (!(leverage < 1 - 1e-10))
                throw new InvalidOperationException(
                    $"Leave-out leverage {leverage:G6} of worker level {design.RowWorker[r]}, firm level {design.RowFirm[r]} is 1: its effect is not identified without it. The sample is not leave-one-out connected.");
            maxLeverage = Math.Max(maxLeverage, leverage);
            sumLeverage += leverage;
            counted++;
            var residual = design.RowY[r] - alpha[design.RowWorker[r]] - psi[design.RowFirm[r]];
            sigma[r] = (design.RowY[r] - meanY) * residual / (1 - leverage);
            if (leverages.RandomProjectionCorrection is { } correction) sigma[r] *= correction[r];
        }

        double biasFirm = 0, biasWorker = 0, biasCov = 0, residualVariance = 0;
        for (var r = 0; r < design.Rows; r++)
        {
            var w2 = design.RowWeight[r] * design.RowWeight[r];
            biasFirm += w2 * leverages.FirmWeight[r] * sigma[r];
            biasWorker += w2 * leverages.WorkerWeight[r] * sigma[r];
            biasCov += w2 * leverages.CovarianceWeight[r] * sigma[r];
            residualVariance += w2 * sigma[r];
        }

        var corrected = plugIn with
        {
            VarWorker = varA - biasWorker,
            VarFirm = varP - biasFirm,
            CovWorkerFirm = cov - biasCov,
            VarResidual = residualVariance / n,
        };

        return new LeaveOutDecomposition
        {
            Level = design.Level,
            Method = method,
            Draws = method == LeverageMethod.Exact ? 0 : options.RandomProjectionDraws,
            ArticulationWorkersDropped = articulation,
            SingleObservationWorkersDropped = singles,
            Matches = design.Matches,
            StayerMatches = stayers,
            Corrected = corrected,
            StandardErrors = StandardErrors(design, solver, alpha, psi, meanA, meanP, sigma),
            MeanLeverage = counted == 0 ? double.NaN : sumLeverage / counted,
            MaxLeverage = maxLeverage,
        };
    }

    // V̂ = 4 Σ_r w_r² (x_r'S⁻Aβ̂)² σ̂_r for each of the three quadratic forms; one solve each.
    private static LeaveOutStandardErrors StandardErrors(TwoWayDesign design, ITwoWaySolver solver, double[] alpha, double[] psi,
        double meanA, double meanP, double[] sigma)
    {
        var n = (double)design.Observations;
        var workerOfAlpha = new double[design.Workers];
        var firmOfAlpha = new double[design.Firms];
        var workerOfPsi = new double[design.Workers];
        var firmOfPsi = new double[design.Firms];
        for (var i = 0; i < design.Observations; i++)
        {
            var w = design.ObservationWorker[i];
            var f = design.ObservationFirm[i];
            var a = (alpha[w] - meanA) / n;
            var p = (psi[f] - meanP) / n;
            workerOfAlpha[w] += a; // D'(α − ᾱ)/n
            firmOfAlpha[f] += a;   // F'(α − ᾱ)/n
            workerOfPsi[w] += p;   // D'(ψ − ψ̄)/n
            firmOfPsi[f] += p;     // F'(ψ − ψ̄)/n
        }

        var half = (double[] x) => x.Select(v => v / 2).ToArray();
        var firmSolution = solver.Solve(new double[design.Workers], firmOfPsi);
        var workerSolution = solver.Solve(workerOfAlpha, new double[design.Firms]);
        var covSolution = solver.Solve(half(workerOfPsi), half(firmOfAlpha));

        double Variance((double[] Worker, double[] Firm) u)
        {
            double v = 0;
            for (var r = 0; r < design.Rows; r++)
            {
                var g = u.Worker[design.RowWorker[r]] + u.Firm[design.RowFirm[r]];
                v += design.RowWeight[r] * design.RowWeight[r] * g * g * sigma[r];
            }

            return 4 * v;
        }

        static double Se(double v) => v > 0 ? Math.Sqrt(v) : double.NaN;
        return new LeaveOutStandardErrors(Se(Variance(workerSolution)), Se(Variance(firmSolution)), Se(Variance(covSolution)));
    }
}
