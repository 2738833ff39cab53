using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Cli.Tests;

/// <summary>
/// Open outputs: <c>adrn demo --formats arrow,parquet,csv</c> writes linked_panel and links as Parquet and CSV too,
/// with the column descriptions in the files, and the DuckDB statements of docs/interop.md — run exactly as written,
/// by DuckDB's Node client, an independent reader — give the figures Apache Arrow for .NET reads from the Arrow files.
/// </summary>
public sealed partial class DemoCommandSpec
{
    private static readonly string DuckDbModules = Path.Combine(RepositoryPaths.Root, ".test-work", "duckdb", "node_modules");

    [Fact]
    public void Demo_with_formats_writes_the_panel_and_links_as_parquet_and_csv_beside_arrow()
    {
        Assert.True(_run.Outcome.ExitCode == 0, _run.Outcome.StdErr);
        foreach (var table in new[] { "linked_panel", Path.Combine("employee-employer", "links"), Path.Combine("cohort-employee", "links") })
            foreach (var extension in new[] { ".arrow", ".parquet", ".csv" })
                Assert.True(File.Exists(Path.Combine(_run.Directory, table + extension)), $"{table}{extension} missing");
    }

    [Fact]
    public void Arrow_outputs_carry_a_description_of_every_standard_column_in_the_field_metadata()
    {
        using var stream = File.OpenRead(Path.Combine(_run.Directory, "employee-employer", "links.arrow"));
        using var reader = new ArrowFileReader(stream);
        foreach (var field in reader.Schema.FieldsList)
        {
            Assert.True(field.HasMetadata && field.Metadata.TryGetValue("description", out var d) && d.Length > 10, $"{field.Name} has no description");
        }

        Assert.Contains("blocking rule", reader.Schema.GetFieldByName("match_key").Metadata["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_tested_DuckDB_statements_of_docs_interop_md_agree_with_the_arrow_files()
    {
        Assert.True(_run.Outcome.ExitCode == 0, _run.Outcome.StdErr);
        var statements = SqlBlock().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "interop.md")))
            .Select(m => m.Groups["sql"].Value.Trim()).ToList();
        Assert.Equal(4, statements.Count);
        var results = RunDuckDb(_run.Directory, statements);

        // Reference: the Arrow files, read by Apache Arrow for .NET.
        var (rows, linked, meanLogPay) = PanelFigures(Path.Combine(_run.Directory, "linked_panel.arrow"));
        foreach (var panel in new[] { results[0], results[1] }) // Parquet, then CSV
        {
            var row = Assert.Single(panel.EnumerateArray());
            Assert.Equal(rows, long.Parse(row.GetProperty("n_rows").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(linked, long.Parse(row.GetProperty("linked_rows").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(meanLogPay, 6), row.GetProperty("mean_log_pay").GetDouble(), 6);
        }

        var description = Assert.Single(results[2].EnumerateArray());
        Assert.Equal("description:link_probability", description.GetProperty("key").GetString());
        Assert.Contains("probability", description.GetProperty("description").GetString()!, StringComparison.Ordinal);

        var byRule = results[3].EnumerateArray().ToList();
        Assert.Equal(LinkRows(Path.Combine(_run.Directory, "employee-employer", "links.arrow")),
            byRule.Sum(r => long.Parse(r.GetProperty("links").GetString()!, CultureInfo.InvariantCulture)));
        Assert.Contains(byRule, r => r.GetProperty("match_rule").GetString() == "paye_ref" && r.GetProperty("match_key").GetInt32() == 0);
    }

    private static List<JsonElement> RunDuckDb(string workingDirectory, IReadOnlyList<string> statements)
    {
        Assert.True(Directory.Exists(Path.Combine(DuckDbModules, "@duckdb", "node-api")),
            $"the DuckDB Node client is missing under {DuckDbModules}: run scripts/test-prerequisites.sh (npm install @duckdb/node-api).");
        var info = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "run-duckdb.cjs"));
        info.ArgumentList.Add(DuckDbModules);
        using var process = Process.Start(info)!;
        process.StandardInput.Write(string.Join("\n;\n", statements));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "node did not finish within 2 minutes");
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {stderr.Result}");
        return [.. stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private static (long Rows, long Linked, double MeanLogPay) PanelFigures(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        long rows = 0, linked = 0, n = 0;
        double sum = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var keys = (StringArray)batch.Column("employer_key");
                var logPay = (DoubleArray)batch.Column("log_pay");
                for (var i = 0; i < batch.Length; i++)
                {
                    rows++;
                    if (!keys.IsNull(i)) linked++;
                    if (logPay.GetValue(i) is { } v)
                    {
                        sum += v;
                        n++;
                    }
                }
            }
        }

        return (rows, linked, sum / n);
    }

    private static long LinkRows(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        long rows = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch) rows += batch.Length;
        }

        return rows;
    }

    [GeneratedRegex("```sql\\n(?<sql>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
