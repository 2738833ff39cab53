using System.Diagnostics;
using Adrn.Tables.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Adrn.Tables.Benchmarks -- --filter '*'
// The input is the payroll file of `adrn synth --employers 100000 --employees 1000000 --years 3 --seed 42 --format csv`
// (128 MB, 1,000,000 records of 16 fields), generated once under $TMPDIR/adrn-tables-bench or taken from ADRN_BENCH_CSV.
// `-- --check` runs each reader once and prints its checksum and time (all checksums must agree);
// `-- --once NAME` (legacy, cursor, sep, sylvan, legacy-table, table) reads the file once, for timing whole processes
// with farm-bench: what a command that reads one source pays, start-up and JIT included; `-- --semantics` prints what
// Sep, Sylvan and CsvCursor make of malformed records; `-- --interleaved N` runs every reader in turn N times in one
// process and prints min and median (fairer than separate runs on a machine whose load drifts).
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

if (args is ["--interleaved", var repeats])
{
    // Each reader in turn, round after round, in one process: on a shared machine whose load drifts, this keeps the
    // comparison fair where separate BenchmarkDotNet runs of each reader meet different loads. Min and median per reader.
    var b = new CsvReaderBenchmarks();
    b.Setup();
    var t = new TextTableBenchmarks();
    t.Setup();
    var readers = new (string Name, Func<long> Run)[]
    {
        ("legacy", b.Legacy), ("cursor", b.Cursor), ("sep", b.Sep), ("sylvan", b.Sylvan), ("legacy-table", () => t.Legacy()), ("table", () => t.Tables()),
    };
    var times = readers.ToDictionary(r => r.Name, _ => new List<double>());
    for (var round = 0; round < int.Parse(repeats, System.Globalization.CultureInfo.InvariantCulture); round++)
    {
        foreach (var (name, run) in readers)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(run());
            times[name].Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    foreach (var (name, list) in times)
    {
        list.Sort();
        Console.WriteLine($"{name,-13} min {list[0],7:F0} ms  median {list[list.Count / 2],7:F0} ms");
    }

    return;
}

if (args is ["--semantics"])
{
    LibrarySemantics.Print();
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
