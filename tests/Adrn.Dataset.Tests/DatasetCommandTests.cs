namespace Adrn.Dataset.Tests;

/// <summary>The <c>adrn dataset</c> commands as a user runs them (real processes): entities, relink, release, exit codes.</summary>
[Collection(StoreCollection.Name)]
public sealed class DatasetCommandTests(StoreFixture store)
{
    [Fact]
    public void Entities_relink_and_release_run_from_the_command_line()
    {
        var copy = store.Copy(store.Directory);
        var dir = store.NewDirectory("cli");
        var key = Path.Combine(dir, "release.key");
        File.WriteAllText(key, "a release key of at least sixteen characters");

        var entities = AdrnProcess.Run("dataset", "entities", "--store", copy, "--out", Path.Combine(dir, "entities.csv"));
        var relink = AdrnProcess.Run("dataset", "relink", "--store", copy, "--report", Path.Combine(dir, "changes.json"));
        var release = AdrnProcess.Run("dataset", "release", "--store", copy, "--out", Path.Combine(dir, "release"), "--key-file", key, "--formats", "csv,arrow");
        var cohort = AdrnProcess.Run("dataset", "release", "--store", copy, "--out", Path.Combine(dir, "cohort"), "--key-file", key, "--formats", "csv", "--cohort");

        Assert.True(entities.ExitCode == 0, entities.StdErr);
        Assert.Equal(File.ReadAllText(store.EntitiesPath), File.ReadAllText(Path.Combine(dir, "entities.csv")));
        Assert.True(relink.ExitCode == 0, relink.StdErr);
        Assert.Contains("person: ", relink.StdOut, StringComparison.Ordinal);
        Assert.Contains("0 moved", relink.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"records_moved\": 0", File.ReadAllText(Path.Combine(dir, "changes.json")), StringComparison.Ordinal);
        Assert.True(release.ExitCode == 0, release.StdErr);
        Assert.Contains("none found", release.StdOut, StringComparison.Ordinal);
        foreach (var file in new[] { "panel.csv", "panel.arrow", "codebook.md", "codebook.json", "manifest.json", "output_checks.jsonl" })
            Assert.True(File.Exists(Path.Combine(dir, "release", file)), file);
        Assert.True(cohort.ExitCode == 0, cohort.StdErr);
        Assert.True(File.Exists(Path.Combine(dir, "cohort", "cohort_histories.csv")));
    }

    [Fact]
    public void A_release_without_a_key_or_with_an_unknown_format_is_bad_usage()
    {
        var dir = store.NewDirectory("cli-usage");
        var key = Path.Combine(dir, "release.key");
        File.WriteAllText(key, "a release key of at least sixteen characters");
        var noKey = AdrnProcess.Run("dataset", "release", "--store", store.Directory, "--out", Path.Combine(dir, "a"), "--key-file", Path.Combine(dir, "missing.key"));
        var badFormat = AdrnProcess.Run("dataset", "release", "--store", store.Directory, "--out", Path.Combine(dir, "b"), "--key-file", key, "--formats", "xlsx");
        var notAStore = AdrnProcess.Run("dataset", "status", "--store", dir);

        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("missing.key", noKey.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.Contains("xlsx", badFormat.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, notAStore.ExitCode);
        Assert.Contains("not a dataset store", notAStore.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "a")));
    }
}
