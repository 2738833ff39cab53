using System.Security.Cryptography;
using System.Text.Json;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;
using Xunit.Abstractions;

namespace Adrn.Dataset.Tests;

[Collection(StoreCollection.Name)]
public sealed class ReleaseTests : IClassFixture<ReleaseTests.Releases>
{
    private static readonly string[] Formats = ["panel.arrow", "panel.csv", "panel.parquet"];
    private readonly StoreFixture _store;
    private readonly Releases _releases;
    private readonly ITestOutputHelper _output;

    public ReleaseTests(StoreFixture store, Releases releases, ITestOutputHelper output)
    {
        _store = store;
        _releases = releases;
        _output = output;
        releases.EnsureWritten(store);
    }

    [Fact]
    public void No_release_file_holds_a_name_nino_date_of_birth_postcode_paye_reference_or_record_id()
    {
        var forbidden = ForbiddenValuesOf(_store, exemptCohortIds: false);
        foreach (var release in new[] { _releases.First, _releases.Second })
        {
            var files = Directory.EnumerateFiles(release, "*", SearchOption.AllDirectories).ToList();
            Assert.True(files.Count >= 9, string.Join(", ", files));
            foreach (var file in files) AssertClean(file, forbidden);
        }
    }

    [Fact]
    public void The_cohort_release_is_keyed_by_cohort_ids_and_holds_no_other_identifier_or_spine_key()
    {
        var forbidden = ForbiddenValuesOf(_store, exemptCohortIds: true);
        foreach (var file in Directory.EnumerateFiles(_releases.Cohort, "*", SearchOption.AllDirectories)) AssertClean(file, forbidden);

        var panel = Path.Combine(_releases.Cohort, "cohort_histories.arrow");
        var columns = ReleaseFiles.Columns(panel);
        Assert.Contains("cohort_id", columns);
        Assert.DoesNotContain("person_key", columns);
        Assert.DoesNotContain("employer_key", columns);
        var members = File.ReadLines(_store.Waves.Cohort).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var ids = ReleaseFiles.ArrowColumn(panel, "cohort_id");
        Assert.Equal(members, ids.OfType<string>().ToHashSet());
        // Members found in payroll carry their employment history: several rows (one per job and wave) each.
        var rowsPerMember = ids.GroupBy(i => i).Select(g => g.Count()).ToList();
        Assert.True(rowsPerMember.Average() > 2, $"mean rows per member {rowsPerMember.Average()}");
        // Nothing in the cohort release is a pseudonym of the research release.
        var researchKeys = ReleaseFiles.ArrowColumn(Path.Combine(_releases.First, "panel.arrow"), "person_key").OfType<string>().ToHashSet();
        Assert.DoesNotContain(Directory.EnumerateFiles(_releases.Cohort, "*", SearchOption.AllDirectories).SelectMany(ReleaseFiles.Strings), researchKeys.Contains);
    }

    [Fact]
    public void Two_releases_with_different_keys_share_no_pseudonym_and_each_keeps_a_person_on_one_key_across_waves()
    {
        foreach (var column in new[] { "person_key", "employer_key" })
        {
            var first = ReleaseFiles.ArrowColumn(Path.Combine(_releases.First, "panel.arrow"), column).OfType<string>().ToHashSet();
            var second = ReleaseFiles.ArrowColumn(Path.Combine(_releases.Second, "panel.arrow"), column).OfType<string>().ToHashSet();
            Assert.NotEmpty(first);
            Assert.Equal(first.Count, second.Count);
            Assert.Empty(first.Intersect(second));
        }

        // Within a release: the number of distinct person keys is the number of person entities of payroll records.
        var entities = EntityFile.Read(_store.EntitiesPath).Where(r => r.Source == "payroll" && r.EntityType == "person").Select(r => r.EntityId).Distinct().Count();
        var keys = ReleaseFiles.ArrowColumn(Path.Combine(_releases.First, "panel.arrow"), "person_key");
        Assert.Equal(entities, keys.Distinct().Count());
        var waves = ReleaseFiles.ArrowColumn(Path.Combine(_releases.First, "panel.arrow"), "wave");
        var inAllWaves = keys.Zip(waves, (k, w) => (Key: k, Wave: w)).GroupBy(x => x.Key).Count(g => g.Select(x => x.Wave).Distinct().Count() == 3);
        _output.WriteLine($"{inAllWaves} of {entities} person keys appear in all three waves");
        Assert.True(inAllWaves > entities / 2);
    }

