using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Adrn.Bench.Dataset;

/// <summary>
/// The incremental-cost benchmark of the persistent dataset (issue 13, docs/dataset.md): how long <c>adrn dataset
/// add-wave</c> takes to add the last payroll wave of <c>adrn synth --waves</c> data to a store holding every earlier
/// wave (about 1M records by default), against linking the same wave on its own. Every figure is a whole process
/// measured from outside (GNU time: wall, CPU, peak RSS), with the load average before it; measured runs are interleaved
/// (large store, small store, baseline, one-job baseline, then again) so a drift of the shared machine hits all alike.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>large store</b>: <c>add-wave</c> of payroll wave Y into a store holding register and payroll waves 1..Y-1 and
/// register wave Y;</item>
/// <item><b>small store</b>: the same command into a store holding only the two years before (register and payroll Y-2 and
/// Y-1, so every model is trained) and register Y;</item>
/// <item><b>baseline</b>: the wave's link jobs run by the pipeline on the wave on its own (<see cref="WaveLinkBaseline"/>:
/// payroll→person against last year's payroll file, the within-wave job, payroll→employer against this year's register
/// file), with models trained once beforehand, in a fresh process per run;</item>
/// <item><b>one-job baseline</b>: payroll→employer alone (the wave against the register).</item>
/// </list>
/// Usage: <c>Adrn.Bench dataset [--employers 20000] [--employees 1000000] [--years 10] [--runs 3] [--work DIR] [--out bench/results] [--spec FILE]</c>.
/// </remarks>
public static partial class DatasetBench
{
    /// <summary>Runs the benchmark from command-line arguments; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        int employers = 20_000, years = 10, runs = 3;
        long employees = 1_000_000;
        var work = Path.Combine(Path.GetTempPath(), "adrn-dataset-bench");
        var results = "bench/results";
        var spec = Path.GetFullPath("examples/dataset/productive-society.json");
        var adrn = Scaling.EngineRuns.DefaultAdrnDll;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--employers": employers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--employees": employees = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--years": years = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--work": work = Path.GetFullPath(Next()); break;
                case "--out": results = Next(); break;
                case "--spec": spec = Path.GetFullPath(Next()); break;
                case "--adrn": adrn = Path.GetFullPath(Next()); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (years < 3) throw new ArgumentException("--years must be at least 3 (a small store of two years and the wave added)");
        Directory.CreateDirectory(work);
        var log = Path.Combine(work, "bench.log");
        void Say(string line)
        {
            Console.WriteLine(line);
            File.AppendAllText(log, "# " + line + "\n");
        }

