using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;
using Adrn.Notebooks.Tests;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

/// <summary>
/// Notebook 02 (the productivity puzzle) run on a research release of the store, all three waves, instead of a linkage run
/// of its own — executed cell by cell in a C# kernel as tests/Adrn.Notebooks.Tests runs it. The planted comparisons get
/// the truth keyed by the release's employer pseudonyms from the trusted side (this test holds the release key).
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class ReleaseNotebookTests(StoreFixture store, ITestOutputHelper output)
{
    private static readonly string[] Variables =
        ["ADRN_STUDY_EMPLOYERS", "ADRN_STUDY_EMPLOYEES", "ADRN_STUDY_COHORT", "ADRN_STUDY_YEARS", "ADRN_STUDY_SEED", "ADRN_STUDY_DIR", "ADRN_STUDY_RELEASE", "ADRN_STUDY_RELEASE_TRUTH"];

    [Fact]
    public async Task Notebook_02_runs_on_a_release_of_the_persistent_dataset()
    {
        var dir = store.NewDirectory("notebook");
        var release = Path.Combine(dir, "release");
        var key = PseudonymKey.FromSecret("notebook release key, 32 chars!");
        using (var opened = DatasetStore.Open(store.Directory))
            opened.Release(new ReleaseRequest(release, key, [SourceFormat.Arrow]));
        var truth = Path.Combine(dir, "truth_by_employer_key.csv");
        WriteTruthByEmployerKey(truth, key);

        var options = store.Waves.Options;
        var values = new Dictionary<string, string>
        {
            ["ADRN_STUDY_EMPLOYERS"] = options.Employers.ToString(CultureInfo.InvariantCulture),
            ["ADRN_STUDY_EMPLOYEES"] = options.Employees.ToString(CultureInfo.InvariantCulture),
            ["ADRN_STUDY_COHORT"] = options.Cohort.ToString(CultureInfo.InvariantCulture),
            ["ADRN_STUDY_YEARS"] = options.Years.ToString(CultureInfo.InvariantCulture),
            ["ADRN_STUDY_SEED"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["ADRN_STUDY_DIR"] = Path.Combine(dir, "study"),
            ["ADRN_STUDY_RELEASE"] = release,
            ["ADRN_STUDY_RELEASE_TRUTH"] = truth,
        };
        NotebookRun run;
        try
        {
            foreach (var (name, value) in values) Environment.SetEnvironmentVariable(name, value);
            run = await NotebookRunner.RunAsync(RepositoryPaths.Notebook("02-productivity-puzzle.ipynb"), new Dictionary<string, string>
            {
                ["panel"] = "panel.Path",
                ["rows"] = "panel.Summary.Rows",
                ["firms"] = "firms.FirmCount",
                ["models"] = "models.Models.Count",
                ["management_ci_low"] = "plantedFit[\"management_score\"].CiLow",
                ["management_ci_high"] = "plantedFit[\"management_score\"].CiHigh",
                ["management_planted"] = "study.Planted.Coefficients[\"management_score\"]",
                ["akm_firm_corr"] = "double.Parse(ProductivityAnalysis.CompareFirmEffectsWithPlanted(akm, study).Cell(1, \"value\"), System.Globalization.CultureInfo.InvariantCulture)",
            });
        }
        finally
        {
            foreach (var name in Variables) Environment.SetEnvironmentVariable(name, null);
        }

        Assert.True(run.Errors.Count == 0, string.Join("\n", run.Errors));
        output.WriteLine(string.Join(", ", run.Probes.Select(p => $"{p.Key} = {p.Value}")));
        Assert.Equal(Path.Combine(release, "panel.arrow"), (string)run.Probes["panel"]!);
        // Every payroll record of the three waves is a row of the release panel.
        Assert.Equal(File.ReadLines(store.EntitiesPath).Count(l => l.StartsWith("payroll,", StringComparison.Ordinal)) / 2, Convert.ToInt64(run.Probes["rows"], CultureInfo.InvariantCulture));
        Assert.Equal(3, Convert.ToInt32(run.Probes["models"], CultureInfo.InvariantCulture));
        Assert.True(Convert.ToInt32(run.Probes["firms"], CultureInfo.InvariantCulture) > 400);
        var planted = Convert.ToDouble(run.Probes["management_planted"], CultureInfo.InvariantCulture);
        Assert.Equal(0.77, planted, 6); // docs/synthetic-data.md: 0.77·management_score
        Assert.InRange(planted, Convert.ToDouble(run.Probes["management_ci_low"], CultureInfo.InvariantCulture), Convert.ToDouble(run.Probes["management_ci_high"], CultureInfo.InvariantCulture));
        // The release panel holds every job, second jobs (about 4%, part time, paid for their hours) included, so the
        // notebook's AKM on annual pay is noisier than on one job per person (0.83 on these waves without second jobs,
        // measured; docs/dataset.md): its firm effects must still track the planted ones.
        Assert.True(Convert.ToDouble(run.Probes["akm_firm_corr"], CultureInfo.InvariantCulture) > 0.1);
        Assert.Contains(run.HtmlOutputs, h => h.Contains("AKM decomposition", StringComparison.Ordinal));
    }

    /// <summary>
    /// The trusted side's truth for a synthetic release: each employer entity of the store gets the planted values of the
    /// true employer most of its register records belong to (truth/wave_entities.csv), keyed by its pseudonym in the release.
    /// </summary>
    private void WriteTruthByEmployerKey(string path, PseudonymKey key)
    {
        var trueOf = EntityFile.Read(store.Waves.Truth).Where(t => t.Source == "register").ToDictionary(t => t.RecordId, t => t.EntityId!);
        var majority = EntityFile.Read(store.EntitiesPath).Where(r => r.Source == "register" && r.EntityId is not null)
            .GroupBy(r => r.EntityId!)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => trueOf[r.RecordId]).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key);
        var planted = File.ReadAllLines(Path.Combine(store.Waves.Directory, "truth", "employers.csv"));
        var header = planted[0].Split(',');
        var byTrueId = planted.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f);
        var lines = new List<string> { "employer_key," + string.Join(',', header.Skip(1).Take(2)) };
        foreach (var (entity, trueId) in majority)
            if (byTrueId.TryGetValue(trueId, out var f)) lines.Add(key.Pseudonymise("employer", entity) + "," + string.Join(',', f.Skip(1).Take(2)));
        File.WriteAllLines(path, lines);
    }
}
