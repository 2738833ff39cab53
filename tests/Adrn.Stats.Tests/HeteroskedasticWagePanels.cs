using Adrn.Stats.Data;

namespace Adrn.Stats.Tests;

/// <summary>
/// Seeded worker-year wage panels with planted worker and firm effects and heteroskedastic errors, written
/// for the leave-out (KSS) tests independently of the library: log_wage = α_worker + ψ_firm + 0.02·t + e,
/// α ~ N(0, 0.3²), ψ ~ N(0, 0.15²), sorting by the worker's α, a yearly move rate. A share of firms is small
/// (a few workers) and their errors are noisier: the case where one pooled error variance (the
/// homoskedastic correction) under-corrects the firm-effect variance, because the noisiest observations
/// are also the ones whose firm effects are least well estimated.
/// </summary>
internal static class HeteroskedasticWagePanels
{
    public sealed record Panel(RegressionData Data, string?[] Worker, string?[] Firm, double[] Alpha, double[] Psi, double[] Error)
    {
        /// <summary>Var(ψ), Var(α), Cov(α, ψ) over the person-years whose worker and firm are kept (1/n), from the planted values.</summary>
        public (double VarFirm, double VarWorker, double Cov) Truth(ICollection<string> workers, ICollection<string> firms)
        {
            var rows = Enumerable.Range(0, Alpha.Length).Where(i => workers.Contains(Worker[i]!) && firms.Contains(Firm[i]!)).ToArray();
            double Var(Func<int, double> x, Func<int, double> y)
            {
                double mx = rows.Average(x), my = rows.Average(y), s = 0;
                foreach (var i in rows) s += (x(i) - mx) * (y(i) - my);
                return s / rows.Length;
            }

            return (Var(i => Psi[i], i => Psi[i]), Var(i => Alpha[i], i => Alpha[i]), Var(i => Alpha[i], i => Psi[i]));
        }
    }

    private static double Normal(Random r) => PlantedPanels.Normal(r);

    /// <param name="workers">Workers (each observed every year).</param>
    /// <param name="firms">Firms.</param>
    /// <param name="years">Years.</param>
    /// <param name="moveRate">Yearly probability of moving.</param>
    /// <param name="smallFirmShare">Share of firms that are small (drawn 8 times less often).</param>
    /// <param name="noiseLarge">Error sd at the other firms.</param>
    /// <param name="noiseSmall">Error sd at small firms.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="noiseMover">If set, the error sd of every observation of a worker who moves (stayers keep the firm-size rule).</param>
    public static Panel Create(int workers, int firms, int years, double moveRate, double smallFirmShare, double noiseLarge, double noiseSmall, int seed,
        double? noiseMover = null)
    {
        var r = new Random(seed);
        var psi = Enumerable.Range(0, firms).Select(_ => 0.15 * Normal(r)).ToArray();
        var small = Enumerable.Range(0, firms).Select(_ => r.NextDouble() < smallFirmShare).ToArray();
        var weight = small.Select(s => s ? 1.0 : 8.0).ToArray();
        var cumulative = new double[firms];
        double total = 0;
        for (var f = 0; f < firms; f++) { total += weight[f]; cumulative[f] = total; }
        var byPsi = Enumerable.Range(0, firms).OrderBy(f => psi[f]).ToArray();
        int Choose(double alpha)
        {
            // Sorting: half the time the firm comes from the psi quantile matching the worker's alpha.
            if (r.NextDouble() < 0.5)
            {
                var q = Math.Clamp((int)((0.5 + (alpha / 0.9)) * firms), 0, firms - 1);
                return byPsi[q];
            }

            var u = r.NextDouble() * total;
            var f = Array.BinarySearch(cumulative, u);
            return f < 0 ? Math.Min(~f, firms - 1) : f;
        }

        var n = workers * years;
        var person = new string?[n];
        var employer = new string?[n];
        var year = new double[n];
        var y = new double[n];
        var a = new double[n];
        var p = new double[n];
        var e = new double[n];
        var i = 0;
        var path = new int[years];
        for (var w = 0; w < workers; w++)
        {
            var alpha = 0.3 * Normal(r);
            var f = Choose(alpha);
            for (var t = 0; t < years; t++)
            {
                if (t > 0 && r.NextDouble() < moveRate) f = Choose(alpha);
                path[t] = f;
            }

            var moves = path.Distinct().Count() > 1;
            for (var t = 0; t < years; t++, i++)
            {
                f = path[t];
                person[i] = $"W{w:D6}";
                employer[i] = $"F{f:D5}";
                year[i] = 2015 + t;
                a[i] = alpha;
                p[i] = psi[f];
                e[i] = (moves && noiseMover is { } sdMover ? sdMover : small[f] ? noiseSmall : noiseLarge) * Normal(r);
                y[i] = alpha + psi[f] + (0.02 * t) + e[i];
            }
        }

        var data = RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["person_id"] = person, ["employer_id"] = employer, ["year"] = year, ["log_wage"] = y,
        });
        return new Panel(data, person, employer, a, p, e);
    }
}
