using Adrn.Stats.Estimation;

namespace Adrn.Stats.Akm;

/// <summary>The normal equations solved by the project's fixed-effect solver (preconditioned conjugate gradient on the firm system).</summary>
internal sealed class IterativeTwoWaySolver : ITwoWaySolver
{
    private readonly FixedEffectSolver _solver;
    private readonly double _tolerance;
    private readonly int _maxIterations;

    public IterativeTwoWaySolver(TwoWayDesign design, double tolerance, int maxIterations)
    {
        var weighted = design.Level == LeaveOutLevel.Match;
        _solver = new FixedEffectSolver([design.RowWorker, design.RowFirm], [design.Workers, design.Firms], weighted ? design.RowWeight : null);
        _tolerance = tolerance;
        _maxIterations = maxIterations;
    }

    public FixedEffectSolver Solver => _solver;

    public (double[] Worker, double[] Firm) Solve(double[] workerRhs, double[] firmRhs)
    {
        var u = _solver.SolveNormalEquations([workerRhs, firmRhs], _tolerance, _maxIterations, out _);
        return (u[0], u[1]);
    }
}
