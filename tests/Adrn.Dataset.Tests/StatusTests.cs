using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class StatusTests(StoreFixture store, ITestOutputHelper output)
{
    [Fact]
    public void Status_lists_versions_waves_entities_and_link_quality_with_no_warning_for_healthy_waves()
    {
        using var opened = DatasetStore.Open(store.Directory);

        var status = opened.Status();

        output.WriteLine(status.ToText());
        Assert.Equal(store.Version, status.HeadVersion);
        Assert.Equal(store.Version, status.Versions.Count);
        Assert.Equal(7, status.Waves.Count);
        Assert.Equal(["register", "payroll", "register", "payroll", "register", "payroll", "cohort"], status.Waves.Select(w => w.Source));
        var truth = EntityFile.Read(store.Waves.Truth);
        // Entities against the truth (truth/wave_entities.csv): within 1% of the true employers the register listed and of
        // the true persons of payroll and cohort (a missed link across waves adds an entity, a false one removes one).
        var employers = truth.Where(t => t.Source == "register").Select(t => t.EntityId).Distinct().Count();
        var persons = truth.Where(t => t.EntityType == "person").Select(t => t.EntityId).Distinct().Count();
        output.WriteLine($"entities: employers {status.Entities["employer"]} (true {employers}), persons {status.Entities["person"]} (true {persons})");
        Assert.InRange(status.Entities["employer"], 0.99 * employers, 1.01 * employers);
        Assert.InRange(status.Entities["person"], 0.99 * persons, 1.01 * persons);
        var payroll2021 = status.Waves.Single(w => w.Source == "payroll" && w.Wave == "2021").Links.Single(l => l.Spine == "person");
        Assert.InRange(payroll2021.LinkRate, 0.9, 1.0);
        Assert.InRange(payroll2021.EstimatedPrecision!.Value, 0.99, 1.0);
        Assert.Empty(status.Warnings);
    }

    [Fact]
    public void A_wave_whose_link_rate_drops_raises_the_quality_drift_alarm_in_text_and_json()
    {
        var copy = store.Copy(store.Directory);
        var dir = store.NewDirectory("drift");
        var damaged = Path.Combine(dir, "employees.csv");
        Damage(store.Waves.Payroll("2021"), damaged);
        using (var opened = DatasetStore.Open(copy))
        {
            var result = opened.AddWave(new AddWaveRequest("payroll", "2022", damaged));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"damaged wave: person link rate {result.Links[0].LinkRate:P1}"));
        }

        var text = AdrnProcess.Run("dataset", "status", "--store", copy);
        var json = AdrnProcess.Run("dataset", "status", "--store", copy, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("WARNING: payroll wave 2022 -> person: link rate", text.StdOut, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.StdOut);
        var warnings = doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("payroll wave 2022 -> person", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("wave 2021", StringComparison.Ordinal));
    }

    /// <summary>A payroll wave keyed badly: new record ids, no NINOs, first name and surname swapped, dates of birth a year out.</summary>
    private static void Damage(string from, string to)
    {
        var lines = File.ReadAllLines(from);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var output = new List<string> { lines[0] };
        foreach (var line in lines.Skip(1))
        {
            if (line.Contains('"', StringComparison.Ordinal)) continue;
            var f = line.Split(',');
            f[Col("record_id")] = "X" + f[Col("record_id")];
            f[Col("nino")] = string.Empty;
            (f[Col("first_name")], f[Col("surname")]) = (f[Col("surname")] + "e", f[Col("first_name")]);
            f[Col("date_of_birth")] = DateOnly.Parse(f[Col("date_of_birth")], CultureInfo.InvariantCulture).AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            output.Add(string.Join(',', f));
        }

        File.WriteAllLines(to, output);
    }
}
