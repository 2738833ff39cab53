namespace Adrn.Stats.Benchmarks;

/// <summary>
/// The fixest benchmark design: workers observed every year, moving firm with a yearly probability,
/// y = 0.5 x + worker effect + firm effect + noise. 1M obs = 100k workers × 10 years, 50k firms.
/// </summary>
internal sealed class WorkerFirmPanel
{
    public required int[] Worker { get; init; }
    public required int[] Firm { get; init; }
    public required double[] X { get; init; }
    public required double[] Y { get; init; }
    public required int Workers { get; init; }
    public required int Firms { get; init; }

    public static WorkerFirmPanel Create(int workers, int years, int firms, double moveRate, int seed)
    {
        var r = new Random(seed);
        var n = workers * years;
        var worker = new int[n];
        var firm = new int[n];
        var x = new double[n];
        var y = new double[n];
        var psi = new double[firms];
        for (var f = 0; f < firms; f++) psi[f] = Normal(r) * 0.2;
        var i = 0;
        for (var w = 0; w < workers; w++)
        {
            var alpha = Normal(r) * 0.35;
            var f = r.Next(firms);
            for (var t = 0; t < years; t++, i++)
            {
                if (t > 0 && r.NextDouble() < moveRate) f = r.Next(firms);
                worker[i] = w;
                firm[i] = f;
                x[i] = Normal(r) + alpha;
                y[i] = (0.5 * x[i]) + alpha + psi[f] + (0.3 * Normal(r));
            }
        }

        return new WorkerFirmPanel { Worker = worker, Firm = firm, X = x, Y = y, Workers = workers, Firms = firms };
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
