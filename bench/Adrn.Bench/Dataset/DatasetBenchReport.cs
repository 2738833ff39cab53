using System.Globalization;
using System.Text;

namespace Adrn.Bench.Dataset;

/// <summary>The Markdown results of <see cref="DatasetBench"/>.</summary>
internal static class DatasetBenchReport
{
    /// <summary>Target of issue 13: adding the wave to the large store takes at most this multiple of linking it on its own.</summary>
    public const double TargetRatio = 1.5;

    public static string ToMarkdown(Inputs inputs)
    {
        var ci = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(ci));
        var storeRecords = inputs.Build.Sum(b => b.Records);
        var runs = inputs.Runs;
        Line($"# Adding a payroll wave to a persistent dataset store");
        md.AppendLine();
        Line($"`dotnet run --project bench/Adrn.Bench -c Release -- dataset --employers {inputs.Employers} --employees {inputs.Employees} --years {inputs.Years} --runs {runs.Count}`");
        Line($"on {inputs.Cores} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; data from `adrn synth --employers {inputs.Employers} --employees {inputs.Employees} --years {inputs.Years} --waves` (waves {inputs.Labels[0]}..{inputs.Labels[^1]}).");
        md.AppendLine();
        Line($"The wave added: payroll {inputs.Last}, **{inputs.WaveRecords:N0} records**. The large store holds every earlier register and payroll wave and register {inputs.Last}: **{storeRecords:N0} records** ({inputs.Build.Count} waves). The small store holds the register and payroll waves {inputs.Labels[^3]} and {inputs.Labels[^2]} and register {inputs.Last}: {inputs.SmallStoreRecords:N0} records.");
        md.AppendLine();
        md.AppendLine("Each figure is a whole process (`/usr/bin/time`: wall, user+system CPU, peak RSS), median of the runs with min–max; runs interleaved in the order of the rows; load = 1-minute load average before the run. The baselines run with adrn's garbage-collector settings (workstation, concurrent, `ConserveMemory` 5).");
        md.AppendLine();
        md.AppendLine("| what | wall s (median, min–max) | CPU s | peak RSS MiB | load |");
        md.AppendLine("|---|---|---|---|---|");
        void Row(string name, Func<DatasetBench.RunSet, ProcessMeasurement> pick)
        {
            var m = runs.Select(pick).ToList();
            Line($"| {name} | {Median(m.Select(x => x.WallSeconds)):F2} ({m.Min(x => x.WallSeconds):F2}–{m.Max(x => x.WallSeconds):F2}) | {Median(m.Select(x => x.UserSeconds + x.SystemSeconds)):F2} | {Median(m.Select(x => x.PeakRssMiB)):F0} | {m.Min(x => x.LoadBefore):F1}–{m.Max(x => x.LoadBefore):F1} |");
        }

        Row($"`adrn dataset add-wave` into the large store ({storeRecords:N0} records)", r => r.LargeStore);
        Row($"`adrn dataset add-wave` into the small store ({inputs.SmallStoreRecords:N0} records)", r => r.SmallStore);
        Row("baseline: the wave's three link jobs by the pipeline on the wave on its own", r => r.Baseline);
        Row("one-job baseline: payroll→employer by the pipeline (the wave against the register)", r => r.OneJobBaseline);
        md.AppendLine();
        var vsBaseline = Median(runs.Select(r => r.LargeStore.WallSeconds / r.Baseline.WallSeconds));
        var vsSmall = Median(runs.Select(r => r.LargeStore.WallSeconds / r.SmallStore.WallSeconds));
        var vsOneJob = Median(runs.Select(r => r.LargeStore.WallSeconds / r.OneJobBaseline.WallSeconds));
        md.AppendLine("| ratio (median of the runs' ratios) | value |");
        md.AppendLine("|---|---|");
        Line($"| large store / baseline (the same jobs on the wave on its own) | **{vsBaseline:F2}** (target ≤ {TargetRatio:F1}: {(vsBaseline <= TargetRatio ? "holds" : "does not hold")}) |");
        Line($"| large store / small store (the store's size alone) | {vsSmall:F2} |");
        Line($"| large store / one-job baseline | {vsOneJob:F2} |");
        md.AppendLine();

        md.AppendLine("Where the large-store add-wave spends its time (median seconds per step, from its own report):");
        md.AppendLine();
        var steps = runs.Select(r => Steps(r.LargeStore.Output)).Where(s => s.Count > 0).ToList();
        if (steps.Count > 0)
        {
            md.AppendLine("| step | seconds |");
            md.AppendLine("|---|---|");
            foreach (var name in steps[0].Keys) Line($"| {name} | {Median(steps.Select(s => s.GetValueOrDefault(name))):F2} |");
            md.AppendLine();
        }

        md.AppendLine("The linkage runs of the last large-store add-wave (its progress lines):");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var line in runs[^1].LargeStore.Output.Split('\n').Where(l => l.Contains("linked ", StringComparison.Ordinal) || l.Contains("standardising", StringComparison.Ordinal)))
            md.AppendLine(line.TrimEnd());
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("How the time of a payroll add-wave moved while the large store was built (each a fresh process):");
        md.AppendLine();
        md.AppendLine("| wave added | records in the store before | wall s | peak RSS MiB | load |");
        md.AppendLine("|---|---|---|---|---|");
        long before = 0;
        foreach (var (step, records, m) in inputs.Build)
        {
            if (step.StartsWith("payroll", StringComparison.Ordinal))
                Line($"| {step} | {before:N0} | {m.WallSeconds:F2} | {m.PeakRssMiB:F0} | {m.LoadBefore:F1} |");
            before += records;
        }

        return md.ToString();
    }

    private static Dictionary<string, double> Steps(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("seconds:", StringComparison.Ordinal));
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (line is null) return result;
        foreach (var part in line.Trim()["seconds:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = part.LastIndexOf(' ');
            result[part[..space]] = double.Parse(part[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>What the report is made of.</summary>
    internal sealed record Inputs(int Employers, long Employees, int Years, IReadOnlyList<string> Labels, string Last,
        IReadOnlyList<(string Step, long Records, ProcessMeasurement M)> Build, long SmallStoreRecords, IReadOnlyList<DatasetBench.RunSet> Runs, int Cores, long WaveRecords);
}
