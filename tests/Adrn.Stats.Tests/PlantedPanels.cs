using Adrn.Stats.Data;

namespace Adrn.Stats.Tests;

/// <summary>
/// Seeded simulations with known (planted) parameters, written for these tests independently of
/// Adrn.Synthetic: a firm-year productivity panel and a worker-year AKM wage panel.
/// </summary>
internal static class PlantedPanels
{
    public const double Management = 0.8;     // +0.1 management score -> about +8% GVA per worker
    public const double Exporter = 0.12;
    public const double ForeignOwned = 0.17;  // ~18% premium (DOMAIN.md)
    public const double LogInvestment = 0.05;

    internal static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>
    /// log_gva_pw = 0.8 management + 0.12 exporter + 0.17 foreign_owned + 0.05 log(investment)
    ///              + sic2×year effect + itl1 effect + persistent firm shock (sd 0.3) + noise (sd 0.4).
    /// Management is persistent within firm and rises with size, so errors are correlated within firm.
    /// </summary>
    public static RegressionData Productivity(int firms, int years, int seed)
    {
        var r = new Random(seed);
        var sicYear = new double[20, years];
        for (var s = 0; s < 20; s++) for (var t = 0; t < years; t++) sicYear[s, t] = (0.3 * Normal(r)) + (0.02 * t);
        var region = Enumerable.Range(0, 12).Select(_ => 0.2 * Normal(r)).ToArray();
        var n = firms * years;
        var firm = new string?[n];
        var sic2 = new double[n];
        var itl1 = new string?[n];
        var year = new double[n];
        var management = new double[n];
        var exporter = new double[n];
        var foreign = new double[n];
        var investment = new double[n];
        var y = new double[n];
        var i = 0;
        for (var f = 0; f < firms; f++)
        {
            var s = r.Next(20);
            var g = r.Next(12);
            var baseManagement = Math.Clamp(0.55 + (0.15 * Normal(r)), 0, 1);
            var isForeign = r.NextDouble() < 0.15 ? 1.0 : 0.0;
            var shock = 0.3 * Normal(r);
            var isExporter = r.NextDouble() < 0.2 + (0.4 * baseManagement) ? 1.0 : 0.0;
            for (var t = 0; t < years; t++, i++)
            {
                firm[i] = $"F{f:D5}";
                sic2[i] = 10 + s;
                itl1[i] = $"TL{(char)('C' + g)}";
                year[i] = 2015 + t;
                management[i] = Math.Clamp(baseManagement + (0.05 * Normal(r)), 0, 1);
                exporter[i] = t > 0 && r.NextDouble() < 0.05 ? 1 - isExporter : isExporter;
                foreign[i] = isForeign;
                investment[i] = Math.Exp(11 + (0.8 * Normal(r)) + management[i]);
                y[i] = (Management * management[i]) + (Exporter * exporter[i]) + (ForeignOwned * foreign[i])
                       + (LogInvestment * Math.Log(investment[i])) + sicYear[s, t] + region[g] + shock + (0.4 * Normal(r)) + 10;
            }
        }

        return RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["employer_id"] = firm, ["sic2"] = sic2, ["itl1"] = itl1, ["year"] = year, ["management_score"] = management,
            ["exporter"] = exporter, ["foreign_owned"] = foreign, ["investment"] = investment, ["log_gva_pw"] = y,
        });
    }

    public sealed record AkmTruth(RegressionData Data, double VarWorker, double VarFirm, double CovWorkerFirm, double VarResidual, double VarLogWage);

    /// <summary>
    /// log_wage = alpha_worker + psi_firm + 0.02·(year − first year) + noise (sd <paramref name="noiseSd"/>).
    /// alpha ~ N(0, 0.35²), psi ~ N(0, 0.2²); each year a worker moves with probability <paramref name="moveRate"/>;
    /// firms are chosen by sorting: the worker's standardised alpha (weight rho) plus noise picks the firm's psi quantile.
    /// The truth is the variance of the planted effects over the simulated person-years.
    /// </summary>
    public static AkmTruth Akm(int workers, int firms, int years, double moveRate, double rho, double noiseSd, int seed)
    {
        var r = new Random(seed);
        var alpha = Enumerable.Range(0, workers).Select(_ => 0.35 * Normal(r)).ToArray();
        var psi = Enumerable.Range(0, firms).Select(_ => 0.2 * Normal(r)).ToArray();
        var byPsi = Enumerable.Range(0, firms).OrderBy(f => psi[f]).ToArray();
        int ChooseFirm(int w)
        {
            var score = (rho * alpha[w] / 0.35) + (Math.Sqrt(1 - (rho * rho)) * Normal(r));
            var u = 0.5 * (1 + Erf(score / Math.Sqrt(2)));
            return byPsi[Math.Clamp((int)(u * firms), 0, firms - 1)];
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
        for (var w = 0; w < workers; w++)
        {
            var f = ChooseFirm(w);
            for (var t = 0; t < years; t++, i++)
            {
                if (t > 0 && r.NextDouble() < moveRate) f = ChooseFirm(w);
                person[i] = $"P{w:D6}";
                employer[i] = $"E{f:D5}";
                year[i] = 2015 + t;
                a[i] = alpha[w];
                p[i] = psi[f];
                e[i] = noiseSd * Normal(r);
                y[i] = a[i] + p[i] + (0.02 * t) + e[i];
            }
        }

        var data = RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["person_id"] = person, ["employer_id"] = employer, ["year"] = year, ["log_wage"] = y,
        });
        return new AkmTruth(data, Var(a, a), Var(p, p), Var(a, p), Var(e, e), Var(y, y));
    }

    public static double Var(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), s = 0;
        for (var i = 0; i < x.Length; i++) s += (x[i] - mx) * (y[i] - my);
        return s / x.Length;
    }

    // Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): only used to map sorting scores to quantiles.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return sign * (1 - (poly * Math.Exp(-x * x)));
    }
}
