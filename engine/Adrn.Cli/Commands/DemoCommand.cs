using System.CommandLine;
using System.Globalization;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;
using Adrn.Synthetic;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn demo [--out DIR]</c>: the main job on embedded defaults, with no external service. Generates a
/// synthetic UK population with ground truth, links payroll records to the business register and cohort
/// members to payroll persons, prints precision and recall against the truth, and writes the
/// pseudonymised <c>linked_panel</c> that the notebooks and regressions read.
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
        var employers = new Option<int>("--employers") { Description = "Employers in the synthetic register.", DefaultValueFactory = _ => DefaultPopulation.Employers };
        var employees = new Option<long>("--employees") { Description = "Payroll rows (person-job-years).", DefaultValueFactory = _ => DefaultPopulation.Employees };
        var cohort = new Option<int>("--cohort") { Description = "Cohort-study members.", DefaultValueFactory = _ => DefaultPopulation.Cohort };
        var command = new Command("demo", "Run the end-to-end demo on embedded defaults: synthetic data, linkage, quality against truth, linked panel.")
        {
            output, seed, employers, employees, cohort,
        };
        command.SetAction((parseResult, ct) => Task.FromResult(Run(
            parseResult,
            parseResult.GetValue(output)!,
            DefaultPopulation with
            {
                Seed = (ulong)Math.Max(0, parseResult.GetValue(seed)),
                Employers = parseResult.GetValue(employers),
                Employees = parseResult.GetValue(employees),
                Cohort = parseResult.GetValue(cohort),
            },
            parseResult.GetValue(seed),
            ct)));
        return command;
    }

    private static int Run(ParseResult parseResult, string output, SyntheticPopulationOptions population, long seed, CancellationToken ct)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var problems = population.Validate().ToList();
        if (seed < 0) problems.Add($"--seed must not be negative (got {seed}).");
        if (problems.Count > 0) throw new UsageException(string.Join(" ", problems));

        var outDir = Path.GetFullPath(output);
        EnsureWritable(outDir);
        var dataDir = Path.Combine(outDir, "data");

        stdout.WriteLine(Invariant(
            $"[1/4] Synthetic population: {population.Employers:N0} employers, {population.Employees:N0} payroll rows over {population.Years} years, {population.Cohort:N0} cohort members (seed {population.Seed})"));
        var summary = SyntheticPopulation.Generate(population, dataDir, progress: null, ct);
        stdout.WriteLine(Invariant($"      {summary.Files.Count} files in {dataDir} ({summary.Seconds:F1} s)"));

        var variables = new Dictionary<string, string> { ["data"] = dataDir };
        var employeeOut = Path.Combine(outDir, "employee-employer");
        stdout.WriteLine("[2/4] Linking payroll records to the business register (many-to-one)");
        var employeeRun = LinkageJob.Run(LoadEmbeddedJob("employee-employer.json", variables), employeeOut, new LinkageRunOptions(), null, ct);
        WriteQuality(stdout, employeeRun);

        var cohortOut = Path.Combine(outDir, "cohort-employee");
        stdout.WriteLine("[3/4] Linking cohort members to payroll persons (one-to-one)");
        var cohortRun = LinkageJob.Run(LoadEmbeddedJob("cohort-employee.json", variables), cohortOut, new LinkageRunOptions(), null, ct);
        WriteQuality(stdout, cohortRun);

        stdout.WriteLine("[4/4] Writing the linked employer–employee panel (pseudonymous keys, no direct identifiers)");
        var secret = Environment.GetEnvironmentVariable("ADRN_PSEUDONYM_KEY");
        var key = string.IsNullOrWhiteSpace(secret) ? PseudonymKey.CreateEphemeral() : PseudonymKeyFromEnvironment(secret);
        var panelPath = Path.Combine(outDir, "linked_panel.arrow");
        var panel = LinkedPanelBuilder.Build(
            new LinkedPanelOptions
            {
                EmployeesPath = Path.Combine(dataDir, "employees.arrow"),
                EmployersPath = Path.Combine(dataDir, "employers.arrow"),
                LinksPath = LinksFile(employeeRun),
                Key = key,
            },
            panelPath);
        stdout.WriteLine(Invariant($"      {panel.Rows:N0} employee-years, {panel.LinkedRows:N0} with a linked employer -> {panel.Path}"));
        stdout.WriteLine(key.IsEphemeral
            ? "      pseudonymous keys use a random key made for this run (set ADRN_PSEUDONYM_KEY for keys stable across runs)"
            : "      pseudonymous keys use the key in ADRN_PSEUDONYM_KEY");
        stdout.WriteLine(Invariant($"Done. Outputs in {outDir}"));
        return ExitCodes.Ok;
    }

    private static PseudonymKey PseudonymKeyFromEnvironment(string secret)
    {
        try
        {
            return PseudonymKey.FromSecret(secret);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"ADRN_PSEUDONYM_KEY is not usable: {ex.Message}", ex);
        }
    }

    private static string LinksFile(LinkageRunResult run) =>
        run.Files.TryGetValue("links", out var links) && links.Count > 0
            ? links[0]
            : throw new InvalidOperationException("the employee-employer job wrote no links file.");

    private static void WriteQuality(TextWriter stdout, LinkageRunResult run)
    {
        stdout.WriteLine(Invariant(
            $"      {run.RowsIn:N0} rows in, {run.RowsQuarantined:N0} quarantined; {run.PairsCompared:N0} pairs compared; {run.Links:N0} links ({run.Timings.GetValueOrDefault("total"):F1} s)"));
        if (run.Evaluation is { Precision: { } p, Recall: { } r, F1: { } f1 } e)
        {
            stdout.WriteLine(Invariant(
                $"      against the truth at p >= {e.Threshold:0.##}: precision {p:P2}, recall {r:P2}, F1 {f1:0.0000}"));
        }
        else if (run.Evaluation is EvaluationReport estimate)
        {
            stdout.WriteLine(Invariant($"      model's own estimate: {estimate.ExpectedFalseLinks:N1} false links among {estimate.PredictedLinks:N0}"));
        }
    }

    private static LinkageJobConfig LoadEmbeddedJob(string name, IReadOnlyDictionary<string, string> variables)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("Adrn.Cli.Demo." + name)
            ?? throw new InvalidOperationException($"the demo job {name} is not embedded in adrn; rebuild the CLI.");
        using var reader = new StreamReader(stream);
        return LinkageJobConfig.Parse(reader.ReadToEnd(), Directory.GetCurrentDirectory(), variables);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

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
