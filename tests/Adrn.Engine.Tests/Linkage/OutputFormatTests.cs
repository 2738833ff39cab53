using System.Globalization;
using System.Text.Json.Nodes;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;

namespace Adrn.Engine.Tests.Linkage;

/// <summary>
/// <c>outputs.formats</c> on the actor engine: every table the job writes (links, clusters, and pairs when
/// <c>write_pairs</c>) comes in each asked-for format, equal to what the in-process runner writes for the same job.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class OutputFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task The_engine_writes_csv_and_parquet_tables_equal_to_the_in_process_runners()
    {
        // fake_1000 dedupe: cluster resolution, so links, clusters and pairs are all written.
        var examples = Path.GetDirectoryName(RepositoryPaths.Example("fake1000-dedupe.json"))!;
        var job = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Example("fake1000-dedupe.json")))!.AsObject();
        foreach (var source in job["sources"]!.AsArray())
        {
            source!["path"] = Path.GetFullPath(Path.Combine(examples, (string)source["path"]!));
        }

        job["outputs"] = JsonNode.Parse("""{ "formats": ["arrow", "csv", "parquet"], "write_pairs": true }""");
        job.Remove("truth");
        var jobPath = Path.Combine(_dir.Path, "fake1000-formats.json");
        File.WriteAllText(jobPath, job.ToJsonString());

        var engineOut = Path.Combine(_dir.Path, "engine");
        var outcome = await LocalJobRunner.RunAsync(
            JobRequest.Start(new JobDescriptor("formats", jobPath, engineOut, new Dictionary<string, string>())),
            new LocalEngineOptions { WorkerCount = 2, Journal = JournalOptions.ForSqliteFile(Path.Combine(engineOut, ".adrn", JournalOptions.SqliteFileName)) },
            new LinkageJobWorkloadFactory(), null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        var referenceOut = Path.Combine(_dir.Path, "reference");
        LinkageJob.Run(LinkageJobConfig.Load(jobPath), referenceOut);

        foreach (var table in new[] { "links", "clusters", "pairs" })
        {
            var engineCsv = File.ReadAllLines(Path.Combine(engineOut, table + ".csv"));
            var referenceCsv = File.ReadAllLines(Path.Combine(referenceOut, table + ".csv"));
            Assert.True(referenceCsv.Length > 100, $"{table}: only {referenceCsv.Length} lines, the comparison would be weak");
            Assert.Equal(referenceCsv, engineCsv);

            // Both runners' Parquet tables hold the same rows as the CSV, read back with Parquet.Net, independently of our writers.
            foreach (var (who, folder) in new[] { ("in-process", referenceOut), ("engine", engineOut) })
            {
                var parquet = await ParquetRowsAsync(Path.Combine(folder, table + ".parquet"));
                var firstDifference = referenceCsv.Skip(1).Zip(parquet, (csv, pq) => (Csv: csv, Parquet: pq)).FirstOrDefault(p => p.Csv != p.Parquet);
                Assert.True(firstDifference == default, $"{who} {table}.parquet: '{firstDifference.Parquet}' where the CSV has '{firstDifference.Csv}'");
                Assert.Equal(referenceCsv.Length - 1, parquet.Count);
            }

            Assert.Contains(outcome.Summary!.OutputFiles, f => f.EndsWith(table + ".parquet", StringComparison.Ordinal));
        }
    }

    /// <summary>RFC 4180 quoting of one CSV field (a comma, quote or line break quotes it; inner quotes doubled).</summary>
    private static string Quote(string v) =>
        v.AsSpan().IndexOfAny(",\"\r\n") < 0 ? v : "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Each row as CSV text (doubles round-trip, strings quoted by RFC 4180 where they need it, e.g. blocking rule names).</summary>
    private static async Task<List<string>> ParquetRowsAsync(string path)
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        var rows = new List<string>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var columns = new List<string[]>();
            foreach (var field in fields)
            {
                var t = field.ClrType;
                if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
                {
                    var text = new string?[n];
                    await group.ReadAsync(field, text.AsMemory());
                    columns.Add([.. text.Select(v => Quote(v ?? string.Empty))]);
                }
                else if (t == typeof(double))
                {
                    // Numbers are required columns (never null): read as plain values.
                    Assert.False(field.IsNullable, field.Name);
                    var values = new double[n];
                    await group.ReadAsync(field, values.AsMemory(), null);
                    columns.Add([.. values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]);
                }
                else
                {
                    Assert.Equal(typeof(int), t);
                    Assert.False(field.IsNullable, field.Name);
                    var values = new int[n];
                    await group.ReadAsync(field, values.AsMemory(), null);
                    columns.Add([.. values.Select(v => v.ToString(CultureInfo.InvariantCulture))]);
                }
            }

            for (var i = 0; i < n; i++)
            {
                rows.Add(string.Join(',', columns.Select(c => c[i])));
            }
        }

        return rows;
    }

    public void Dispose() => _dir.Dispose();
}
