using System.Globalization;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// Checks the register against published UK shapes (BPE 2016 size bands; ONS firm-level GVA per
/// worker mean ≈ GBP 52k, median ≈ GBP 30.5k; within-industry 90/10 labour-productivity ratios
/// above 4; ONS Management and Expectations Survey scores).
/// </summary>
public sealed class RegisterShapeTests(GeneratedPopulationFixture population) : IClassFixture<GeneratedPopulationFixture>
{
    private List<(string Section, int Employment, double Gva, double Management)> Firms() =>
        population.Employers.Rows.Select(r => (
            population.Employers.Get(r, "sic_section"),
            int.Parse(population.Employers.Get(r, "employment"), CultureInfo.InvariantCulture),
            double.Parse(population.Employers.Get(r, "gva"), CultureInfo.InvariantCulture),
            double.Parse(population.Employers.Get(r, "management_score"), CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public void Large_firms_are_few_but_hold_about_forty_percent_of_employment()
    {
        var firms = Firms();
        double total = firms.Sum(f => f.Employment);
        var largeShare = firms.Where(f => f.Employment >= 250).Sum(f => f.Employment) / total;
        var largeFirms = firms.Count(f => f.Employment >= 250);
        var micro = firms.Count(f => f.Employment < 10) / (double)firms.Count;

        // BPE 2016: 40% of employment in 250+ firms; tolerance 0.02 (sizes are drawn to the target, then rounded).
        Assert.InRange(largeShare, 0.38, 0.42);
        Assert.InRange(largeFirms, 2, 10);
        Assert.True(micro > 0.85, $"micro share {micro}");
        Assert.Equal(population.Options.Persons, (long)total);
    }

    [Fact]
    public void Gva_per_worker_is_wide_and_right_skewed()
    {
        var firms = Firms();
        var perWorker = firms.Select(f => f.Gva / f.Employment).OrderBy(v => v).ToList();
        var mean = perWorker.Average();
        var median = perWorker[perWorker.Count / 2];

        Assert.True(mean > median * 1.3, $"mean {mean} median {median}");
        Assert.InRange(median, 26_000, 35_000);
        Assert.InRange(mean, 40_000, 65_000);
        Assert.Contains(firms, f => f.Gva <= 0);

        var ratios = firms.GroupBy(f => f.Section).Where(g => g.Count() >= 30).Select(g =>
        {
            var sorted = g.Select(f => f.Gva / f.Employment).OrderBy(v => v).ToList();
            return Quantile(sorted, 0.9) / Quantile(sorted, 0.1);
        }).ToList();
        Assert.True(ratios.Count >= 8);
        Assert.True(ratios.Average() > 4, $"mean within-section 90/10 ratio {ratios.Average()}");
    }

    [Fact]
    public void Management_scores_average_about_half_and_rise_with_size_and_in_information_services()
    {
        var firms = Firms();
        var mean = firms.Average(f => f.Management);
        var micro = firms.Where(f => f.Employment < 10).Average(f => f.Management);
        var larger = firms.Where(f => f.Employment >= 50).Average(f => f.Management);
        var information = firms.Where(f => f.Section == "J").Average(f => f.Management);
        var transport = firms.Where(f => f.Section == "H").Average(f => f.Management);

        Assert.InRange(mean, 0.48, 0.58);
        Assert.True(larger > micro + 0.05, $"50+ {larger} vs micro {micro}");
        Assert.True(information > transport + 0.05, $"J {information} vs H {transport}");
    }

    private static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
