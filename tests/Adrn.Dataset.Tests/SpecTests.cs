using Adrn.Dataset.Spec;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class SpecTests(StoreFixture store)
{
    [Fact]
    public void The_example_spec_names_person_and_employer_spines_and_the_register_payroll_and_cohort_sources()
    {
        var spec = DatasetSpec.Load(StoreBuilder.Spec);

        Assert.Equal(["person", "employer"], spec.Spines.Select(s => s.Name));
        Assert.Equal(["register", "payroll", "cohort"], spec.Sources.Select(s => s.Name));
        Assert.Equal(["person", "employer"], spec.Source("payroll").Links.Select(l => l.Spine));
        Assert.True(spec.Source("payroll").LinkTo("person")!.DedupeWithinWave);
        Assert.False(spec.Source("payroll").LinkTo("employer")!.Mint);
        // The stored form (jobs inlined) reads back to the same spec.
        var again = DatasetSpec.Parse(spec.ToJson(), Path.GetTempPath());
        Assert.Equal(spec.ToJson(), again.ToJson());
    }

    [Fact]
    public void An_invalid_spec_is_refused_with_every_problem_at_once_and_the_command_exits_2()
    {
        var path = SpecVariants.Write(store.NewDirectory("bad-spec"), spec =>
        {
            spec["colour"] = "blue";
            SpecVariants.Source(spec, "payroll")["links"]![1]!["spine"] = "household";
            SpecVariants.Source(spec, "cohort")["links"]![0]!["job"] = "jobs/none.json";
            spec["spines"]![0]!["id_prefix"] = "per";
        });

        var error = Assert.Throws<DatasetSpecException>(() => DatasetSpec.Load(path));
        Assert.Contains(error.Problems, p => p.StartsWith("colour: unknown field", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("jobs/none.json", StringComparison.Ordinal) && p.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("id_prefix", StringComparison.Ordinal));

        var cli = AdrnProcess.Run("dataset", "init", "--spec", path, "--store", Path.Combine(store.NewDirectory("cli"), "store"));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("colour: unknown field", cli.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_job_must_have_a_wave_and_a_spine_source_reading_only_spine_columns()
    {
        var path = SpecVariants.Write(store.NewDirectory("bad-job"), spec =>
        {
            var job = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryPaths.Example(Path.Combine("dataset", "jobs", "payroll-employer.json"))))!;
            job["sources"]![1]!["columns"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "paye_ref": "employer_paye" }""");
            job["resolution"]!["method"] = "clusters";
            SpecVariants.Source(spec, "payroll")["links"]![1]!["job"] = job;
        });

        var error = Assert.Throws<DatasetSpecException>(() => DatasetSpec.Load(path));

        Assert.Contains(error.Problems, p => p.Contains("resolution.method", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wave_whose_deterministic_rules_find_no_duplicates_keeps_its_records_apart_and_the_next_wave_trains_the_model()
    {
        // Payroll 2019 with every second job removed: nothing for the within-wave model to train on.
        var waves = store.Waves;
        var dir = store.NewDirectory("no-duplicates");
        var single = Path.Combine(dir, "employees.csv");
        var firstJob = EntityFile.Read(waves.Truth).Where(t => t.Source == "payroll" && t.EntityType == "person" && t.Wave == "2019")
            .GroupBy(t => t.EntityId).Select(g => g.First().RecordId).ToHashSet();
        File.WriteAllLines(single, File.ReadAllLines(waves.Payroll("2019")).Where((l, i) => i == 0 || firstJob.Contains(l[..l.IndexOf(',', StringComparison.Ordinal)])));
        using var opened = DatasetStore.Init(StoreBuilder.Spec, Path.Combine(dir, "store"));
        opened.AddWave(new AddWaveRequest("register", "2019", waves.Register("2019")));

        var first = opened.AddWave(new AddWaveRequest("payroll", "2019", single));
        var entitiesAfterFirst = opened.Status().Entities["person"];
        var second = opened.AddWave(new AddWaveRequest("payroll", "2020", waves.Payroll("2020")));

        Assert.Equal(first.Records, first.Links.Single(l => l.Spine == "person").Minted);
        Assert.Equal(firstJob.Count, entitiesAfterFirst);
        Assert.True(second.Links.Single(l => l.Spine == "person").Linked > 0.9 * second.Records);
        var head = opened.ReadHead();
        Assert.Null(head.Models.FirstOrDefault(m => m.Source == "payroll" && m.Kind == "dedupe" && m.TrainedOnWave == "2019"));
        Assert.NotNull(head.Models.FirstOrDefault(m => m.Source == "payroll" && m.Kind == "dedupe" && m.TrainedOnWave == "2020"));
    }
}
