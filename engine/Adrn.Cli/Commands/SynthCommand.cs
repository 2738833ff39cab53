using System.CommandLine;
using System.Globalization;
using Adrn.Synthetic;
using Spectre.Console;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn synth --employers N --employees N --cohort N --years N --seed N --out DIR [--format csv,arrow,parquet]</c>:
/// writes the synthetic business register, payroll panel, cohort, truth files and dgp.json.
/// Exit codes: 0 written, 1 generation failed, 2 bad usage (negative counts, unknown format,
/// output folder that cannot be written).
/// </summary>
public static class SynthCommand
{
    /// <summary>Builds the <c>synth</c> command.</summary>
    public static Command Create()
    {
        var defaults = new SyntheticPopulationOptions();
        var employers = new Option<int>("--employers") { Description = "Enterprises in the business register.", DefaultValueFactory = _ => defaults.Employers };
        var employees = new Option<long>("--employees") { Description = "Payroll rows (person-job-years); persons = employees / years.", DefaultValueFactory = _ => defaults.Employees };
        var cohort = new Option<int>("--cohort") { Description = "Cohort-study members.", DefaultValueFactory = _ => defaults.Cohort };
        var years = new Option<int>("--years") { Description = "Payroll years (1..30).", DefaultValueFactory = _ => defaults.Years };
        var seed = new Option<long>("--seed") { Description = "Random seed; the same arguments give byte-identical CSV and Arrow files.", DefaultValueFactory = _ => (long)defaults.Seed };
        var firstYear = new Option<int>("--first-year") { Description = "First payroll year and register reference year.", DefaultValueFactory = _ => defaults.FirstYear };
        var output = new Option<string>("--out") { Description = "Output folder (created if missing).", Required = true };
        var format = new Option<string>("--format") { Description = "Comma-separated formats: csv, arrow, parquet.", DefaultValueFactory = _ => "csv,arrow" };
        var noiseProfile = new Option<string>("--noise-profile") { Description = "Noise profile: default, or hand-keyed (typos, glued words, abbreviations, PAYE and postcode errors of hand-keyed employer fields; more person-field noise). See docs/synthetic-data.md.", DefaultValueFactory = _ => NoiseProfiles.DefaultName };
        var waves = new Option<bool>("--waves") { Description = "Also write yearly waves with churn: waves/YEAR/employers and employees, waves/cohort, truth/wave_entities.csv (the other files stay the same)." };
        var command = new Command("synth", "Generate a synthetic UK employer–employee–cohort population with ground truth.")
        {
            employers, employees, cohort, years, seed, firstYear, output, format, noiseProfile, waves,
        };
        command.SetAction((parseResult, ct) => Task.FromResult(Run(
            parseResult,
            parseResult.GetValue(employers),
            parseResult.GetValue(employees),
            parseResult.GetValue(cohort),
            parseResult.GetValue(years),
            parseResult.GetValue(seed),
            parseResult.GetValue(firstYear),
            parseResult.GetValue(output),
            parseResult.GetValue(format),
            parseResult.GetValue(noiseProfile),
            parseResult.GetValue(waves),
            ct)));
        return command;
    }

    private static int Run(ParseResult parseResult, int employers, long employees, int cohort, int years, long seed, int firstYear, string? output, string? format,
        string? noiseProfile, bool waves, CancellationToken ct)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        var problems = new List<string>();
        var formats = ParseFormats(format, problems);
        if (seed < 0)
        {
            problems.Add($"seed must not be negative (got {seed}).");
        }

        var options = new SyntheticPopulationOptions
        {
            Employers = employers,
            Employees = employees,
            Cohort = cohort,
            Years = years,
            Seed = (ulong)Math.Max(0, seed),
            FirstYear = firstYear,
            Formats = formats == OutputFormats.None ? OutputFormats.Csv : formats,
            Waves = waves ? new WaveOptions() : null,
        };
        if (!NoiseProfiles.Names.Contains(noiseProfile ?? NoiseProfiles.DefaultName, StringComparer.OrdinalIgnoreCase))
            problems.Add($"unknown --noise-profile '{noiseProfile}'; use one of {string.Join(", ", NoiseProfiles.Names)}.");
        else
            options = NoiseProfiles.Apply(options, noiseProfile ?? NoiseProfiles.DefaultName);
        problems.AddRange(options.Validate());
        if (string.IsNullOrWhiteSpace(output))
        {
            problems.Add("--out DIR is required.");
        }
        else if (CheckWritable(output) is { } notWritable)
        {
            problems.Add(notWritable);
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"adrn synth: {problem}");
            }

            return ExitCodes.BadUsage;
        }

        SyntheticPopulationSummary summary;
        try
        {
            summary = Console.IsOutputRedirected || !ReferenceEquals(stdout, Console.Out)
                ? GeneratePlain(options, output!, stdout, ct)
                : GenerateWithProgressBar(options, output!, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"adrn synth: could not write to '{output}': {ex.Message}");
            return ExitCodes.Failed;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {summary.Files.Count} files to {summary.OutputDirectory} in {summary.Seconds:F1} s:"));
        foreach (var (table, rows) in summary.RowCounts)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-26} {rows,12:N0} rows"));
        }

        return ExitCodes.Ok;
    }

    private static SyntheticPopulationSummary GeneratePlain(SyntheticPopulationOptions options, string output, TextWriter stdout, CancellationToken ct)
    {
        var lastStage = string.Empty;
        var progress = new SynchronousProgress(p =>
        {
            // Plain lines (one per stage) when stdout is not a terminal, so logs stay readable.
            if (p.Stage != lastStage)
            {
                lastStage = p.Stage;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Stage}..."));
            }
        });
        return SyntheticPopulation.Generate(options, output, progress, ct);
    }

    private static SyntheticPopulationSummary GenerateWithProgressBar(SyntheticPopulationOptions options, string output, CancellationToken ct)
    {
        SyntheticPopulationSummary? summary = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("synth", maxValue: 1);
                var progress = new SynchronousProgress(p =>
                {
                    task.Description = p.Stage;
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                summary = SyntheticPopulation.Generate(options, output, progress, ct);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static OutputFormats ParseFormats(string? text, List<string> problems)
    {
        var formats = OutputFormats.None;
        foreach (var part in (text ?? "csv,arrow").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToUpperInvariant())
            {
                case "CSV":
                    formats |= OutputFormats.Csv;
                    break;
                case "ARROW":
                    formats |= OutputFormats.Arrow;
                    break;
                case "PARQUET":
                    formats |= OutputFormats.Parquet;
                    break;
                default:
                    problems.Add($"unknown format '{part}' in --format; use csv, arrow and/or parquet separated by commas.");
                    break;
            }
        }

        if (formats == OutputFormats.None && problems.Count == 0)
        {
            problems.Add("--format must name at least one of csv, arrow, parquet.");
        }

        return formats;
    }

    private static string? CheckWritable(string output)
    {
        try
        {
            if (File.Exists(output))
            {
                return $"--out '{output}' is a file, not a folder.";
            }

            Directory.CreateDirectory(output);
            var probe = Path.Combine(output, $".adrn-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot write to output folder '{output}': {ex.Message}";
        }
    }

    /// <summary>Calls the handler on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<GenerationProgress> handler) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => handler(value);
    }
}
