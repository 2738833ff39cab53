namespace Adrn.Stats.Akm;

/// <summary>
/// Per row r of the design: the leverage P_r = w_r x_r'S⁻x_r and the weights b_r = x_r'S⁻AS⁻x_r of the
/// three quadratic forms A (variance of firm effects, variance of worker effects, their covariance, all over
/// person-years) that the KSS bias correction Σ_r w_r² b_r σ̂_r needs. Computed exactly from the dense
/// firm Laplacian, or approximated by Johnson–Lindenstrauss random projections (KSS computational appendix).
/// </summary>
internal sealed class LeaveOutLeverages
{
    private LeaveOutLeverages(double[] leverage, double[] firm, double[] worker, double[] covariance, double[]? correction)
    {
        Leverage = leverage;
        FirmWeight = firm;
        WorkerWeight = worker;
        CovarianceWeight = covariance;
        RandomProjectionCorrection = correction;
    }

    public double[] Leverage { get; }

    /// <summary>b_r for Var(ψ).</summary>
    public double[] FirmWeight { get; }

    /// <summary>b_r for Var(α).</summary>
    public double[] WorkerWeight { get; }

    /// <summary>b_r for Cov(α, ψ).</summary>
    public double[] CovarianceWeight { get; }

    /// <summary>
    /// With random projections, the factor by which each σ̂_r is multiplied to remove the bias that the
    /// non-linear 1/(1 − P̂_r) adds (Di Addario, Kline, Saggio and Sølvsten 2023, appendix); null when exact.
    /// </summary>
    public double[]? RandomProjectionCorrection { get; }

    /// <summary>
    /// Exact: with d = e_f − s_w (s_w the worker's person-year shares over its firms) and u = G d the firm part of
    /// S⁻x_r, P_r = w_r(1/W_w + d'Gd); the worker part of S⁻x_r is u_α = e_w/W_w − (worker means of u), so every
    /// person-year moment of (u_α, u_ψ) reduces to d'H_f d, d'H_q d, h'd and s_w'Gd: a few products over the
    /// worker's own firms per row.
    /// </summary>
    public static LeaveOutLeverages Exact(TwoWayDesign design, DenseTwoWaySolver dense)
    {
        var rows = design.Rows;
        var leverage = new double[rows];
        var firm = new double[rows];
        var worker = new double[rows];
        var covariance = new double[rows];
        var n = (double)design.Observations;
        var g = dense.G;
        var hf = dense.HFirm;
        var hq = dense.HWorker;
        var h = dense.H;
        Parallel.For(0, rows, () => (Index: new int[16], D: new double[16], S: new double[16]), (r, _, buffers) =>
        {
            var w = design.RowWorker[r];
            var from = design.WorkerMatchStart[w];
            var k = design.WorkerMatchStart[w + 1] - from;
            if (buffers.Index.Length < k) buffers = (new int[k], new double[k], new double[k]);
            var (idx, d, s) = buffers;
            var ww = design.WorkerWeight[w];
            for (var a = 0; a < k; a++)
            {
                idx[a] = design.WorkerMatchFirm[from + a];
                s[a] = design.WorkerMatchWeight[from + a] / ww;
                d[a] = (idx[a] == design.RowFirm[r] ? 1.0 : 0.0) - s[a];
            }

            double dGd = 0, dHfd = 0, dHqd = 0, sGd = 0, hd = 0;
            for (var a = 0; a < k; a++)
            {
                hd += h[idx[a]] * d[a];
                for (var b = 0; b < k; b++)
                {
                    var gab = g[idx[a], idx[b]];
                    dGd += d[a] * gab * d[b];
                    sGd += s[a] * gab * d[b];
                    dHfd += d[a] * hf[idx[a], idx[b]] * d[b];
                    dHqd += d[a] * hq[idx[a], idx[b]] * d[b];
                }
            }

            leverage[r] = design.RowWeight[r] * ((1 / ww) + dGd);
            var meanFirm = hd / n;
            var meanWorker = (1 - hd) / n;
            firm[r] = (dHfd / n) - (meanFirm * meanFirm);
            worker[r] = ((dHqd - (2 * sGd) + (1 / ww)) / n) - (meanWorker * meanWorker);
            covariance[r] = ((sGd - dHqd) / n) - (meanWorker * meanFirm);
            return buffers;
        }, _ => { });
        return new LeaveOutLeverages(leverage, firm, worker, covariance, null);
    }

