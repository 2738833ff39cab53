using System.Text;
using System.Text.Json;
using Adrn.Linkage.Configuration;
using Adrn.Synthetic;
using Adrn.Tables;

namespace Adrn.Linkage.Tests.Input;

/// <summary>
/// Issue 15, "Strict, accountable input", at the level of a linkage job: every source row is used or quarantined with
/// file, line and reason, so <c>rows_read = rows_used + rows_quarantined</c> per source. The reproductions are the
/// issue's: <c>adrn synth --employers 500 --employees 5000 --years 1 --seed 1</c> with examples/employee-employer.json.
/// </summary>
public sealed class MalformedSourceTests(MalformedSourceTests.Population population) : IClassFixture<MalformedSourceTests.Population>
{
    /// <summary>The synthetic population and the example job's result on it, unbroken.</summary>
    public sealed class Population
    {
        public Population()
        {
            Directory = SharedData.TempDir();
            SyntheticPopulation.Generate(new SyntheticPopulationOptions { Employers = 500, Employees = 5_000, Years = 1, Seed = 1, Formats = OutputFormats.Csv }, Directory);
            EmployeeLines = File.ReadAllLines(Path.Combine(Directory, "employees.csv"));
            Clean = Run(Directory, EmployeeLines);
        }

        public string Directory { get; }

        public string[] EmployeeLines { get; }

        public LinkageRunResult Clean { get; }

        /// <summary>Runs examples/employee-employer.json on this population with <paramref name="employees"/> as the payroll file.</summary>
        public LinkageRunResult Run(string directory, string[] employees, string outName = "out")
        {
            var data = Path.Combine(directory, "data-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Path.Combine(data, "truth"));
            File.WriteAllText(Path.Combine(data, "employees.csv"), string.Join("\n", employees) + "\n");
            File.Copy(Path.Combine(Directory, "employers.csv"), Path.Combine(data, "employers.csv"));
            File.Copy(Path.Combine(Directory, "truth", "employee_employer.csv"), Path.Combine(data, "truth", "employee_employer.csv"));
            var config = LinkageJobConfig.Load(SharedData.Example("employee-employer.json"), new Dictionary<string, string> { ["data"] = data });
            return LinkageJob.Run(config, Path.Combine(data, outName), new LinkageRunOptions { Formats = [SourceFormat.Csv] });
        }
    }

    private static string[] QuarantineLines(LinkageRunResult result) => File.ReadAllLines(result.Files["quarantine"][0]);

    /// <summary>quarantine.csv's rows as (file, row, column, value, reason), read with the project's CSV reader.</summary>
    private static List<string[]> QuarantineRows(LinkageRunResult result)
    {
        var table = TableReader.ReadText(result.Files["quarantine"][0], TableFormat.Csv);
        Assert.Equal(["file", "row", "column", "value", "reason"], table.Names);
        return Enumerable.Range(0, table.RowCount).Select(r => table.Columns.Select(c => c[r] ?? "").ToArray()).ToList();
    }

    private static void AssertRowsReconcile(LinkageRunResult result)
    {
        Assert.Equal(result.RowsRead, result.RowsUsed + result.RowsQuarantined + result.RowsSuperseded);
        using var report = JsonDocument.Parse(File.ReadAllText(result.Files["report"][0]));
        foreach (var source in report.RootElement.GetProperty("sources").EnumerateArray())
        {
            var rowsIn = source.GetProperty("rows_read").GetInt64();
            Assert.Equal(rowsIn, source.GetProperty("rows_used").GetInt64() + source.GetProperty("rows_quarantined").GetInt64() + source.GetProperty("rows_superseded").GetInt64());
        }
    }

