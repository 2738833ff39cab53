using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class RelinkTests(StoreFixture store, ITestOutputHelper output)
{
    [Fact]
    public void A_relink_with_the_unchanged_jobs_changes_no_id()
    {
        var copy = store.Copy(store.Directory);
        using var opened = DatasetStore.Open(copy);

        var result = opened.Relink(new RelinkRequest());

        var after = Path.Combine(store.NewDirectory("after"), "entities.csv");
        opened.ExportEntities(after);
        Assert.Equal(File.ReadAllText(store.EntitiesPath), File.ReadAllText(after));
        Assert.Equal(store.Version + 1, result.Version);
        Assert.All(result.Changes.Spines, s =>
        {
            Assert.Equal(0, s.RecordsMoved);
            Assert.Equal(0, s.Splits);
            Assert.Equal(0, s.Merges);
            Assert.Equal(s.EntitiesBefore, s.EntitiesAfter);
            Assert.Equal(s.EntitiesBefore, s.Kept);
        });
    }

    [Fact]
    public void A_relink_with_a_changed_threshold_reports_changes_that_reconcile_with_the_spines_before_and_after()
    {
        var copy = store.Copy(store.Directory);
        var job = Path.Combine(store.NewDirectory("job"), "payroll-person-strict.json");
        var original = File.ReadAllText(RepositoryPaths.Example(Path.Combine("dataset", "jobs", "payroll-person.json")));
        Assert.Contains("\"match_probability\": 0.5", original, StringComparison.Ordinal);
        File.WriteAllText(job, original.Replace("\"match_probability\": 0.5", "\"match_probability\": 0.999999", StringComparison.Ordinal));
        using var opened = DatasetStore.Open(copy);

        var result = opened.Relink(new RelinkRequest(job, "payroll", "person"));

        output.WriteLine(result.Changes.ToText());
        var after = Path.Combine(store.NewDirectory("after"), "entities.csv");
        opened.ExportEntities(after);
        var before = EntityFile.Read(store.EntitiesPath);
        var now = EntityFile.Read(after);
        foreach (var spine in new[] { "person", "employer" })
        {
            var expected = Independent(before, now, spine);
            var reported = result.Changes.Spines.Single(s => s.Spine == spine);
            Assert.Equal(expected.EntitiesBefore, reported.EntitiesBefore);
            Assert.Equal(expected.EntitiesAfter, reported.EntitiesAfter);
            Assert.Equal(expected.Moved, reported.RecordsMoved);
            Assert.Equal(expected.Splits, reported.Splits);
            Assert.Equal(expected.Merges, reported.Merges);
            Assert.Equal(expected.Kept, reported.Kept);
            Assert.Equal(reported.EntitiesBefore - reported.Retired + reported.Minted, reported.EntitiesAfter);
            Assert.Equal(expected.Records, reported.Records);
        }

        var person = result.Changes.Spines.Single(s => s.Spine == "person");
        Assert.True(person.Splits > 0, "a stricter threshold must split some persons");
        // Ids survive where the entity is essentially unchanged: every old person id is kept.
        Assert.Equal(person.EntitiesBefore, person.Kept);
        Assert.NotEmpty(person.SplitExamples);
        Assert.NotEmpty(person.MovedExamples);
        // The new job is the store's job from now on: the status's version list names it.
        Assert.Contains("new job for payroll->person", opened.Versions()[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_job_for_a_link_that_does_not_exist_is_refused()
    {
        var copy = store.Copy(store.Directory);
        using var opened = DatasetStore.Open(copy);
        var job = RepositoryPaths.Example(Path.Combine("dataset", "jobs", "payroll-person.json"));

        Assert.Throws<ArgumentException>(() => opened.Relink(new RelinkRequest(job, "register", "person")));
        Assert.Equal(store.Version, opened.HeadVersion);
    }

    /// <summary>Counts computed from the two entity exports alone (records keyed by source, wave, id).</summary>
    private static (long EntitiesBefore, long EntitiesAfter, long Kept, long Moved, long Splits, long Merges, long Records) Independent(
        IReadOnlyList<EntityFile.Row> before, IReadOnlyList<EntityFile.Row> after, string spine)
    {
        var old = before.Where(r => r.EntityType == spine).ToDictionary(r => r.Key, r => r.EntityId);
        var neu = after.Where(r => r.EntityType == spine).ToDictionary(r => r.Key, r => r.EntityId);
        Assert.Equal(old.Keys.Order(), neu.Keys.Order());
        var moved = old.Keys.Count(k => old[k] != neu[k]);
        var splits = old.Where(kv => kv.Value is not null && neu[kv.Key] is not null).GroupBy(kv => kv.Value).Count(g => g.Select(kv => neu[kv.Key]).Distinct().Count() > 1);
        var merges = neu.Where(kv => kv.Value is not null && old[kv.Key] is not null).GroupBy(kv => kv.Value).Count(g => g.Select(kv => old[kv.Key]).Distinct().Count() > 1);
        var oldIds = old.Values.OfType<string>().ToHashSet();
        var newIds = neu.Values.OfType<string>().ToHashSet();
        return (oldIds.Count, newIds.Count, oldIds.Count(newIds.Contains), moved, splits, merges, old.Count);
    }
}
