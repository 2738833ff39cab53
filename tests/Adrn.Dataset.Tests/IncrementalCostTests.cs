using System.Globalization;
using Adrn.Dataset.Linking;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

/// <summary>
/// Adding a wave costs the wave, not the store (issue 13, docs/dataset.md): a wave is read and standardised once per link
/// job and linked to the spine's representatives kept prepared per job, so nothing of the earlier waves is standardised
/// again; and the links are exactly those of the job run on the wave and a spine file of the representatives.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class IncrementalCostTests : IClassFixture<IncrementalCostTests.TwoYears>
{
    private readonly StoreFixture _store;
    private readonly TwoYears _before;
    private readonly ITestOutputHelper _output;

    public IncrementalCostTests(StoreFixture store, TwoYears before, ITestOutputHelper output)
    {
        _store = store;
        _before = before;
        _output = output;
        before.EnsureBuilt(store);
    }

    [Fact]
    public void Adding_a_payroll_wave_standardises_its_records_and_only_the_representatives_its_jobs_have_not_prepared()
    {
        var waves = _store.Waves;
        var copy = _store.Copy(_before.Directory);
        using var store = DatasetStore.Open(copy);
        var result = store.AddWave(new AddWaveRequest("payroll", waves.Labels[2], waves.Payroll(waves.Labels[2])));
        foreach (var w in result.Work)
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{w.Spine} {w.Kind}: wave {w.WaveRecords:N0}, spine {w.SpineRecords:N0} ({w.SpineRecordsStandardised:N0} standardised, {w.SpineRecordsInBlocks:N0} in the wave's blocks), {w.CandidatePairs:N0} pairs"));

        // Three runs: to the person spine, within the wave, to the employer spine; each read the wave's records only.
        Assert.Equal(["person/link", "person/within_wave", "employer/link"], result.Work.Select(w => w.Spine + "/" + w.Kind));
        Assert.All(result.Work, w => Assert.Equal(result.Records, w.WaveRecords));

        // Person spine: every representative was prepared when its record was linked (payroll 2020's records became
        // representatives with the values the payroll job standardised for them): nothing of earlier waves again.
        var person = result.Work[0];
        var personBefore = result.Links.Single(l => l.Spine == "person").SpineEntitiesBefore;
        Assert.Equal(personBefore, person.SpineRecords);
        Assert.Equal(0, person.SpineRecordsStandardised);

        // Employer spine: the payroll job lacks only the representatives the register wave of this year brought in since
        // it last ran — register 2021's records that were linked or founded an entity (one per entity, one_to_one),
        // counted from that wave's own ledger summary — and standardises none of them: the register's link job prepared
        // them alike (the same columns, standardisers and spine columns), so their values are taken from its prepared
        // spine. (The links this gives are checked against a run of the job on files below.)
        var register = _before.Register2021Summary;
        var employer = result.Work[2];
        Assert.Equal(register.Linked + register.Minted, employer.SpineRecordsReused);
        Assert.Equal(0, employer.SpineRecordsStandardised);
        Assert.True(employer.SpineRecordsReused < employer.SpineRecords);
        Assert.Equal(0, person.SpineRecordsReused);

        // The blocks the wave touches hold at least the representatives it linked to, and at most the whole spine.
        var linked = LedgerOf(store, "payroll", waves.Labels[2], "person").Where(r => r.Method == RecordAssignment.Linked).Select(r => r.EntityId).Distinct().Count();
        Assert.InRange(person.SpineRecordsInBlocks, linked, person.SpineRecords);
    }

    [Theory]
    [InlineData("person", "payroll", "record_id")]
    [InlineData("employer", "register", "employer_id")]
    public void Links_to_the_prepared_spine_equal_a_run_of_the_job_on_the_wave_and_a_spine_file_of_the_representatives(string spineName, string representing, string idColumn)
    {
        // Reference: LinkageJob.Run (the pipeline as adrn link runs it) on the wave file and a spine file written here from
        // the representatives' records in their own wave files, with the store's model; then the store's add-wave.
        var waves = _store.Waves;
        var wave = waves.Labels[2];
        var copy = _store.Copy(_before.Directory);
        var dir = _store.NewDirectory("reference");
        string spineFile, modelFile, job;
        Dictionary<string, string> entityOfKey;
        using (var store = DatasetStore.Open(copy))
        {
            var head = store.ReadHead();
            var spec = store.SpecOf(head);
            var state = store.LinkingStateOf(head, spec);
            var spine = spec.Spine(spineName);
            var representatives = state.Spines[spineName].Representatives.ToList();
            entityOfKey = representatives.ToDictionary(r => r.RecordKey, r => r.EntityId, StringComparer.Ordinal);
            spineFile = WriteSpineFile(dir, spine.Columns, representing, idColumn, spine.Representatives.Single(r => r.Source == representing).Columns, representatives);
            modelFile = store.Objects.PathOf(head.LatestModel("payroll", spineName, LinkingState.LinkModel)!.ModelObject);
            job = spec.Source("payroll").LinkTo(spineName)!.JobJson;
        }

        var config = LinkageJobConfig.Parse(job, dir, new Dictionary<string, string> { ["wave"] = waves.Payroll(wave), ["spine"] = spineFile }) with { Truth = null };
        var reference = LinkageJob.Run(config, Path.Combine(dir, "out"), new LinkageRunOptions { ModelPath = modelFile, Formats = [SourceFormat.Arrow] });
        var expected = new Dictionary<string, (string Entity, double Probability)>(StringComparer.Ordinal);
        var links = SourceReader.Read(reference.Files["links"][0], SourceFormat.Arrow, ["id_l", "id_r", "match_probability"]);
        for (var i = 0; i < links.RowCount; i++)
            expected[links.Column("id_l")[i]!] = (entityOfKey[links.Column("id_r")[i]!], double.Parse(links.Column("match_probability")[i]!, CultureInfo.InvariantCulture));

        using var added = DatasetStore.Open(copy);
        added.AddWave(new AddWaveRequest("payroll", wave, waves.Payroll(wave)));
        var actual = LedgerOf(added, "payroll", wave, spineName).Where(r => r.Method == RecordAssignment.Linked)
            .ToDictionary(r => r.RecordId, r => (r.EntityId!, r.Probability!.Value), StringComparer.Ordinal);
        _output.WriteLine($"{expected.Count:N0} links by the reference run, {actual.Count:N0} records linked by add-wave");
        Assert.True(expected.Count > 1000);
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    private static IReadOnlyList<RecordAssignment> LedgerOf(DatasetStore store, string source, string wave, string spine)
    {
        var entry = store.ReadHead().Ledgers.Single(l => l.Source == source && l.Wave == wave && l.Spine == spine);
        return LedgerTable.Read(store.Objects.PathOf(entry.LedgerObject));
    }

    /// <summary>A spine file (record_key and the spine's columns) of the representatives, their values read from their wave files here.</summary>
    private string WriteSpineFile(string dir, IReadOnlyList<string> spineColumns, string source, string idColumn, IReadOnlyDictionary<string, string> sourceColumns,
        IReadOnlyList<SpineTable.Representative> representatives)
    {
        var byWave = new Dictionary<string, Dictionary<string, string?[]>>(StringComparer.Ordinal);
        foreach (var label in _store.Waves.Labels)
        {
            // A spine column the source does not fill stays empty (as the store's representatives leave it).
            var fileColumns = spineColumns.Select(c => sourceColumns.TryGetValue(c, out var f) ? f : null).ToList();
            var file = source == "payroll" ? _store.Waves.Payroll(label) : _store.Waves.Register(label);
            var table = SourceReader.Read(file, SourceFormat.Csv, [idColumn, .. fileColumns.OfType<string>().Distinct(StringComparer.Ordinal)]);
            var rows = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            for (var i = 0; i < table.RowCount; i++) rows[table.Column(idColumn)[i]!] = fileColumns.Select(c => c is null ? null : table.Column(c)[i]).ToArray();
            byWave[label] = rows;
        }

        var path = Path.Combine(dir, "spine.csv");
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(",", ["record_key", .. spineColumns]));
        foreach (var r in representatives.OrderBy(r => r.RecordKey, StringComparer.Ordinal))
        {
            var parts = r.RecordKey.Split('|');
            Assert.Equal(source, parts[0]);
            writer.WriteLine(string.Join(",", [r.RecordKey, .. byWave[parts[1]][parts[2]].Select(Quote)]));
        }

        return path;
    }

    private static string Quote(string? value) => value is null ? string.Empty : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A store holding two years (register and payroll 2019 and 2020) and register 2021, built once.</summary>
    public sealed class TwoYears
    {
        private readonly Lock _gate = new();

        public string Directory { get; private set; } = string.Empty;

        /// <summary>What adding register 2021 did.</summary>
        public WaveLinkSummary Register2021Summary { get; private set; } = null!;

        public void EnsureBuilt(StoreFixture fixture)
        {
            lock (_gate)
            {
                if (Directory.Length > 0) return;
                var waves = fixture.Waves;
                var dir = fixture.NewDirectory("two-years");
                using var store = DatasetStore.Init(StoreBuilder.Spec, dir);
                foreach (var label in waves.Labels.Take(2))
                {
                    store.AddWave(new AddWaveRequest("register", label, waves.Register(label)));
                    store.AddWave(new AddWaveRequest("payroll", label, waves.Payroll(label)));
                }

                Register2021Summary = store.AddWave(new AddWaveRequest("register", waves.Labels[2], waves.Register(waves.Labels[2]))).Links.Single();
                Directory = dir;
            }
        }
    }
}
