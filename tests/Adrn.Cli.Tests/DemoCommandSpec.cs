using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Cli.Tests;

/// <summary>
/// The README's main command, run as a real process on a small population: it must link with the
/// issue's quality bars and write a linked panel that carries no direct identifiers.
/// </summary>
public sealed partial class DemoCommandSpec : IClassFixture<DemoCommandSpec.DemoRun>
{
    private readonly DemoRun _run;

    public DemoCommandSpec(DemoRun run) => _run = run;

    public sealed class DemoRun
    {
        public DemoRun()
        {
            Directory = AdrnProcess.NewWorkDirectory("demo");
            Outcome = AdrnProcess.Run("demo", "--out", Directory, "--employers", "1000", "--employees", "9000", "--cohort", "900", "--seed", "11",
                "--formats", "arrow,parquet,csv");
        }

        public string Directory { get; }

        public AdrnProcess.Outcome Outcome { get; }
    }

    [Fact]
    public void Demo_exits_0_and_reports_precision_and_recall_for_both_linkage_jobs()
    {
        Assert.True(_run.Outcome.ExitCode == 0, _run.Outcome.StdErr + _run.Outcome.StdOut);
        var quality = QualityLine().Matches(_run.Outcome.StdOut);
        Assert.Equal(2, quality.Count);

        // Bars of the linkage issue: employee -> employer precision >= 0.995, recall >= 0.99;
        // cohort -> payroll precision >= 0.99, recall >= 0.98 (measured against the generator's truth files).
        var (p1, r1) = (Percent(quality[0].Groups["p"].Value), Percent(quality[0].Groups["r"].Value));
        var (p2, r2) = (Percent(quality[1].Groups["p"].Value), Percent(quality[1].Groups["r"].Value));
        Assert.True(p1 >= 0.995 && r1 >= 0.99, $"employee->employer precision {p1}, recall {r1}");
        Assert.True(p2 >= 0.99 && r2 >= 0.98, $"cohort->payroll precision {p2}, recall {r2}");
    }

    [Fact]
    public void Linked_panel_has_one_row_per_payroll_record_and_no_direct_identifier()
    {
        var panelPath = Path.Combine(_run.Directory, "linked_panel.arrow");
        Assert.True(File.Exists(panelPath));
        var payrollRows = File.ReadLines(Path.Combine(_run.Directory, "data", "employees.csv")).Count() - 1;

        var forbidden = new[] { "first_name", "surname", "nino", "date_of_birth", "home_postcode", "postcode", "employer_paye_ref", "record_id", "person_id", "employer_id", "employer_name" };
        using var stream = File.OpenRead(panelPath);
        using var reader = new ArrowFileReader(stream);
        var schema = reader.Schema;
        foreach (var name in forbidden)
        {
            Assert.DoesNotContain(schema.FieldsList, f => f.Name == name);
        }

        long rows = 0;
        var text = new StringBuilder();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                rows += batch.Length;
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    if (batch.Column(c) is StringArray strings)
                    {
                        for (var i = 0; i < strings.Length; i++) text.Append(strings.GetString(i)).Append('\n');
                    }
                }
            }
        }

        Assert.Equal(payrollRows, rows);

        // Scan every text value of the panel for identifiers taken from the inputs: each value must not be a
        // name, and the whole text must not contain a NINO, person id, full date of birth or full postcode.
        var all = text.ToString();
        var values = all.Split('\n').ToHashSet(StringComparer.OrdinalIgnoreCase);
        var employees = File.ReadLines(Path.Combine(_run.Directory, "data", "employees.csv")).Skip(1).Take(2000).Select(l => l.Split(',')).ToList();
        foreach (var e in employees)
        {
            Assert.DoesNotContain(e[2], all, StringComparison.Ordinal); // NINO
            Assert.DoesNotContain(e[1], all, StringComparison.Ordinal); // person_id
            Assert.DoesNotContain(e[5], all, StringComparison.Ordinal); // full date of birth
            Assert.DoesNotContain(e[7], all, StringComparison.Ordinal); // home postcode
            Assert.DoesNotContain(e[3], values);                       // first name
            Assert.DoesNotContain(e[4], values);                       // surname
        }

        Assert.DoesNotMatch(NinoPattern(), all);
        Assert.DoesNotMatch(DatePattern(), all);
        Assert.DoesNotMatch(PostcodePattern(), all);
    }

    private static double Percent(string text) => double.Parse(text, CultureInfo.InvariantCulture) / 100.0;

    [GeneratedRegex(@"precision (?<p>[0-9.]+) %, recall (?<r>[0-9.]+) %")]
    private static partial Regex QualityLine();

    [GeneratedRegex(@"\bQ[A-Z]\d{6}[A-D]\b")]
    private static partial Regex NinoPattern();

    [GeneratedRegex(@"\b(19|20)\d\d-\d\d-\d\d\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b")]
    private static partial Regex PostcodePattern();
}
