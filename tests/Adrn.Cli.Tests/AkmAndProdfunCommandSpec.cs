using System.Globalization;
using System.Text;
using System.Text.Json;
using Adrn.Stats.Akm;
using Adrn.Stats.Data;

namespace Adrn.Cli.Tests;

/// <summary>
/// <c>adrn akm</c> and <c>adrn prodfun</c> as a user runs them: the JSON contract, the planted truth of the data
/// they are run on (a planted wage panel written here; the generator's business survey and dgp.json), and bad
/// usage exiting 2.
/// </summary>
public sealed class AkmAndProdfunCommandSpec
{
    // A worker-year panel with planted effects: log_wage = alpha + psi + e, psi ~ N(0, 0.2^2), 12% yearly moves.
    private static (string Path, double VarPsi) WagePanel(string dir)
    {
        var r = new Random(17);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        var psi = Enumerable.Range(0, 80).Select(_ => 0.2 * Normal()).ToArray();
        var sb = new StringBuilder("person_id,employer_id,year,log_wage\n");
        var planted = new List<double>();
        for (var w = 0; w < 3000; w++)
        {
            var alpha = 0.3 * Normal();
            var f = r.Next(80);
            for (var t = 0; t < 5; t++)
            {
                if (t > 0 && r.NextDouble() < 0.12) f = r.Next(80);
                planted.Add(psi[f]);
                sb.Append(CultureInfo.InvariantCulture, $"W{w},F{f},{2015 + t},{alpha + psi[f] + (0.02 * t) + (0.3 * Normal())}\n");
            }
        }

        var path = Path.Combine(dir, "wages.csv");
        File.WriteAllText(path, sb.ToString());
        var mean = planted.Average();
        return (path, planted.Average(p => (p - mean) * (p - mean)));
    }

    [Fact]
    public void Akm_with_kss_writes_the_json_contract_on_the_sample_used_and_matches_the_library()
    {
        var dir = AdrnProcess.NewWorkDirectory("akm");
        var (data, plantedVarPsi) = WagePanel(dir);
        var json = Path.Combine(dir, "akm.json");
        var outcome = AdrnProcess.Run("akm", "--data", data, "--worker", "person_id", "--firm", "employer_id", "--y", "log_wage",
            "--controls", "i(year)", "--correction", "kss", "--leave-out", "observation", "--out", json);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains("KSS", outcome.StdOut, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var field in new[] { "var_psi", "var_alpha", "cov_alpha_psi", "var_y", "n_obs", "n_workers", "n_firms", "correction" })
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal("kss", root.GetProperty("correction").GetString());
        Assert.Equal("pass", root.GetProperty("output_check").GetProperty("status").GetString());

        // The same fit in-process: the command adds nothing and drops nothing.
        var library = AkmDecomposition.Fit(RegressionData.ReadCsv(data), new AkmOptions
        {
            WorkerColumn = "person_id", FirmColumn = "employer_id", LogWage = "log_wage", Controls = "i(year)",
            Correction = AkmCorrection.LeaveOut, LeaveOut = LeaveOutLevel.Observation,
        });
        Assert.Equal(library.LeaveOut!.Corrected.VarFirm, root.GetProperty("var_psi").GetDouble(), 12);
        Assert.Equal(library.Observations, root.GetProperty("n_obs").GetInt32());
        Assert.Equal(library.Firms, root.GetProperty("n_firms").GetInt32());
        // And it is near the planted variance (tolerance stated before running: 15%), below the plug-in, which carries
        // the limited-mobility bias.
        var kss = root.GetProperty("var_psi").GetDouble();
        Assert.InRange(kss, 0.85 * plantedVarPsi, 1.15 * plantedVarPsi);
        Assert.True(kss < root.GetProperty("plug_in").GetProperty("var_psi").GetDouble());
    }

    [Theory]
    [InlineData("--correction", "andrews")]
    [InlineData("--leave-out", "worker")]
    public void Akm_unknown_option_values_are_bad_usage(string option, string value)
    {
        var dir = AdrnProcess.NewWorkDirectory("akm-bad");
        var (data, _) = WagePanel(dir);
        var outcome = AdrnProcess.Run("akm", "--data", data, option, value);
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains(value, outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Prodfun_recovers_the_generators_planted_elasticities_and_writes_json_and_tfp()
    {
        var dir = AdrnProcess.NewWorkDirectory("prodfun");
        var synth = AdrnProcess.Run("synth", "--employers", "1000", "--employees", "8000", "--cohort", "10", "--years", "8", "--seed", "11", "--out", dir, "--format", "csv,arrow");
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        using var dgp = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "dgp.json")));
        var planted = dgp.RootElement.GetProperty("production_function");
        var json = Path.Combine(dir, "pf.json");
        var tfp = Path.Combine(dir, "tfp.arrow");
        var outcome = AdrnProcess.Run("prodfun", "--data", Path.Combine(dir, "business_survey.arrow"), "--firm", "employer_id", "--year", "year",
            "--output", "log(value_added)", "--free", "log(employment)", "--state", "log(capital)", "--proxy", "log(intermediate_inputs)",
            "--method", "lp", "--bootstrap", "40", "--seed", "3", "--out", json, "--tfp-out", tfp);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var coefficients = doc.RootElement.GetProperty("coefficients").EnumerateArray().ToDictionary(c => c.GetProperty("term").GetString()!);
        foreach (var (term, key) in new[] { ("log(employment)", "labour"), ("log(capital)", "capital") })
        {
            var truth = planted.GetProperty(key).GetDouble();
            var c = coefficients[term];
            Assert.True(c.GetProperty("ci_low").GetDouble() <= truth && truth <= c.GetProperty("ci_high").GetDouble(),
                $"{term}: planted {truth} outside [{c.GetProperty("ci_low").GetDouble()}, {c.GetProperty("ci_high").GetDouble()}]");
        }

        Assert.Equal("lp", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(40, doc.RootElement.GetProperty("bootstrap_replications").GetInt32());
        var table = RegressionData.ReadArrowFile(tfp);
        Assert.Equal(8000, table.RowCount);
        Assert.Equal(["employer_id", "year", "log_tfp", "omega"], table.ColumnNames);
    }

    [Fact]
    public void Prodfun_unknown_column_and_bad_method_are_bad_usage()
    {
        var dir = AdrnProcess.NewWorkDirectory("prodfun-bad");
        var synth = AdrnProcess.Run("synth", "--employers", "50", "--employees", "150", "--cohort", "5", "--years", "3", "--seed", "1", "--out", dir, "--format", "csv");
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        var data = Path.Combine(dir, "business_survey.csv");
        var badColumn = AdrnProcess.Run("prodfun", "--data", data, "--free", "log(no_such_column)");
        Assert.Equal(ExitCodes.BadUsage, badColumn.ExitCode);
        Assert.Contains("no_such_column", badColumn.StdErr, StringComparison.Ordinal);
        var badMethod = AdrnProcess.Run("prodfun", "--data", data, "--method", "gnr");
        Assert.Equal(ExitCodes.BadUsage, badMethod.ExitCode);
        Assert.Contains("gnr", badMethod.StdErr, StringComparison.Ordinal);
    }
}
