using System.Globalization;
using Adrn.Dataset.Linking;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class EntityAccuracyTests(StoreFixture store, ITestOutputHelper output)
{
    [Fact]
    public void Persons_and_employers_stay_the_same_entities_across_three_waves()
    {
        // Reference: the generator's truth/wave_entities.csv (the true person and employer behind every record).
        var rows = EntityFile.Read(store.EntitiesPath);
        var truth = EntityFile.Read(store.Waves.Truth);
        var persons = EntityFile.PairwiseF1(rows, truth, "person");
        var employers = EntityFile.PairwiseF1(rows, truth, "employer");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"persons:   precision {persons.Precision:F4}, recall {persons.Recall:F4}, pairwise F1 {persons.F1:F4} ({persons.TruePairs:N0} true pairs)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"employers: precision {employers.Precision:F4}, recall {employers.Recall:F4}, pairwise F1 {employers.F1:F4} ({employers.TruePairs:N0} true pairs)"));

        Assert.True(persons.F1 >= 0.99, $"person pairwise F1 {persons.F1:F4} < 0.99");
        Assert.True(employers.F1 >= 0.98, $"employer pairwise F1 {employers.F1:F4} < 0.98");
        // Not trivially perfect on employers: payroll names employers the register lists only a year later.
        Assert.True(employers.Recall < 1.0);
    }

    [Fact]
    public void Every_record_of_every_wave_has_its_entity_probability_rule_and_model_in_the_ledger()
    {
        using var opened = DatasetStore.Open(store.Directory);
        var head = opened.ReadHead();
        var spec = opened.SpecOf(head);
        var truth = EntityFile.Read(store.Waves.Truth);
        Assert.Equal(truth.Count, EntityFile.Read(store.EntitiesPath).Count);
        var methods = new Dictionary<string, int>();
        foreach (var (wave, ledger) in DatasetStore.LedgersInOrder(head, spec))
        {
            var rows = LedgerTable.Read(opened.Objects.PathOf(ledger.LedgerObject));
            Assert.Equal(wave.Records, rows.Count);
            foreach (var row in rows)
            {
                methods[row.Method] = methods.GetValueOrDefault(row.Method) + 1;
                if (row.Method == RecordAssignment.Linked)
                {
                    // A link names its entity, probability, blocking rule and the model version that scored it.
                    Assert.NotNull(row.EntityId);
                    Assert.InRange(row.Probability!.Value, 0.5, 1.0);
                    Assert.False(string.IsNullOrEmpty(row.Rule));
                    Assert.NotEqual("?", row.Rule);
                    Assert.Matches(@"^\w+->\w+/link@\d+$", row.Model!);
                }
                else if (row.Method == RecordAssignment.Unlinked)
                {
                    Assert.Null(row.EntityId);
                }
                else
                {
                    Assert.NotNull(row.EntityId);
                }
            }
        }

        output.WriteLine(string.Join(", ", methods.Select(m => $"{m.Key} {m.Value}")));
        Assert.True(methods.GetValueOrDefault(RecordAssignment.Linked) > 0);
        Assert.True(methods.GetValueOrDefault(RecordAssignment.Minted) > 0);
        Assert.True(methods.GetValueOrDefault(RecordAssignment.Unlinked) > 0);
    }

    [Fact]
    public void A_person_with_two_jobs_in_one_payroll_wave_is_one_entity()
    {
        // Truth pairs of payroll records in the same wave with the same true person: second jobs.
        var truth = EntityFile.Read(store.Waves.Truth).Where(t => t.Source == "payroll" && t.EntityType == "person").ToList();
        var entity = EntityFile.Read(store.EntitiesPath).Where(r => r.EntityType == "person").ToDictionary(r => r.Key, r => r.EntityId);
        var secondJobs = truth.GroupBy(t => (t.Wave, t.EntityId)).Where(g => g.Count() == 2).ToList();
        Assert.True(secondJobs.Count > 100, $"only {secondJobs.Count} second jobs in the synthetic waves");
        var joined = secondJobs.Count(g => g.Select(t => entity[t.Key]).Distinct().Count() == 1);
        output.WriteLine($"{joined} of {secondJobs.Count} second jobs share their person's entity");
        Assert.True(joined >= 0.99 * secondJobs.Count);
    }
}
