using System.Text.Json;
using System.Text.RegularExpressions;
using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Tests.Reporting;

/// <summary>
/// Issue 15: <c>docs/outputs.md</c> documents <c>report.json</c> exactly as written. A real report (fake_1000 dedupe:
/// clusters resolution, cluster-column truth, every section present) is read against the documentation's tables: every
/// field the report has is documented, every documented top-level field is in the report, and the names inside
/// each section (per source, per column, per rule, per block, per threshold) are named in that section's row.
/// </summary>
public sealed partial class ReportDocumentationTests
{
    private static readonly Lazy<JsonElement> Report = new(() =>
    {
        var outDir = SharedData.TempDir();
        LinkageJob.Run(LinkageJobConfig.Load(SharedData.Example("fake1000-dedupe.json")), outDir);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "report.json")));
        return doc.RootElement.Clone();
    });

    /// <summary>The rows of the markdown table under <paramref name="heading"/>: first-cell names (backticked, <c>[]</c> removed) → the whole row.</summary>
    private static Dictionary<string, string> Table(string heading)
    {
        var docs = Path.Combine(Path.GetDirectoryName(SharedData.Examples)!, "docs", "outputs.md");
        var lines = File.ReadAllLines(docs);
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        Assert.True(start >= 0, $"docs/outputs.md has no heading '{heading}'");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            if (!lines[i].StartsWith('|') || lines[i].StartsWith("|---", StringComparison.Ordinal)) continue;
            var firstCell = lines[i].Split('|')[1];
            foreach (Match m in Backticked().Matches(firstCell)) rows[m.Groups[1].Value.Replace("[]", "", StringComparison.Ordinal)] = lines[i];
        }

        return rows;
    }

    private static void AssertNamed(string row, IEnumerable<string> names, string where)
    {
        foreach (var name in names)
            Assert.True(row.Contains($"`{name}`", StringComparison.Ordinal) || row.Contains($"`{name}[]`", StringComparison.Ordinal), $"report.json has {where}.{name}, which docs/outputs.md does not name in that row");
    }

    private static IEnumerable<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name);

    [Fact]
    public void Every_field_of_a_real_report_is_documented_and_every_documented_field_is_written()
    {
        var report = Report.Value;
        var documented = Table("## `report.json`");
        var written = Keys(report).ToList();

        Assert.Empty(written.Except(documented.Keys));
        Assert.Empty(documented.Keys.Except(written));

        var source = report.GetProperty("sources")[0];
        AssertNamed(documented["sources"], Keys(source), "sources[]");
        AssertNamed(documented["sources"], Keys(source.GetProperty("values").EnumerateObject().First().Value), "sources[].values.<column>");
        AssertNamed(documented["rows"], Keys(report.GetProperty("rows")), "rows");
        AssertNamed(documented["pairs"], Keys(report.GetProperty("pairs")), "pairs");
        AssertNamed(documented["timings_seconds"], Keys(report.GetProperty("timings_seconds")), "timings_seconds");
        var blocking = report.GetProperty("blocking");
        AssertNamed(documented["blocking"], Keys(blocking).Where(k => k != "rules"), "blocking");
        var rule = blocking.GetProperty("rules")[0];
        AssertNamed(documented["blocking"], Keys(rule), "blocking.rules[]");
        var block = blocking.GetProperty("rules").EnumerateArray().SelectMany(r => r.GetProperty("largest_blocks").EnumerateArray()).First();
        AssertNamed(documented["blocking"], Keys(block), "blocking.rules[].largest_blocks[]");
        Assert.Equal(report.GetProperty("pairs").GetProperty("kept").GetInt64(), report.GetProperty("probability_histogram").EnumerateArray().Sum(b => b.GetInt64()));
    }

    [Fact]
    public void The_evaluation_section_is_documented_field_by_field()
    {
        var evaluation = Report.Value.GetProperty("evaluation");
        var documented = Table("### `evaluation`");
        var names = documented.Keys.ToList();

        Assert.Empty(Keys(evaluation).Except(names));
        Assert.Empty(names.Except(Keys(evaluation)));
        AssertNamed(documented["precision_recall"], Keys(evaluation.GetProperty("precision_recall")[0]), "evaluation.precision_recall[]");
    }

    [GeneratedRegex("`([a-z0-9_\\[\\]]+)`")]
    private static partial Regex Backticked();
}