    /// <summary>
    /// Random projections (KSS, computational appendix): per draw, Z = X_w S⁻X_w'r for a Rademacher vector r
    /// over rows gives P̂_r = mean Z_r² and M̂_r = mean (r_r − Z_r)², and x_r'S⁻F_d'v, x_r'S⁻D_d'v for a
    /// Rademacher vector v over person-years give b_r = mean(·)²/n. Three solves per draw. P̂ is normalised
    /// to P̂/(P̂ + M̂), which lies in [0, 1], and the non-linear bias of 1/(1 − P̂) is corrected as in the
    /// authors' code. Draws run on two fixed chunks so the result does not depend on the number of cores.
    /// </summary>
    public static LeaveOutLeverages RandomProjection(TwoWayDesign design, ITwoWaySolver solver, int draws, int seed)
    {
        var rows = design.Rows;
        var n = design.Observations;
        const int chunks = 2;
        var accumulators = new double[chunks][][];
        Parallel.For(0, chunks, chunk =>
        {
            var acc = new double[8][];
            for (var a = 0; a < acc.Length; a++) acc[a] = new double[rows];
            var (p, m, pSquared, mSquared, pm, firm, worker, covariance) = (acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7]);
            var r = new double[rows];
            var v = new double[n];
            for (var draw = chunk; draw < draws; draw += chunks)
            {
                var random = new Random(unchecked((seed * 1_000_003) ^ ((draw * 7919) + 17)));
                var workerRhs = new double[design.Workers];
                var firmRhs = new double[design.Firms];
                for (var i = 0; i < rows; i++)
                {
                    r[i] = random.Next(2) == 0 ? -1.0 : 1.0;
                    var x = Math.Sqrt(design.RowWeight[i]) * r[i];
                    workerRhs[design.RowWorker[i]] += x;
                    firmRhs[design.RowFirm[i]] += x;
                }

                var (uw, uf) = solver.Solve(workerRhs, firmRhs);
                for (var i = 0; i < rows; i++)
                {
                    var z = Math.Sqrt(design.RowWeight[i]) * (uw[design.RowWorker[i]] + uf[design.RowFirm[i]]);
                    var e = r[i] - z;
                    var z2 = z * z;
                    var e2 = e * e;
                    p[i] += z2;
                    m[i] += e2;
                    pSquared[i] += z2 * z2;
                    mSquared[i] += e2 * e2;
                    pm[i] += z2 * e2;
                }

                double mean = 0;
                for (var i = 0; i < n; i++) { v[i] = random.Next(2) == 0 ? -1.0 : 1.0; mean += v[i]; }
                mean /= n;
                var firmSums = new double[design.Firms];
                var workerSums = new double[design.Workers];
                for (var i = 0; i < n; i++)
                {
                    firmSums[design.ObservationFirm[i]] += v[i] - mean;
                    workerSums[design.ObservationWorker[i]] += v[i] - mean;
                }

                var (fw, ff) = solver.Solve(new double[design.Workers], firmSums);
                var (ww, wf) = solver.Solve(workerSums, new double[design.Firms]);
                for (var i = 0; i < rows; i++)
                {
                    var zf = fw[design.RowWorker[i]] + ff[design.RowFirm[i]];
                    var zw = ww[design.RowWorker[i]] + wf[design.RowFirm[i]];
                    firm[i] += zf * zf;
                    worker[i] += zw * zw;
                    covariance[i] += zf * zw;
                }
            }

            accumulators[chunk] = acc;
        });

        var total = new double[8][];
        for (var a = 0; a < 8; a++)
        {
            total[a] = new double[rows];
            for (var c = 0; c < chunks; c++)
                for (var i = 0; i < rows; i++) total[a][i] += accumulators[c][a][i];
        }

        var leverage = new double[rows];
        var correction = new double[rows];
        var firmWeight = new double[rows];
        var workerWeight = new double[rows];
        var covarianceWeight = new double[rows];
        double s = draws;
        for (var i = 0; i < rows; i++)
        {
            var pHat = total[0][i] / s;
            var mHat = total[1][i] / s;
            var pii = pHat / (pHat + mHat);
            var mii = 1 - pii;
            var pSq = total[2][i] / s;
            var mSq = total[3][i] / s;
            var pmx = total[4][i] / s;
            var vi = ((mii * mii * pSq) + (pii * pii * mSq) - (2 * mii * pii * pmx)) / s;
            var bi = ((mii * pSq) - (pii * mSq) + (2 * (mii - pii) * pmx)) / s;
            leverage[i] = pii;
            correction[i] = 1 - (vi / (mii * mii)) + (bi / mii);
            firmWeight[i] = total[5][i] / (s * n);
            workerWeight[i] = total[6][i] / (s * n);
            covarianceWeight[i] = total[7][i] / (s * n);
        }

        return new LeaveOutLeverages(leverage, firmWeight, workerWeight, covarianceWeight, correction);
    }
}
