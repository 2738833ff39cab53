using System.CommandLine;
using System.Globalization;
using Adrn.Synthetic;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn demo [--out DIR]</c>: the main job on embedded defaults. Generates a synthetic UK
/// population with ground truth and prints a summary of what was written.
/// </summary>
public static class DemoCommand
{
    /// <summary>Default size of the demo population: small enough to run in well under a minute.</summary>
    internal static readonly SyntheticPopulationOptions DefaultPopulation = new()
    {
        Employers = 2_000,
        Employees = 20_000,
        Cohort = 2_000,
        Years = 3,
        Seed = 42,
    };

    /// <summary>Builds the <c>demo</c> command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Folder for the demo's data and outputs (created if missing).",
            DefaultValueFactory = _ => "demo-out",
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Random seed of the synthetic population.",
            DefaultValueFactory = _ => (long)DefaultPopulation.Seed,
        };
        var command = new Command("demo", "Run the end-to-end demo on embedded defaults: synthetic data, linkage, quality against truth, linked panel.")
        {
            output, seed,
        };
        command.SetAction((parseResult, ct) => Task.FromResult(Run(parseResult, parseResult.GetValue(output)!, parseResult.GetValue(seed), ct)));
        return command;
    }

    private static int Run(ParseResult parseResult, string output, long seed, CancellationToken ct)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        if (seed < 0)
        {
            throw new UsageException($"--seed must not be negative (got {seed}).");
        }

        var outDir = Path.GetFullPath(output);
        EnsureWritable(outDir);
        var dataDir = Path.Combine(outDir, "data");
        var options = DefaultPopulation with { Seed = (ulong)seed };

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[1/1] Generating a synthetic population: {options.Employers:N0} employers, {options.Employees:N0} payroll rows over {options.Years} years, {options.Cohort:N0} cohort members (seed {options.Seed})"));
        var summary = SyntheticPopulation.Generate(options, dataDir, progress: null, ct);
        foreach (var (table, rows) in summary.RowCounts)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {table,-26} {rows,10:N0} rows"));
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      written to {dataDir} in {summary.Seconds:F1} s"));
        return ExitCodes.Ok;
    }

    private static void EnsureWritable(string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            var probe = Path.Combine(outDir, $".adrn-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"cannot write to output folder '{outDir}': {ex.Message}", ex);
        }
    }
}
