using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

/// <summary>
/// <c>adrn dataset add-wave</c> as a real child process killed with SIGKILL: at named points of the commit (the process
/// waits there when <c>ADRN_PAUSE_AT</c> names the point) and at arbitrary moments. Afterwards the store must be at
/// the previous version with the previous entities, and the same command, run again, must complete with exactly the ids
/// of an uninterrupted run.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class CrashTests : IClassFixture<CrashTests.Baseline>
{
    private readonly StoreFixture _store;
    private readonly Baseline _baseline;
    private readonly ITestOutputHelper _output;

    public CrashTests(StoreFixture store, Baseline baseline, ITestOutputHelper output)
    {
        _store = store;
        _baseline = baseline;
        _output = output;
        baseline.EnsureBuilt(store);
    }

    [Theory]
    [InlineData("linked")]
    [InlineData("objects-written")]
    [InlineData("committing")]
    public void A_wave_killed_at_a_commit_point_leaves_the_previous_version_and_a_rerun_gives_the_same_ids(string point)
    {
        var copy = _store.Copy(_baseline.Before);
        using (var child = AdrnProcess.Start(new Dictionary<string, string> { ["ADRN_PAUSE_AT"] = point }, AddPayroll2020(copy)))
        {
            Assert.True(child.WaitForLine("paused at " + point, TimeSpan.FromMinutes(3)), child.Output);
            child.Kill();
        }

        AssertPreviousVersion(copy);
        AssertRerunMatchesUninterruptedRun(copy);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1_500)]
    [InlineData(3_000)]
    public void A_wave_killed_at_an_arbitrary_moment_leaves_a_whole_version_and_a_rerun_gives_the_same_ids(int milliseconds)
    {
        var copy = _store.Copy(_baseline.Before);
        using (var child = AdrnProcess.Start(new Dictionary<string, string>(), AddPayroll2020(copy)))
        {
            Thread.Sleep(milliseconds);
            child.Kill();
        }

        using (var opened = DatasetStore.Open(copy))
        {
            // Either the wave was committed whole or not at all.
            var version = opened.HeadVersion;
            _output.WriteLine($"killed after {milliseconds} ms: version {version}");
            Assert.InRange(version, _baseline.BeforeVersion, _baseline.BeforeVersion + 1);
            if (version == _baseline.BeforeVersion) AssertPreviousVersion(copy);
        }

        AssertRerunMatchesUninterruptedRun(copy);
    }

    private string[] AddPayroll2020(string store) =>
        ["dataset", "add-wave", "--store", store, "--source", "payroll", "--wave", "2020", "--input", _store.Waves.Payroll("2020")];

    private void AssertPreviousVersion(string copy)
    {
        using var opened = DatasetStore.Open(copy);
        Assert.Equal(_baseline.BeforeVersion, opened.HeadVersion);
        var export = Path.Combine(_store.NewDirectory("export"), "entities.csv");
        opened.ExportEntities(export);
        Assert.Equal(File.ReadAllText(_baseline.BeforeEntities), File.ReadAllText(export));
    }

    private void AssertRerunMatchesUninterruptedRun(string copy)
    {
        var rerun = AdrnProcess.Run(AddPayroll2020(copy));
        Assert.True(rerun.ExitCode == 0, rerun.StdOut + rerun.StdErr);
        using var opened = DatasetStore.Open(copy);
        Assert.Equal(_baseline.BeforeVersion + 1, opened.HeadVersion);
        var export = Path.Combine(_store.NewDirectory("export"), "entities.csv");
        opened.ExportEntities(export);
        Assert.Equal(File.ReadAllText(_baseline.AfterEntities), File.ReadAllText(export));
        // Nothing left behind by the killed run.
        Assert.False(Directory.Exists(Path.Combine(copy, "staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(copy, "staging")).Any());
    }

    /// <summary>A store with register 2019, payroll 2019 and register 2020, and the entities after adding payroll 2020 uninterrupted.</summary>
    public sealed class Baseline
    {
        private readonly object _gate = new();

        public string Before { get; private set; } = string.Empty;

        public long BeforeVersion { get; private set; }

        public string BeforeEntities { get; private set; } = string.Empty;

        public string AfterEntities { get; private set; } = string.Empty;

        public void EnsureBuilt(StoreFixture store)
        {
            lock (_gate)
            {
                if (Before.Length > 0) return;
                var waves = store.Waves;
                Before = store.NewDirectory("before");
                using (var s = DatasetStore.Init(StoreBuilder.Spec, Before))
                {
                    s.AddWave(new AddWaveRequest("register", "2019", waves.Register("2019")));
                    s.AddWave(new AddWaveRequest("payroll", "2019", waves.Payroll("2019")));
                    s.AddWave(new AddWaveRequest("register", "2020", waves.Register("2020")));
                    BeforeVersion = s.HeadVersion;
                    BeforeEntities = Path.Combine(store.NewDirectory("export"), "before.csv");
                    s.ExportEntities(BeforeEntities);
                }

                var uninterrupted = store.Copy(Before);
                using (var s = DatasetStore.Open(uninterrupted))
                {
                    s.AddWave(new AddWaveRequest("payroll", "2020", waves.Payroll("2020")));
                    AfterEntities = Path.Combine(store.NewDirectory("export"), "after.csv");
                    s.ExportEntities(AfterEntities);
                }
            }
        }
    }
}