    [Fact]
    public void The_codebook_lists_every_column_of_the_panel_in_every_format()
    {
        using var codebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(_releases.First, "codebook.json")));
        var documented = codebook.RootElement.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToList();
        foreach (var file in Formats)
            Assert.Equal(ReleaseFiles.Columns(Path.Combine(_releases.First, file)), documented);
        foreach (var v in codebook.RootElement.GetProperty("variables").EnumerateArray())
        {
            foreach (var field in new[] { "label", "type", "unit", "classification", "source", "waves_covered", "missing_share", "by_wave", "linkage_quality_by_wave" })
                Assert.True(v.TryGetProperty(field, out _), $"{v.GetProperty("name")} lacks {field}");
        }

        var markdown = File.ReadAllText(Path.Combine(_releases.First, "codebook.md"));
        foreach (var name in documented) Assert.Contains($"| {name} |", markdown, StringComparison.Ordinal);
        // An employer characteristic carries the payroll -> employer link's quality for each of the three waves.
        var gva = codebook.RootElement.GetProperty("variables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "gva");
        Assert.Equal(3, gva.GetProperty("linkage_quality_by_wave").GetArrayLength());
        var quality = codebook.RootElement.GetProperty("linkage_quality").EnumerateArray().ToList();
        Assert.Contains(quality, q => q.GetProperty("source").GetString() == "payroll" && q.GetProperty("spine").GetString() == "employer" && q.GetProperty("wave").GetString() == "2021");
    }

    [Fact]
    public void The_manifest_has_the_sha256_of_every_file_and_every_table_has_a_recorded_output_check()
    {
        var release = _releases.First;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(release, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("sha256").GetString()!);
        var present = Directory.EnumerateFiles(release, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(release, p).Replace('\\', '/')).Where(p => p != "manifest.json").ToList();
        Assert.Equal(present.Order(), listed.Keys.Order());
        foreach (var (path, sha) in listed)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(release, path)))), sha);

        var checks = File.ReadAllLines(Path.Combine(release, "output_checks.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var tables = Directory.EnumerateFiles(Path.Combine(release, "tables")).ToList();
        Assert.Equal(4, tables.Count);
        foreach (var table in tables)
        {
            var id = Path.GetFileNameWithoutExtension(table);
            var check = Assert.Single(checks, c => c.GetProperty("id").GetString() == id);
            // The checksum is of the table exactly as released.
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(table))), check.GetProperty("sha256").GetString());
            Assert.Contains(check.GetProperty("status").GetString(), new[] { "pass", "review" });
        }

        Assert.Contains(checks, c => c.GetProperty("id").GetString() == "codebook");
        // Small cells of the magnitude table are suppressed (written empty), not published.
        var pay = File.ReadAllLines(Path.Combine(release, "tables", "pay_by_wave_and_section.csv"));
        Assert.Contains(pay, l => l.EndsWith(",,", StringComparison.Ordinal));
    }

    [Fact]
    public void A_release_into_a_folder_that_is_not_empty_is_refused()
    {
        using var opened = DatasetStore.Open(_store.Directory);
        Assert.Throws<ArgumentException>(() => opened.Release(new ReleaseRequest(_releases.First, PseudonymKey.CreateEphemeral(), [SourceFormat.Csv])));
    }

    private static void AssertClean(string file, Forbidden forbidden)
    {
        foreach (var text in ReleaseFiles.Strings(file))
        {
            Assert.False(forbidden.Whole.TryGetValue(text.Trim(), out var origin), $"{file} holds a value of {origin}");
            foreach (var token in ReleaseFiles.IdentifierTokens(text))
                Assert.False(forbidden.Whole.TryGetValue(token, out var tokenOrigin), $"{file} holds a value of {tokenOrigin} ({token[..Math.Min(3, token.Length)]}…)");
        }
    }

    /// <summary>Every identifying value of the synthetic waves (read from the wave files) and every entity id of the store.</summary>
    private static Forbidden ForbiddenValuesOf(StoreFixture store, bool exemptCohortIds)
    {
        var whole = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string file, params string[] columns)
        {
            var lines = File.ReadAllLines(file);
            var header = lines[0].Split(',');
            var indexes = columns.Select(c => Array.IndexOf(header, c)).ToArray();
            Assert.DoesNotContain(-1, indexes);
            foreach (var line in lines.Skip(1))
            {
                var fields = CsvFields(line);
                for (var i = 0; i < indexes.Length; i++)
                    if (fields[indexes[i]].Length > 1) whole.TryAdd(fields[indexes[i]], $"{Path.GetFileName(file)}.{columns[i]}");
            }
        }

        foreach (var wave in store.Waves.Labels)
        {
            Add(store.Waves.Payroll(wave), "record_id", "person_id", "nino", "first_name", "surname", "date_of_birth", "home_postcode", "employer_paye_ref", "employer_name", "employer_postcode");
            Add(store.Waves.Register(wave), "employer_id", "paye_ref", "ch_number", "registered_name", "trading_name", "address", "postcode");
        }

        Add(store.Waves.Cohort, exemptCohortIds ? ["first_name", "surname", "date_of_birth", "postcode", "employer_name"] : ["cohort_id", "first_name", "surname", "date_of_birth", "postcode", "employer_name"]);
        foreach (var row in EntityFile.Read(store.EntitiesPath))
            if (row.EntityId is { } e) whole.TryAdd(e, "an entity id");
        Assert.Contains(whole.Values, v => v.EndsWith(".nino", StringComparison.Ordinal));
        return new Forbidden(whole);
    }

    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }

        fields.Add(current.ToString());
        return [.. fields];
    }

    private sealed record Forbidden(Dictionary<string, string> Whole);

    /// <summary>Two research releases with different keys (every format) and a cohort release, made once.</summary>
    public sealed class Releases
    {
        private readonly object _gate = new();

        public string First { get; private set; } = string.Empty;

        public string Second { get; private set; } = string.Empty;

        public string Cohort { get; private set; } = string.Empty;

        public void EnsureWritten(StoreFixture store)
        {
            lock (_gate)
            {
                if (First.Length > 0) return;
                using var opened = DatasetStore.Open(store.Directory);
                First = Path.Combine(store.NewDirectory("release"), "first");
                Second = Path.Combine(store.NewDirectory("release"), "second");
                Cohort = Path.Combine(store.NewDirectory("release"), "cohort");
                opened.Release(new ReleaseRequest(First, PseudonymKey.FromSecret("first release key, 32 characters"), [SourceFormat.Parquet, SourceFormat.Csv, SourceFormat.Arrow]));
                opened.Release(new ReleaseRequest(Second, PseudonymKey.FromSecret("second release key, other secret"), [SourceFormat.Arrow]));
                opened.Release(new ReleaseRequest(Cohort, PseudonymKey.FromSecret("cohort release key, third secret"), [SourceFormat.Arrow, SourceFormat.Csv], Cohort: true));
            }
        }
    }
}
