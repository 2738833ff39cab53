namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class WaveReaddTests(StoreFixture store)
{
    [Fact]
    public void Re_adding_a_wave_with_the_same_bytes_is_a_no_op()
    {
        var copy = store.Copy(store.Directory);
        using var opened = DatasetStore.Open(copy);
        var before = opened.HeadVersion;

        var result = opened.AddWave(new AddWaveRequest("payroll", "2020", store.Waves.Payroll("2020")));

        Assert.False(result.Added);
        Assert.Equal(before, opened.HeadVersion);
        Assert.Equal(before, result.Version);
    }

    [Fact]
    public void Re_adding_a_wave_with_different_bytes_is_refused_and_changes_nothing()
    {
        var copy = store.Copy(store.Directory);
        var changed = Path.Combine(store.NewDirectory("changed"), "employees.csv");
        var lines = File.ReadAllLines(store.Waves.Payroll("2020"));
        File.WriteAllLines(changed, lines.Take(lines.Length - 1));
        using var opened = DatasetStore.Open(copy);
        var before = opened.HeadVersion;

        var error = Assert.Throws<WaveConflictException>(() => opened.AddWave(new AddWaveRequest("payroll", "2020", changed)));

        Assert.Contains("payroll wave 2020 is already in the store", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, opened.HeadVersion);
    }

    [Fact]
    public void The_command_exits_0_for_the_same_bytes_and_2_for_different_bytes()
    {
        var copy = store.Copy(store.Directory);
        var changed = Path.Combine(store.NewDirectory("changed"), "employers.csv");
        File.WriteAllText(changed, File.ReadAllText(store.Waves.Register("2021")).Replace("Ltd", "Limited", StringComparison.Ordinal));

        var same = AdrnProcess.Run("dataset", "add-wave", "--store", copy, "--source", "register", "--wave", "2021", "--input", store.Waves.Register("2021"));
        var different = AdrnProcess.Run("dataset", "add-wave", "--store", copy, "--source", "register", "--wave", "2021", "--input", changed);
        var unknown = AdrnProcess.Run("dataset", "add-wave", "--store", copy, "--source", "survey", "--wave", "2021", "--input", changed);

        Assert.True(same.ExitCode == 0, same.StdOut + same.StdErr);
        Assert.Contains("nothing to do", same.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, different.ExitCode);
        Assert.Contains("different bytes", different.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no source 'survey'", unknown.StdErr, StringComparison.Ordinal);
    }
}
