using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Tests.Configuration;

public sealed class LinkageJobConfigTests
{
    [Fact]
    public void Validation_reports_every_problem_at_once()
    {
        var t = new TestJob();
        t.File("a.csv", "id,name\n1,x\n");
        const string json = """
        {
          "link_type": "link_sideways",
          "sources": [ { "path": "a.csv", "id_column": "id" }, { "path": "missing.csv", "id_column": "id" } ],
          "columns": [ "name" ],
          "blocking_rules": [ { "parts": ["nmae"] } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "jaro_winkler", "threshold": 1.5 } ] } ],
          "training": { "probability_two_random_records_match": 0.001 },
          "colour": "blue"
        }
        """;
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJobConfig.Parse(json, t.Directory));
        Assert.Contains(ex.Problems, p => p.StartsWith("link_type:", StringComparison.Ordinal) && p.Contains("link_sideways", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("sources[1].path:", StringComparison.Ordinal) && p.Contains("missing.csv", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("blocking_rules[0].parts[0]:", StringComparison.Ordinal) && p.Contains("'nmae'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("comparisons[0].levels[0].threshold:", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("colour:", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("training.em_rounds:", StringComparison.Ordinal));
        Assert.True(ex.Problems.Count >= 6);
    }

    [Fact]
    public void Variables_and_relative_paths_resolve_against_the_config_folder()
    {
        var t = new TestJob();
        Directory.CreateDirectory(Path.Combine(t.Directory, "data"));
        t.File(Path.Combine("data", "a.csv"), "id,name\n1,x\n");
        t.File("job.json", """
        {
          "link_type": "dedupe_only",
          "sources": [ { "path": "${data}/a.csv", "id_column": "id" } ],
          "columns": [ "name" ],
          "blocking_rules": [ { "parts": ["name"] } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" } ], "m_probabilities": [0.1, 0.9] } ],
          "training": { "probability_two_random_records_match": 0.001 }
        }
        """);
        var config = LinkageJobConfig.Load(Path.Combine(t.Directory, "job.json"), new Dictionary<string, string> { ["data"] = "data" });
        Assert.Equal(Path.Combine(t.Directory, "data", "a.csv"), config.Sources[0].Path);
        var ex = Assert.Throws<ConfigValidationException>(() => LinkageJobConfig.Load(Path.Combine(t.Directory, "job.json")));
        Assert.Contains(ex.Problems, p => p.Contains("${data}", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_example_job_validates()
    {
        foreach (var file in new[] { "febrl4.json", "febrl3-dedupe.json", "fake1000-dedupe.json" })
        {
            var config = LinkageJobConfig.Load(SharedData.Example(file));
            Assert.NotEmpty(config.Comparisons);
        }
    }
}
