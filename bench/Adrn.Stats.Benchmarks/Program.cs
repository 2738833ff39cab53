using System.Diagnostics;
using Adrn.Stats.Akm;
using Adrn.Stats.Benchmarks;
using Adrn.Stats.Data;
using Adrn.Stats.Estimation;
using BenchmarkDotNet.Running;

// Console harness: `dotnet run -c Release --project bench/Adrn.Stats.Benchmarks` times the fixest design
// (1M obs, 100k workers × 10 years, 50k firms, 10% yearly moves). Arguments: an optional tolerance
// (default 1e-8), `--akm` to also time the AKM decomposition, `--kss` the KSS leave-out decomposition with
// random projections, `--bdn` to run BenchmarkDotNet instead. `--acf` times only the production functions
// (ACF, Levinsohn–Petrin, Olley–Pakes, OLS) on 20k firms × 10 years of the planted business survey;
// `--bdn-acf` runs that ACF fit under BenchmarkDotNet.
if (args.Contains("--bdn"))
{
    BenchmarkRunner.Run<FixedEffectAbsorptionBenchmark>();
    return;
}

if (args.Contains("--bdn-acf"))
{
    BenchmarkRunner.Run<AcfProductionFunctionBenchmark>();
    return;
}

if (args.Contains("--acf"))
{
    ProductionFunctionTiming.Run();
    return;
}

var toleranceArgument = args.FirstOrDefault(a => !a.StartsWith('-'));
var tolerance = toleranceArgument is not null && double.TryParse(toleranceArgument, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : 1e-8;
var sw = Stopwatch.StartNew();
var panel = WorkerFirmPanel.Create(workers: 100_000, years: 10, firms: 50_000, moveRate: 0.1, seed: 1);
Console.WriteLine($"generated {panel.Y.Length:N0} obs, {panel.Workers:N0} workers, {panel.Firms:N0} firms in {sw.Elapsed.TotalSeconds:F2} s");

var solver = new FixedEffectSolver([panel.Worker, panel.Firm], [panel.Workers, panel.Firms]);
var residual = new double[panel.Y.Length];
for (var rep = 0; rep < 3; rep++)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    sw.Restart();
    var iterations = solver.Demean(panel.Y, residual, tolerance);
    Console.WriteLine($"demean y (tol {tolerance:G}): {sw.Elapsed.TotalSeconds:F3} s, {iterations} iterations, allocated {(GC.GetAllocatedBytesForCurrentThread() - before) / 1e6:F1} MB");
}

var data = RegressionData.FromArrays(new Dictionary<string, Array>
{
    ["y"] = panel.Y, ["x"] = panel.X, ["worker"] = panel.Worker, ["firm"] = panel.Firm,
});
for (var rep = 0; rep < 2; rep++)
{
    sw.Restart();
    var fit = Regression.Fit(data, "y ~ x | worker + firm", new RegressionOptions { Vcov = VcovSpec.Cluster("firm"), FixedEffectTolerance = tolerance });
    Console.WriteLine($"Regression.Fit y ~ x | worker + firm, cluster firm: {sw.Elapsed.TotalSeconds:F3} s, {fit.FixedEffectIterations} iterations, " +
                      $"x = {fit["x"].Estimate:F5} ({fit["x"].StdError:F5}), N = {fit.N:N0}, singletons {fit.RemovedSingletons}");
}

if (args.Contains("--kss"))
{
    // KSS on the same design: leave-one-out connected set, match level, 50 random-projection draws.
    var years = panel.Y.Select((_, i) => (double)(i % 10)).ToArray();
    var kssData = RegressionData.FromArrays(new Dictionary<string, Array>
    {
        ["person_id"] = panel.Worker, ["employer_id"] = panel.Firm, ["log_wage"] = panel.Y, ["year"] = years,
    });
    sw.Restart();
    var kss = AkmDecomposition.Fit(kssData, new AkmOptions { Correction = AkmCorrection.LeaveOut, BiasCorrectionDraws = 0, Leverages = LeverageMethod.RandomProjection, RandomProjectionDraws = 50 });
    Console.WriteLine($"KSS (match level, 50 random projections): {sw.Elapsed.TotalSeconds:F2} s, {kss.Observations:N0} obs in the leave-one-out connected set, " +
                      $"firm share plug-in {kss.PlugIn.FirmShare:F4} KSS {kss.LeaveOut!.Corrected.FirmShare:F4}");
}

if (args.Contains("--akm"))
{
    // AKM on the same design: largest connected set, worker + firm effects, 40 bias-correction probes.
    var years = panel.Y.Select((_, i) => (double)(i % 10)).ToArray();
    var akmData = RegressionData.FromArrays(new Dictionary<string, Array>
    {
        ["person_id"] = panel.Worker, ["employer_id"] = panel.Firm, ["log_wage"] = panel.Y, ["year"] = years,
    });
    sw.Restart();
    var akm = AkmDecomposition.Fit(akmData, new AkmOptions { BiasCorrectionDraws = 40 });
    Console.WriteLine($"AKM (40 probes): {sw.Elapsed.TotalSeconds:F2} s, {akm.Observations:N0} obs in the largest connected set of {akm.ConnectedComponents} components, " +
                      $"{akm.Movers:N0} movers, firm share plug-in {akm.PlugIn.FirmShare:F4} corrected {akm.BiasCorrected!.FirmShare:F4}");
}
