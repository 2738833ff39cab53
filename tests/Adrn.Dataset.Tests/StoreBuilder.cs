namespace Adrn.Dataset.Tests;

/// <summary>Builds stores from the example spec and the synthetic waves, in the order a curator would add them.</summary>
internal static class StoreBuilder
{
    public static string Spec => RepositoryPaths.Example(Path.Combine("dataset", "productive-society.json"));

    /// <summary>Register then payroll for each year, then the cohort sweep.</summary>
    public static IEnumerable<AddWaveRequest> AllWaves(SyntheticWaves waves)
    {
        foreach (var wave in waves.Labels)
        {
            yield return new AddWaveRequest("register", wave, waves.Register(wave));
            yield return new AddWaveRequest("payroll", wave, waves.Payroll(wave));
        }

        yield return new AddWaveRequest("cohort", waves.CohortLabel, waves.Cohort);
    }

    public static DatasetStore Build(string directory, SyntheticWaves waves, string? catalogConnection = null)
    {
        var store = DatasetStore.Init(Spec, directory, catalogConnection);
        foreach (var request in AllWaves(waves)) store.AddWave(request);
        return store;
    }
}
