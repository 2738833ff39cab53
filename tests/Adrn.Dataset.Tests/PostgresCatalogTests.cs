using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Dataset.Tests;

/// <summary>
/// The catalog in a real PostgreSQL server (started by the test on a private loopback port): the same waves give the same
/// entities as with the default SQLite catalog, and a SIGKILL inside the catalog transaction leaves the previous version.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class PostgresCatalogTests(StoreFixture store)
{
    [Fact]
    public void A_store_with_its_catalog_in_PostgreSQL_links_like_the_SQLite_one_and_survives_a_kill_inside_the_commit()
    {
        using var postgres = new PostgresServer();
        var waves = store.Waves;
        var dir = Path.Combine(store.NewDirectory("pg"), "store");
        using (var opened = DatasetStore.Init(StoreBuilder.Spec, dir, postgres.ConnectionString))
        {
            Assert.StartsWith("PostgreSQL", opened.CatalogDescription, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "catalog.db")));
            opened.AddWave(new AddWaveRequest("register", "2019", waves.Register("2019")));
            opened.AddWave(new AddWaveRequest("payroll", "2019", waves.Payroll("2019")));
            opened.AddWave(new AddWaveRequest("register", "2020", waves.Register("2020")));
        }

        // Opening needs the connection: the store folder names PostgreSQL but holds no password.
        Assert.Throws<ArgumentException>(() => DatasetStore.Open(dir));

        using (var child = AdrnProcess.Start(new Dictionary<string, string> { ["ADRN_PAUSE_AT"] = "committing", [DatasetStore.CatalogConnectionVariable] = postgres.ConnectionString },
                   "dataset", "add-wave", "--store", dir, "--source", "payroll", "--wave", "2020", "--input", waves.Payroll("2020")))
        {
            Assert.True(child.WaitForLine("paused at committing", TimeSpan.FromMinutes(3)), child.Output);
            child.Kill();
        }

        using (var opened = DatasetStore.Open(dir, postgres.ConnectionString))
        {
            Assert.Equal(4, opened.HeadVersion);
            var rerun = AdrnProcess.Run("dataset", "add-wave", "--store", dir, "--source", "payroll", "--wave", "2020", "--input", waves.Payroll("2020"),
                "--catalog-connection", postgres.ConnectionString);
            Assert.True(rerun.ExitCode == 0, rerun.StdOut + rerun.StdErr);
            Assert.Equal(5, opened.HeadVersion);
            opened.AddWave(new AddWaveRequest("register", "2021", waves.Register("2021")));
            opened.AddWave(new AddWaveRequest("payroll", "2021", waves.Payroll("2021")));
            opened.AddWave(new AddWaveRequest("cohort", waves.CohortLabel, waves.Cohort));
            var export = Path.Combine(store.NewDirectory("pg-export"), "entities.csv");
            opened.ExportEntities(export);
            Assert.Equal(File.ReadAllText(store.EntitiesPath), File.ReadAllText(export));
            Assert.Equal(store.Version, opened.HeadVersion);
        }
    }
}
