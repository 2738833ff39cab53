using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.Akm;

/// <summary>
/// The normal equations solved exactly: the worker effects are eliminated in closed form, leaving the
/// firm Laplacian L = diag(W_f) − Q with Q = F'WD(D'WD)⁻¹D'WF; L is grounded (the last firm's effect
/// fixed at zero) and inverted densely by Cholesky. G = L̃⁻¹ (padded with a zero row and column) is kept,
/// with H_f = G diag(W_f) G, H_q = G Q G and h = G W_f: from them each row's leverage and quadratic-form
/// weights cost a few products over the worker's own firms (see <see cref="LeaveOutLeverages"/>).
/// Memory and time grow with the cube of the number of firms, so this is for panels of up to about a thousand firms.
/// </summary>
internal sealed class DenseTwoWaySolver : ITwoWaySolver
{
    private readonly TwoWayDesign _design;

    public DenseTwoWaySolver(TwoWayDesign design)
    {
        _design = design;
        var j = design.Firms;
        var q = Matrix<double>.Build.Dense(j, j);
        for (var w = 0; w < design.Workers; w++)
        {
            var from = design.WorkerMatchStart[w];
            var to = design.WorkerMatchStart[w + 1];
            var inv = 1.0 / design.WorkerWeight[w];
            for (var a = from; a < to; a++)
            for (var b = from; b < to; b++)
                q[design.WorkerMatchFirm[a], design.WorkerMatchFirm[b]] += design.WorkerMatchWeight[a] * design.WorkerMatchWeight[b] * inv;
        }

        var grounded = Matrix<double>.Build.Dense(j - 1, j - 1);
        for (var a = 0; a < j - 1; a++)
        for (var b = 0; b < j - 1; b++)
            grounded[a, b] = (a == b ? design.FirmWeight[a] : 0) - q[a, b];
        var inverse = grounded.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(j - 1));
        var g = Matrix<double>.Build.Dense(j, j);
        g.SetSubMatrix(0, 0, inverse);
        G = g;
        var weighted = Matrix<double>.Build.Dense(j, j);
        for (var a = 0; a < j; a++)
        for (var b = 0; b < j; b++)
            weighted[a, b] = g[a, b] * design.FirmWeight[b];
        HFirm = weighted * g;
        HWorker = g * q * g;
        H = g * Vector<double>.Build.DenseOfArray(design.FirmWeight);
    }

    /// <summary>The grounded inverse of the firm Laplacian.</summary>
    public Matrix<double> G { get; }

    /// <summary>G diag(W_f) G.</summary>
    public Matrix<double> HFirm { get; }

    /// <summary>G Q G.</summary>
    public Matrix<double> HWorker { get; }

    /// <summary>G W_f.</summary>
    public Vector<double> H { get; }

    public (double[] Worker, double[] Firm) Solve(double[] workerRhs, double[] firmRhs)
    {
        var d = _design;
        var t = (double[])firmRhs.Clone();
        for (var w = 0; w < d.Workers; w++)
        {
            var share = workerRhs[w] / d.WorkerWeight[w];
            for (var m = d.WorkerMatchStart[w]; m < d.WorkerMatchStart[w + 1]; m++) t[d.WorkerMatchFirm[m]] -= d.WorkerMatchWeight[m] * share;
        }

        var firm = (G * Vector<double>.Build.DenseOfArray(t)).ToArray();
        var worker = new double[d.Workers];
        for (var w = 0; w < d.Workers; w++)
        {
            var s = workerRhs[w];
            for (var m = d.WorkerMatchStart[w]; m < d.WorkerMatchStart[w + 1]; m++) s -= d.WorkerMatchWeight[m] * firm[d.WorkerMatchFirm[m]];
            worker[w] = s / d.WorkerWeight[w];
        }

        return (worker, firm);
    }
}
