using System.Globalization;
using System.Text.Json;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// An economist's regression on the generated register must recover the planted productivity
/// model written to dgp.json. The OLS here is a plain normal-equations solver written for the test
/// (independent of the generator); with a fixed seed the check is deterministic.
/// </summary>
public sealed class PlantedModelRecoveryTests
{
    private static readonly string[] Regressors = ["management", "exporter", "foreign_owned", "log_investment_per_worker", "log_employment", "log_age", "mean_worker_skill"];

    [Fact]
    public void Ols_on_the_register_recovers_every_planted_productivity_coefficient_within_three_standard_errors()
    {
        var directory = TempDirectory.Create("adrn-synth-recovery");
        try
        {
            SyntheticPopulation.Generate(
                new SyntheticPopulationOptions { Employers = 20_000, Employees = 120_000, Cohort = 10, Years = 2, Seed = 7, Formats = OutputFormats.Csv },
                directory);
            using var dgp = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "dgp.json")));
            var model = dgp.RootElement.GetProperty("productivity_model");

            // Planted: +0.1 management → +6%..+10% GVA per worker; foreign ownership ≈ +18%.
            var management = model.GetProperty("management").GetDouble();
            Assert.InRange(Math.Exp(0.1 * management) - 1, 0.06, 0.10);
            Assert.InRange(Math.Exp(model.GetProperty("foreign_owned").GetDouble()) - 1, 0.15, 0.21);

            var (estimates, errors) = Fit(directory);
            for (var k = 0; k < Regressors.Length; k++)
            {
                var planted = model.GetProperty(Regressors[k]).GetDouble();
                Assert.True(
                    Math.Abs(estimates[k] - planted) < 3 * errors[k],
                    $"{Regressors[k]}: estimate {estimates[k]:F4} (SE {errors[k]:F4}) vs planted {planted}");
            }
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    [Fact]
    public void Firm_wage_effects_and_worker_skill_are_positively_sorted()
    {
        var directory = TempDirectory.Create("adrn-synth-sorting");
        try
        {
            SyntheticPopulation.Generate(new SyntheticPopulationOptions { Employers = 1_000, Employees = 40_000, Cohort = 10, Years = 2, Formats = OutputFormats.Csv }, directory);
            using var dgp = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "dgp.json")));
            var correlation = dgp.RootElement.GetProperty("wage_model").GetProperty("achieved_corr_worker_firm_effect_first_year").GetDouble();

            // Recompute the correlation from the truth files rather than trusting the reported value.
            var persons = CsvTable.Read(Path.Combine(directory, "truth/persons.csv"));
            var firms = CsvTable.Read(Path.Combine(directory, "truth/employers.csv"));
            var psi = firms.Rows.ToDictionary(r => r[0], r => double.Parse(firms.Get(r, "firm_wage_effect"), CultureInfo.InvariantCulture));
            var a = persons.Rows.Select(r => double.Parse(persons.Get(r, "worker_effect"), CultureInfo.InvariantCulture)).ToArray();
            var p = persons.Rows.Select(r => psi[persons.Get(r, "first_employer_id")]).ToArray();
            var recomputed = Correlation(a, p);

            Assert.InRange(recomputed, 0.1, 0.5);
            Assert.Equal(correlation, recomputed, 3);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }

    private static (double[] Estimates, double[] Errors) Fit(string directory)
    {
        var employers = CsvTable.Read(Path.Combine(directory, "employers.csv"));
        var persons = CsvTable.Read(Path.Combine(directory, "truth/persons.csv"));
        var skillSum = new Dictionary<string, (double Sum, int Count)>();
        foreach (var row in persons.Rows)
        {
            var id = persons.Get(row, "first_employer_id");
            var current = skillSum.GetValueOrDefault(id);
            skillSum[id] = (current.Sum + double.Parse(persons.Get(row, "skill"), CultureInfo.InvariantCulture), current.Count + 1);
        }

        var sections = employers.Column("sic_section").Distinct().Order(StringComparer.Ordinal).ToList();
        var regions = employers.Column("itl1").Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = new List<(double Y, double[] X)>();
        foreach (var row in employers.Rows)
        {
            double Number(string column) => double.Parse(employers.Get(row, column), CultureInfo.InvariantCulture);
            var gva = Number("gva");
            if (gva <= 0)
            {
                continue; // log undefined; the generator picks these firms independently of the regressors
            }

            var employment = Number("employment");
            var skill = skillSum[employers.Get(row, "employer_id")];
            var x = new List<double>
            {
                Number("management_score"), Number("exporter"), Number("foreign_owned"),
                Math.Log(Number("investment") / employment), Math.Log(employment), Math.Log(1 + 2019 - Number("birth_year")),
                skill.Sum / skill.Count, 1.0,
            };
            x.AddRange(sections.Skip(1).Select(s => employers.Get(row, "sic_section") == s ? 1.0 : 0.0));
            x.AddRange(regions.Skip(1).Select(r => employers.Get(row, "itl1") == r ? 1.0 : 0.0));
            rows.Add((Math.Log(gva / employment), x.ToArray()));
        }

        var k = rows[0].X.Length;
        var xtx = new double[k, k];
        var xty = new double[k];
        foreach (var (y, x) in rows)
        {
            for (var i = 0; i < k; i++)
            {
                xty[i] += x[i] * y;
                for (var j = 0; j < k; j++)
                {
                    xtx[i, j] += x[i] * x[j];
                }
            }
        }

        var beta = Solve(xtx, xty);
        var rss = rows.Sum(r => Math.Pow(r.Y - r.X.Select((v, i) => v * beta[i]).Sum(), 2));
        var sigma2 = rss / (rows.Count - k);
        var errors = new double[Regressors.Length];
        for (var c = 0; c < Regressors.Length; c++)
        {
            var unit = new double[k];
            unit[c] = 1;
            errors[c] = Math.Sqrt(sigma2 * Solve(xtx, unit)[c]);
        }

        return (beta.Take(Regressors.Length).ToArray(), errors);
    }

    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        // Gaussian elimination with partial pivoting on a copy.
        var n = rhs.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < n; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                for (var c = col; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                }

                b[r] -= f * b[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var c = r + 1; c < n; c++)
            {
                s -= a[r, c] * x[c];
            }

            x[r] = s / a[r, r];
        }

        return x;
    }

    private static double Correlation(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double cov = 0, va = 0, vb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }

        return cov / Math.Sqrt(va * vb);
    }
}
