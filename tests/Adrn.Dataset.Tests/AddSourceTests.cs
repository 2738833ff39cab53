using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class AddSourceTests(StoreFixture store, ITestOutputHelper output)
{
    [Fact]
    public void A_survey_added_to_an_existing_store_links_to_its_employers_and_its_variables_appear_in_the_next_release()
    {
        var copy = store.Copy(store.Directory);
        var dir = store.NewDirectory("survey");
        using var opened = DatasetStore.Open(copy);
        var before = opened.Spec.Release.Variables.Count;

        var spec = opened.AddSource(RepositoryPaths.Example(Path.Combine("dataset", "survey-source.json")));

        Assert.Equal("survey", spec.Sources[^1].Name);
        Assert.Equal(before + 2, opened.Spec.Release.Variables.Count);
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var wave in store.Waves.Labels)
        {
            var file = Path.Combine(dir, wave + ".csv");
            foreach (var (surveyRef, registerId) in SurveyWave.Write(store.Waves.Register(wave), wave, file)) truth[surveyRef] = registerId;
            var added = opened.AddWave(new AddWaveRequest("survey", wave, file));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"survey {wave}: {added.Records} records, {added.Links[0].Linked} linked"));
        }

        // Reference: the register record each survey row was drawn from, and that record's employer entity in the store.
        var export = Path.Combine(dir, "entities.csv");
        opened.ExportEntities(export);
        var rows = EntityFile.Read(export);
        var registerEntity = rows.Where(r => r.Source == "register").ToDictionary(r => r.RecordId, r => r.EntityId);
        var survey = rows.Where(r => r.Source == "survey").ToList();
        var linked = survey.Where(r => r.EntityId is not null).ToList();
        var correct = linked.Count(r => registerEntity[truth[r.RecordId]] == r.EntityId);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"survey records {survey.Count:N0}, linked {linked.Count:N0} ({(double)linked.Count / survey.Count:P1}), correct {(double)correct / linked.Count:P2}"));
        Assert.True(correct >= 0.98 * linked.Count);
        Assert.True(linked.Count >= 0.9 * survey.Count);

        var release = Path.Combine(dir, "release");
        opened.Release(new ReleaseRequest(release, PseudonymKey.CreateEphemeral(), [SourceFormat.Arrow]));
        var columns = ReleaseFiles.Columns(Path.Combine(release, "panel.arrow"));
        Assert.Contains("survey_capital_expenditure", columns);
        Assert.Contains("survey_rd_expenditure", columns);
        Assert.Contains("survey_capital_expenditure", File.ReadAllText(Path.Combine(release, "codebook.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_source_definition_is_refused_naming_the_problem_and_the_store_is_unchanged()
    {
        var copy = store.Copy(store.Directory);
        var definition = Path.Combine(store.NewDirectory("definition"), "bad.json");
        File.WriteAllText(definition, """
            { "source": { "name": "payroll", "id_column": "x", "classifications": {}, "links": [ { "spine": "household", "job": "missing.json" } ] } }
            """);
        using var opened = DatasetStore.Open(copy);

        var error = Assert.Throws<Spec.DatasetSpecException>(() => opened.AddSource(definition));

        Assert.Contains(error.Problems, p => p.Contains("missing.json", StringComparison.Ordinal));
        Assert.Equal(store.Version, opened.HeadVersion);
    }
}

/// <summary>
/// A synthetic firm survey drawn from a register snapshot: about 40% of enterprises respond, giving their name (registered,
/// or trading name when they have one, half the time, sometimes in capitals), postcode (10% missing) and Companies House
/// number (25% missing), with capital and R&amp;D expenditure.
/// </summary>
internal static class SurveyWave
{
    public static IReadOnlyList<(string SurveyRef, string RegisterId)> Write(string registerFile, string wave, string path)
    {
        var lines = File.ReadAllLines(registerFile);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var rng = new Random(int.Parse(wave, CultureInfo.InvariantCulture));
        var rows = new List<string> { "survey_ref,business_name,postcode,ch_number,capital_expenditure,rd_expenditure" };
        var truth = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Contains('"', StringComparison.Ordinal) || rng.NextDouble() >= 0.4) continue;
            var f = line.Split(',');
            var name = f[Col("trading_name")].Length > 0 && rng.NextDouble() < 0.5 ? f[Col("trading_name")] : f[Col("registered_name")];
            if (rng.NextDouble() < 0.2) name = name.ToUpperInvariant();
            var postcode = rng.NextDouble() < 0.1 ? string.Empty : f[Col("postcode")];
            var ch = rng.NextDouble() < 0.25 ? string.Empty : f[Col("ch_number")];
            var investment = double.Parse(f[Col("investment")], CultureInfo.InvariantCulture);
            var surveyRef = string.Create(CultureInfo.InvariantCulture, $"SV{wave}{truth.Count:D5}");
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{surveyRef},{name},{postcode},{ch},{Math.Round(investment * (0.8 + 0.4 * rng.NextDouble()))},{Math.Round(investment * 0.1 * rng.NextDouble())}"));
            truth.Add((surveyRef, f[Col("employer_id")]));
        }

        File.WriteAllLines(path, rows);
        return truth;
    }
}
