using System.Text;
using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace Adrn.Tables.Benchmarks;

/// <summary>
/// Every field of every record of the 128 MB payroll CSV as a span (unescaped), by the pre-change reader, by
/// <see cref="CsvCursor"/>, by Sep 0.18.0 and by Sylvan.Data.Csv 1.4.4. Each returns a checksum over field lengths and
/// first characters so no reader can skip work; all four must return the same value.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class CsvReaderBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup() => _path = BenchmarkInput.EmployeesCsv();

    [Benchmark(Baseline = true, Description = "pre-change reader (Adrn.Linkage CsvRecordReader)")]
    public long Legacy()
    {
        using var text = new StreamReader(_path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new LegacyCsvRecordReader(text);
        csv.Next();
        long sum = 0;
        while (csv.Next())
        {
            for (var i = 0; i < csv.FieldCount; i++) sum += Checksum(csv.Field(i));
        }

        return sum;
    }

    [Benchmark(Description = "Adrn.Tables CsvCursor")]
    public long Cursor()
    {
        using var csv = CsvCursor.Open(_path);
        long sum = 0;
        while (csv.MoveNext())
        {
            for (var i = 0; i < csv.FieldCount; i++) sum += Checksum(csv[i]);
        }

        return sum;
    }

    [Benchmark(Description = "Sep 0.18.0 (Unescape)")]
    public long Sep()
    {
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }).FromFile(_path);
        long sum = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++) sum += Checksum(row[i].Span);
        }

        return sum;
    }

    [Benchmark(Description = "Sylvan.Data.Csv 1.4.4")]
    public long Sylvan()
    {
        using var reader = CsvDataReader.Create(_path, new CsvDataReaderOptions { Delimiter = ',' });
        long sum = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) sum += Checksum(reader.GetFieldSpan(i));
        }

        return sum;
    }

    private static long Checksum(ReadOnlySpan<char> field) => field.Length + (field.IsEmpty ? 0 : field[0]);
}
