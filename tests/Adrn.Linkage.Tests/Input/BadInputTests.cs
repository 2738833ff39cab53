using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Tests.Input;

public sealed class BadInputTests
{
    private static string Job(string left, string right) => $$"""
    {
      "name": "bad-input",
      "link_type": "link_only",
      "sources": [
        { "name": "l", "path": "{{left}}", "id_column": "id", "date_formats": ["yyyy-MM-dd", "dd/MM/yyyy"] },
        { "name": "r", "path": "{{right}}", "id_column": "id" }
      ],
      "columns": [ { "name": "surname", "type": "name" }, { "name": "dob", "type": "date" } ],
      "blocking_rules": [ { "parts": ["surname"] } ],
      "comparisons": [
        { "name": "surname", "column": "surname", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9], "u_probabilities": [0.9, 0.1] },
        { "name": "dob", "column": "dob", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9], "u_probabilities": [0.99, 0.01] }
      ],
      "training": { "probability_two_random_records_match": 0.01 },
      "resolution": { "method": "one_to_one", "match_probability": 0.5 }
    }
    """;

    [Fact]
    public void A_source_lacking_a_configured_column_fails_before_any_work_naming_file_and_column()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,dob\n1,smith,1980-01-02\n");
        t.File("r.csv", "id,family_name,dob\n9,smith,1980-01-02\n");
        var config = LinkageJobConfig.Parse(Job("l.csv", "r.csv"), t.Directory);
        var outDir = Path.Combine(t.Directory, "out");
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJob.Run(config, outDir));
        var problem = Assert.Single(ex.Problems);
        Assert.Contains(Path.Combine(t.Directory, "r.csv"), problem, StringComparison.Ordinal);
        Assert.Contains("'surname'", problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "no output may be written when a column is missing");
    }

    [Fact]
    public void Rows_with_no_id_or_a_duplicate_id_are_quarantined_with_the_reason_and_counts_reconcile()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,dob\n1,smith,1980-01-02\n,jones,1970-05-06\n2,brown,1990-03-04\n1,smyth,1980-01-02\n3,green,1960-07-08\n");
        t.File("r.csv", "id,surname,dob\n9,smith,1980-01-02\n8,brown,1990-03-04\n");
        var config = LinkageJobConfig.Parse(Job("l.csv", "r.csv"), t.Directory);
        var outDir = Path.Combine(t.Directory, "out");
        var result = LinkageJob.Run(config, outDir, new LinkageRunOptions { Formats = [SourceFormat.Csv] });

        var lines = File.ReadAllLines(Path.Combine(outDir, "quarantine.csv"));
        Assert.Equal("file,row,column,value,reason", lines[0]);
        Assert.Equal(3, lines.Length);
        var file = Path.Combine(t.Directory, "l.csv");
        Assert.Equal($"{file},2,id,,missing id", lines[1]);
        Assert.Equal($"{file},4,id,1,duplicate id (first seen in row 1)", lines[2]);

        Assert.Equal(7, result.RowsIn);
        Assert.Equal(5, result.RowsUsed);
        Assert.Equal(2, result.RowsQuarantined);
        Assert.Equal(result.RowsIn, result.RowsUsed + result.RowsQuarantined + result.RowsSuperseded);
        var report = File.ReadAllText(Path.Combine(outDir, "report.json"));
        Assert.Contains("\"quarantined\": 2", report, StringComparison.Ordinal);
        Assert.Equal(2, result.Links);
    }

    [Fact]
    public void Records_are_found_by_source_and_id_and_an_id_of_the_other_source_is_not()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,dob\n1,smith,1980-01-02\n2,brown,1990-02-03\n3,green,1961-03-02\n");
        t.File("r.csv", "id,surname,dob\n9,smith,1980-01-02\n2,brown,1990-02-03\n");
        var records = LinkagePreparation.Prepare(LinkageJobConfig.Parse(Job("l.csv", "r.csv"), t.Directory)).Records;

        // Independent reference: a scan of the id column within each source's range.
        for (var s = 0; s < 2; s++)
        {
            foreach (var id in new[] { "1", "2", "3", "9", "nope" })
            {
                var expected = -1;
                for (var i = records.SourceStart[s]; i < records.SourceStart[s + 1]; i++)
                    if (records.Ids[i] == id) expected = i;
                Assert.Equal(expected, records.Find(s, id));
            }
        }

        Assert.Equal(-1, records.Find(0, "9"));
        Assert.NotEqual(records.Find(0, "2"), records.Find(1, "2"));
        Assert.Throws<ArgumentOutOfRangeException>(() => records.Find(2, "1"));
    }

    [Fact]
    public void An_unparseable_date_becomes_null_and_is_counted()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,dob\n1,smith,1980-01-02\n2,brown,31/02/1990\n3,green,02/03/1961\n4,white,not a date\n");
        t.File("r.csv", "id,surname,dob\n9,smith,1980-01-02\n");
        var config = LinkageJobConfig.Parse(Job("l.csv", "r.csv"), t.Directory);
        var prepared = LinkagePreparation.Prepare(config);
        var dob = prepared.Records.Column("dob");
        Assert.Equal("1980-01-02", dob.ValueOf(0));
        Assert.Null(dob.ValueOf(1)); // 31 February does not exist
        Assert.Equal("1961-03-02", dob.ValueOf(2)); // second format dd/MM/yyyy
        Assert.Null(dob.ValueOf(3));
        Assert.Equal(2, prepared.Sources[0].UnparseableValues["dob"]);
        Assert.False(prepared.Sources[1].UnparseableValues.ContainsKey("dob"));

        var result = LinkageJob.Run(config, Path.Combine(t.Directory, "out"));
        Assert.Contains("\"dob\": 2", File.ReadAllText(result.Files["report"][0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_latest_collapses_a_panel_to_the_latest_row_per_id_and_counts_the_rest_as_superseded()
    {
        var t = new TestJob();
        t.File("l.csv", "id,surname,dob,year\nP1,smith,1980-01-02,2019\nP1,smith-jones,1980-01-02,2021\nP1,smith,1980-01-02,2020\nP2,brown,1990-03-04,2019\n");
        t.File("r.csv", "id,surname,dob\n9,smith,1980-01-02\n");
        var json = Job("l.csv", "r.csv").Replace("\"id_column\": \"id\", \"date_formats\"", "\"id_column\": \"id\", \"duplicate_ids\": \"keep_latest\", \"order_by\": \"year\", \"date_formats\"", StringComparison.Ordinal);
        var prepared = LinkagePreparation.Prepare(LinkageJobConfig.Parse(json, t.Directory));
        Assert.Equal(2, prepared.Sources[0].RowsUsed);
        Assert.Equal(2, prepared.Sources[0].RowsSuperseded);
        Assert.Equal(0, prepared.Sources[0].RowsQuarantined);
        Assert.Equal("smith jones", prepared.Records.Column("surname").ValueOf(0)?.Replace('-', ' '));
    }
}