        var self = typeof(DatasetBench).Assembly.Location;
        var data = Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"data-{employers}-{employees}-{years}"));
        if (!File.Exists(Path.Combine(data, "truth", "wave_entities.csv")))
        {
            Say($"generating {employees:N0} payroll rows, {employers:N0} employers over {years} years into {data}");
            TimedProcess.RunDotnet(adrn, ["synth", "--employers", Invariant(employers), "--employees", Invariant(employees), "--years", Invariant(years),
                "--cohort", "100", "--format", "csv", "--out", data, "--waves"], log);
        }

        var labels = Directory.GetDirectories(Path.Combine(data, "waves")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var (last, previous) = (labels[^1], labels[^2]);
        string Payroll(string y) => Path.Combine(data, "waves", y, "employees.csv");
        string Register(string y) => Path.Combine(data, "waves", y, "employers.csv");

        // The stores are built once per data set; each measured run adds the wave to a fresh copy.
        var large = Path.Combine(work, "store-large");
        var build = new List<(string Step, long Records, ProcessMeasurement M)>();
        if (!File.Exists(Path.Combine(large, ".built")))
        {
            Say($"building the large store: waves {labels[0]}..{previous} and register {last}");
            DeleteIfExists(large);
            TimedProcess.RunDotnet(adrn, ["dataset", "init", "--spec", spec, "--store", large], log);
            foreach (var y in labels.SkipLast(1))
            {
                build.Add(AddWave(adrn, large, "register", y, Register(y), log));
                build.Add(AddWave(adrn, large, "payroll", y, Payroll(y), log));
                Say(Invariant($"  {y}: payroll add-wave {build[^1].M.WallSeconds:F1} s, {build.Sum(b => b.Records):N0} records in the store"));
            }

            build.Add(AddWave(adrn, large, "register", last, Register(last), log));
            File.WriteAllLines(Path.Combine(large, ".built"), build.Select(b => Invariant($"{b.Step}\t{b.Records}\t{b.M.WallSeconds}\t{b.M.PeakRssMiB}\t{b.M.LoadBefore}")));
        }
        else
        {
            build.AddRange(File.ReadAllLines(Path.Combine(large, ".built")).Select(l => l.Split('\t')).Select(p =>
                (p[0], long.Parse(p[1], CultureInfo.InvariantCulture), new ProcessMeasurement(double.Parse(p[2], CultureInfo.InvariantCulture), double.NaN, double.NaN,
                    double.Parse(p[3], CultureInfo.InvariantCulture), double.Parse(p[4], CultureInfo.InvariantCulture), string.Empty))));
        }

        // Two payroll years, so that the store has trained every model the large store has (the first payroll wave
        // meets an empty person spine; the second trains the person link model).
        var small = Path.Combine(work, "store-small");
        long smallRecords = 0;
        if (!File.Exists(Path.Combine(small, ".built")))
        {
            var first = labels[^3];
            Say($"building the small store: waves {first}..{previous} and register {last}");
            DeleteIfExists(small);
            TimedProcess.RunDotnet(adrn, ["dataset", "init", "--spec", spec, "--store", small], log);
            foreach (var y in labels.Skip(labels.IndexOf(first)).SkipLast(1))
            {
                smallRecords += AddWave(adrn, small, "register", y, Register(y), log).Records;
                smallRecords += AddWave(adrn, small, "payroll", y, Payroll(y), log).Records;
            }

            smallRecords += AddWave(adrn, small, "register", last, Register(last), log).Records;
            File.WriteAllText(Path.Combine(small, ".built"), Invariant($"{smallRecords}"));
        }
        else
        {
            smallRecords = long.Parse(File.ReadAllText(Path.Combine(small, ".built")).Trim(), CultureInfo.InvariantCulture);
        }

        var models = Path.Combine(work, "baseline-models");
        string[] Baseline(string output, string? only) =>
        [
            "dataset-baseline", "--spec", spec, "--source", "payroll", "--wave", Payroll(last),
            "--spine", $"person={Payroll(previous)}@payroll", "--spine", $"employer={Register(last)}@register",
            "--models", models, "--out", output, .. only is null ? Array.Empty<string>() : ["--only", only],
        ];
        if (!Directory.Exists(models) || Directory.GetFiles(models).Length < 3)
        {
            Say("baseline warm-up: training the baseline's models once");
            TimedProcess.RunDotnet(self, Baseline(Path.Combine(work, "baseline-warmup"), null), log);
        }

        // The baseline runs with adrn's garbage collector settings (Adrn.Cli.csproj: workstation, concurrent, ConserveMemory 5),
        // not the harness's own, so the two sides differ only in what they do.
        var adrnGc = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_gcConcurrent"] = "1", ["DOTNET_GCConserveMemory"] = "5" };
        var measured = new List<RunSet>();
        for (var r = 1; r <= runs; r++)
        {
            var largeRun = Fresh(large, Path.Combine(work, "run-large"));
            var a = AddWave(adrn, largeRun, "payroll", last, Payroll(last), log).M;
            var smallRun = Fresh(small, Path.Combine(work, "run-small"));
            var s = AddWave(adrn, smallRun, "payroll", last, Payroll(last), log).M;
            var b = TimedProcess.RunDotnet(self, Baseline(Path.Combine(work, "run-baseline"), null), log, adrnGc);
            var e = TimedProcess.RunDotnet(self, Baseline(Path.Combine(work, "run-baseline-employer"), "employer"), log, adrnGc);
            measured.Add(new RunSet(a, s, b, e));
            Say(Invariant($"run {r}: large store {a.WallSeconds:F2} s, small store {s.WallSeconds:F2} s, baseline {b.WallSeconds:F2} s, one-job baseline {e.WallSeconds:F2} s (load {a.LoadBefore:F1})"));
            DeleteIfExists(largeRun);
            DeleteIfExists(smallRun);
        }

        var report = DatasetBenchReport.ToMarkdown(new DatasetBenchReport.Inputs(employers, employees, years, labels, last, build, smallRecords, measured,
            Environment.ProcessorCount, WaveRecords(Payroll(last))));
        Directory.CreateDirectory(results);
        var path = Path.Combine(results, string.Create(CultureInfo.InvariantCulture, $"dataset-add-wave-{build.Sum(x => x.Records)}.md"));
        File.WriteAllText(path, report);
        Console.WriteLine(report);
        Console.WriteLine($"written {path}");
        return 0;
    }

    private static (string Step, long Records, ProcessMeasurement M) AddWave(string adrn, string store, string source, string wave, string input, string log)
    {
        var m = TimedProcess.RunDotnet(adrn, ["dataset", "add-wave", "--store", store, "--source", source, "--wave", wave, "--input", input], log);
        var added = AddedLine().Match(m.Output);
        if (!added.Success) throw new InvalidOperationException($"add-wave printed no summary:\n{m.Output}");
        return ($"{source} {wave}", long.Parse(added.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture), m);
    }

    private static long WaveRecords(string csv) => File.ReadLines(csv).LongCount() - 1;

    private static string Fresh(string store, string copy)
    {
        DeleteIfExists(copy);
        CopyDirectory(store, copy);
        // The copy's dirty pages are flushed before the measured run: the store flushes its own objects to disk, and a
        // flush then would wait for the copy's hundreds of megabytes as well.
        using var sync = System.Diagnostics.Process.Start("sync");
        sync?.WaitForExit();
        return copy;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static void DeleteIfExists(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Added \S+ wave \S+ as version \d+ in [\d.]+ s: ([\d,]+) records")]
    private static partial Regex AddedLine();

    /// <summary>One round of the interleaved measurements.</summary>
    internal sealed record RunSet(ProcessMeasurement LargeStore, ProcessMeasurement SmallStore, ProcessMeasurement Baseline, ProcessMeasurement OneJobBaseline);
}