    [Fact]
    public void An_unbalanced_quote_in_row_101_quarantines_that_row_and_recall_stays_within_one_pair()
    {
        // Issue 15: `,"Teresa,` in row 101 swallowed every later row into one field: 99 pairs scored, recall 0.02, quarantined 0.
        var lines = (string[])population.EmployeeLines.Clone();
        var fields = lines[101].Split(',');
        fields[3] = "\"" + fields[3];
        lines[101] = string.Join(",", fields);
        var broken = population.Run(SharedData.TempDir(), lines);

        Assert.Equal(5_000 + 500, broken.RowsRead);
        Assert.Equal(1, broken.RowsQuarantined);
        AssertRowsReconcile(broken);
        var entry = Assert.Single(QuarantineLines(broken).Skip(1));
        Assert.Contains(",101,first_name,", entry, StringComparison.Ordinal);
        Assert.Contains("malformed record (line 102): unbalanced quote", entry, StringComparison.Ordinal);

        var clean = population.Clean.Evaluation.Recall!.Value;
        var truth = population.Clean.Evaluation.TruePositives!.Value / clean;
        Assert.True(clean > 0.9, $"the clean run's recall {clean} is too low for the comparison to mean anything");
        Assert.True(broken.Evaluation.Recall >= clean - (1.5 / truth), $"recall {broken.Evaluation.Recall} against {clean} unbroken: more than the one quarantined row was lost");
        Assert.InRange(broken.Links, population.Clean.Links - 1, population.Clean.Links);
    }

