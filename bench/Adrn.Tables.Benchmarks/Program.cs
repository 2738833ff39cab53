using System.Diagnostics;
using Adrn.Tables.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Adrn.Tables.Benchmarks -- --filter '*'
// The input is the payroll file of `adrn synth --employers 100000 --employees 1000000 --years 3 --seed 42 --format csv`
// (128 MB, 1,000,000 records of 16 fields), generated once under $TMPDIR/adrn-tables-bench or taken from ADRN_BENCH_CSV.
// `-- --check` runs each reader once and prints its checksum and time (all checksums must agree);
// `-- --once NAME` (legacy, cursor, sep, sylvan, legacy-table, table) reads the file once, for timing whole processes
// with farm-bench: what a command that reads one source pays, start-up and JIT included.
if (args is ["--once", var reader])
{
    var b = new CsvReaderBenchmarks();
    b.Setup();
    var t = new TextTableBenchmarks();
    t.Setup();
    Console.WriteLine(reader switch
    {
        "legacy" => b.Legacy(),
        "cursor" => b.Cursor(),
        "sep" => b.Sep(),
        "sylvan" => b.Sylvan(),
        "legacy-table" => t.Legacy(),
        "table" => t.Tables(),
        _ => throw new ArgumentException($"unknown reader {reader}"),
    });
    return;
}

if (args is ["--check"])
{
    var b = new CsvReaderBenchmarks();
    b.Setup();
    foreach (var (name, run) in new (string, Func<long>)[] { ("legacy", b.Legacy), ("cursor", b.Cursor), ("sep", b.Sep), ("sylvan", b.Sylvan) })
    {
        var clock = Stopwatch.StartNew();
        var sum = run();
        Console.WriteLine($"{name,-8} {sum,16} {clock.Elapsed.TotalMilliseconds,8:F0} ms");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CsvReaderBenchmarks).Assembly).Run(args);
