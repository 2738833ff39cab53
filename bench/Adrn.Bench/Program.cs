using System.Globalization;
using Adrn.Bench;

// Usage: dotnet run --project bench/Adrn.Bench -c Release -- --records 100000,1000000 [--employers 10000,100000]
//        [--threads 1,2] [--processes 1,2|none] [--adrn adrn.dll] [--out bench/results] [--work /tmp/adrn-bench] [--config FILE] [--no-verify] [--explain] [--name FILE.md]
//        [--noise-profile default|hand-keyed]
//    or: dotnet run --project bench/Adrn.Bench -c Release -- ablation [--employers 20000] [--records 200000] [--seed 7] [--out bench/results]
if (args.Length > 0 && args[0] == "ablation") return Adrn.Bench.Ablation.AblationCommand.Run(args[1..]);
//        dotnet run --project bench/Adrn.Bench -c Release -- dataset [--employers 20000] [--employees 1000000] [--years 10] [--runs 3] (docs/dataset.md)
// The persistent dataset's incremental-cost benchmark (docs/dataset.md) and its baseline process.
if (args.Length > 0 && args[0] == "dataset") return Adrn.Bench.Dataset.DatasetBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "dataset-baseline") return Adrn.Bench.Dataset.WaveLinkBaseline.Run(args[1..]);

var options = new BenchOptions();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--records":
            options = options with { Records = Next().Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList() };
            break;
        case "--employers":
            options = options with { Employers = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() };
            break;
        case "--threads":
            options = options with { Threads = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() };
            break;
        case "--processes":
            var processes = Next();
            options = options with { Processes = processes == "none" ? [] : processes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() };
            break;
        case "--adrn":
            options = options with { AdrnDll = Path.GetFullPath(Next()) };
            break;
        case "--out":
            options = options with { ResultsDirectory = Next() };
            break;
        case "--work":
            options = options with { WorkDirectory = Next() };
            break;
        case "--config":
            options = options with { ConfigPath = Next() };
            break;
        case "--name":
            options = options with { ResultsFileName = Next() };
            break;
        case "--noise-profile":
            options = options with { NoiseProfile = Next() };
            break;
        case "--explain":
            options = options with { Explain = true };
            break;
        case "--no-verify":
            options = options with { Verify = false };
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'");
            return 2;
    }
}

var (cases, path) = BenchHarness.Run(options, Console.WriteLine);
Console.WriteLine($"written {path}");
return cases.All(c => (c.Verification is null || c.Verification.Agrees) && c.EngineRuns.All(r => r.LinksDigest == c.EngineRuns[0].LinksDigest)) ? 0 : 1;