    [Fact]
    public void Rows_with_3_and_10_fields_are_quarantined_with_their_field_counts()
    {
        var lines = (string[])population.EmployeeLines.Clone();
        lines[50] = string.Join(",", lines[50].Split(',').Take(3));
        lines[60] = string.Join(",", lines[60].Split(',').Take(10));
        var result = population.Run(SharedData.TempDir(), lines);

        Assert.Equal(2, result.RowsQuarantined);
        AssertRowsReconcile(result);
        var entries = QuarantineRows(result);
        Assert.Equal(2, entries.Count);
        var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(result.Files["quarantine"][0])!, "..", "employees.csv"));
        Assert.Equal([file, "50", "", lines[50], "malformed record (line 51): 3 fields, but the header has 16"], entries[0]);
        Assert.Equal([file, "60", "", lines[60], "malformed record (line 61): 10 fields, but the header has 16"], entries[1]);
    }

    private static string Job(string right, string? rightEncoding = null) => $$"""
    {
      "name": "encoding",
      "link_type": "link_only",
      "sources": [
        { "name": "l", "path": "l.csv", "id_column": "id" },
        { "name": "r", "path": "{{right}}", "id_column": "id"{{(rightEncoding is null ? "" : $", \"encoding\": \"{rightEncoding}\"")}} }
      ],
      "columns": [ { "name": "surname", "type": "name" }, { "name": "town" } ],
      "blocking_rules": [ { "parts": ["town"] } ],
      "comparisons": [
        { "name": "surname", "column": "surname", "levels": [ { "type": "exact" }, { "type": "jaro_winkler", "threshold": 0.8 } ], "m_probabilities": [0.05, 0.15, 0.8], "u_probabilities": [0.8, 0.15, 0.05] }
      ],
      "training": { "probability_two_random_records_match": 0.1 },
      "resolution": { "method": "one_to_one", "match_probability": 0.01 }
    }
    """;

    private static byte[] Latin1Muller() => Encoding.Latin1.GetBytes("id,surname,town\n9,Müller,Leeds\n");

    [Fact]
    public void Latin1_bytes_under_the_default_encoding_are_quarantined_with_line_and_reason_not_matched_weakly()
    {
        // Issue 15: Latin-1 "Müller" next to UTF-8 "Müller" dropped from the exact level to a weaker one, with no warning.
        var t = new TestJob();
        t.File("l.csv", "id,surname,town\n1,Müller,Leeds\n");
        File.WriteAllBytes(Path.Combine(t.Directory, "r.csv"), Latin1Muller());
        var result = LinkageJob.Run(LinkageJobConfig.Parse(Job("r.csv"), t.Directory), Path.Combine(t.Directory, "out"), new LinkageRunOptions { Formats = [SourceFormat.Csv] });

        Assert.Equal(0, result.Links);
        Assert.Equal(1, result.RowsQuarantined);
        AssertRowsReconcile(result);
        var entry = Assert.Single(QuarantineLines(result).Skip(1));
        Assert.Contains(",1,surname,M\\xFCller,", entry, StringComparison.Ordinal);
        Assert.Contains("malformed record (line 2): bytes that are not valid UTF-8", entry, StringComparison.Ordinal);
        Assert.Contains("declare that encoding", entry, StringComparison.Ordinal);
    }

    [Fact]
    public void With_encoding_latin1_the_latin1_source_matches_the_utf8_one_at_the_exact_level()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,town\n1,Müller,Leeds\n");
        File.WriteAllBytes(Path.Combine(t.Directory, "r.csv"), Latin1Muller());
        var outDir = Path.Combine(t.Directory, "out");
        var result = LinkageJob.Run(LinkageJobConfig.Parse(Job("r.csv", "latin1"), t.Directory), outDir, new LinkageRunOptions { Formats = [SourceFormat.Csv] });

        Assert.Equal(0, result.RowsQuarantined);
        Assert.Equal(1, result.Links);
        var links = File.ReadAllLines(Path.Combine(outDir, "links.csv"));
        Assert.Equal("id_l,id_r,source_l,source_r,match_weight,match_probability,match_key,match_rule,gamma_surname", links[0]);
        Assert.EndsWith(",2", links[1], StringComparison.Ordinal); // gamma 2 = the exact level (best of two)
    }

    [Theory]
    [InlineData("|", "|")]
    [InlineData("\\t", "\t")]
    [InlineData(";", ";")]
    public void A_source_with_another_delimiter_reads_the_same_records(string json, string delimiter)
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,town\n1,Smith,Leeds\n2,Jones,York\n");
        t.File("r.txt", $"id{delimiter}surname{delimiter}town\n8{delimiter}Smith{delimiter}Leeds\n9{delimiter}\"Jo{delimiter}nes\"{delimiter}York\n");
        var job = Job("r.txt").Replace("\"id_column\": \"id\" }\n  ],", $"\"id_column\": \"id\", \"delimiter\": \"{json}\" }}\n  ],", StringComparison.Ordinal);
        var config = LinkageJobConfig.Parse(job, t.Directory);
        Assert.Equal(delimiter[0], config.Sources[1].Delimiter);
        var result = LinkageJob.Run(config, Path.Combine(t.Directory, "out"), new LinkageRunOptions { Formats = [SourceFormat.Csv] });
        Assert.Equal(0, result.RowsQuarantined);
        Assert.Equal(4, result.RowsUsed);
        Assert.Equal(2, result.Links);
    }

    [Fact]
    public void Unknown_delimiters_and_encodings_and_csv_options_on_arrow_sources_are_configuration_problems_listed_together()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,town\n1,Smith,Leeds\n");
        t.File("r.arrow", "not read");
        var job = Job("r.arrow").Replace("\"path\": \"l.csv\", \"id_column\": \"id\"", "\"path\": \"l.csv\", \"id_column\": \"id\", \"delimiter\": \":\", \"encoding\": \"ebcdic\"", StringComparison.Ordinal)
            .Replace("\"path\": \"r.arrow\", \"id_column\": \"id\"", "\"path\": \"r.arrow\", \"id_column\": \"id\", \"encoding\": \"latin1\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJobConfig.Parse(job, t.Directory));
        Assert.Contains(ex.Problems, p => p.StartsWith("sources[0].delimiter: ':' is not one of", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("sources[0].encoding: 'ebcdic' is not one of utf-8, windows-1252, latin1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("sources[1].encoding: applies to CSV sources only", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_header_name_is_refused_before_any_work_naming_file_and_column()
    {
        // Issue 15: with a repeated header name the first column silently won.
        var t = new TestJob();
        t.File("l.csv", "id,surname,town\n1,Smith,Leeds\n");
        t.File("r.csv", "id,surname,town,surname\n9,Smith,Leeds,Smyth\n");
        var outDir = Path.Combine(t.Directory, "out");
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJob.Run(LinkageJobConfig.Parse(Job("r.csv"), t.Directory), outDir));
        var problem = Assert.Single(ex.Problems);
        Assert.Contains(Path.Combine(t.Directory, "r.csv"), problem, StringComparison.Ordinal);
        Assert.Contains("column 4 ('surname')", problem, StringComparison.Ordinal);
        Assert.Contains("names column 'surname' twice (columns 2 and 4)", problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "no output may be written when a header is refused");
    }
}
