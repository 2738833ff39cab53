using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

public sealed class EntityAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Persons_and_employers_stay_the_same_entities_across_three_waves()
    {
        var waves = SyntheticWaves.Instance;
        var dir = Path.Combine(Path.GetTempPath(), "adrn-store-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var clock = Stopwatch.StartNew();
            using var store = DatasetStore.Init(StoreBuilder.Spec, dir);
            foreach (var request in StoreBuilder.AllWaves(waves))
            {
                var result = store.AddWave(request);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{request.Source} {request.Wave}: {result.Records} records in {result.Seconds:F1} s; ") +
                                 string.Join("; ", result.Links.Select(l => $"{l.Spine}: linked {l.Linked}, within {l.LinkedWithinWave}, minted {l.Minted}, unlinked {l.Unlinked}")));
            }

            var entities = Path.Combine(dir, "entities.csv");
            store.ExportEntities(entities);
            var rows = EntityFile.Read(entities);
            var truth = EntityFile.Read(waves.Truth);
            var persons = EntityFile.PairwiseF1(rows, truth, "person");
            var employers = EntityFile.PairwiseF1(rows, truth, "employer");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"persons: precision {persons.Precision:F4}, recall {persons.Recall:F4}, F1 {persons.F1:F4} ({persons.TruePairs:N0} true pairs)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"employers: precision {employers.Precision:F4}, recall {employers.Recall:F4}, F1 {employers.F1:F4} ({employers.TruePairs:N0} true pairs)"));
            output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
            output.WriteLine(store.Status().ToText());
            Assert.True(persons.F1 >= 0.99, $"person F1 {persons.F1}");
            Assert.True(employers.F1 >= 0.98, $"employer F1 {employers.F1}");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
