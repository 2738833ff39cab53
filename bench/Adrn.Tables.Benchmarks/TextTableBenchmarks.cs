using BenchmarkDotNet.Attributes;

namespace Adrn.Tables.Benchmarks;

/// <summary>
/// What linkage preparation does with a source: the five payroll columns the employee-employer job reads, as pooled
/// strings, by the pre-change table reader and by <see cref="TableReader.ReadText(string, TableFormat, IReadOnlyList{string}, CsvOptions?)"/>
/// (trimmed, malformed records collected, as sources are read).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class TextTableBenchmarks
{
    private static readonly string[] Columns = ["record_id", "employer_paye_ref", "employer_name", "employer_postcode", "year"];
    private static readonly CsvOptions SourceOptions = new() { Trim = true, OnMalformed = MalformedRecordPolicy.Collect };
    private string _path = "";

    [GlobalSetup]
    public void Setup() => _path = BenchmarkInput.EmployeesCsv();

    [Benchmark(Baseline = true, Description = "pre-change CsvTableReader.Read")]
    public int Legacy() => LegacyCsvTableReader.Read(_path, Columns).Rows;

    [Benchmark(Description = "Adrn.Tables TableReader.ReadText")]
    public int Tables() => TableReader.ReadText(_path, TableFormat.Csv, Columns, SourceOptions).RowCount;
}
