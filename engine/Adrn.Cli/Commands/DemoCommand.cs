using Adrn.Tables;
using System.CommandLine;
using System.Globalization;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Output;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;
using Adrn.Synthetic;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn demo [--out DIR]</c>: the main job on embedded defaults, with no external service. Generates a
/// synthetic UK population with ground truth, links payroll records to the business register and cohort
/// members to payroll persons on the in-process actor engine (SQLite journal, one worker per core), prints precision and recall against the truth, and writes the
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

    /// <summary>The demo's linked panel definition (<c>examples/linked-panel.json</c>, embedded like its jobs).</summary>
    private const string LinkedPanelFile = "linked-panel.json";

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
        var formats = new Option<string?>("--formats") { Description = "Write links and linked_panel in these formats, " + OutputFormatsArgument.Description };
        var command = new Command("demo", "Run the end-to-end demo on embedded defaults: synthetic data, linkage, quality against truth, linked panel.")
        {
            output, seed, employers, employees, cohort, formats,
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
            OutputFormatsArgument.Parse(parseResult.GetValue(formats)),
            ct)));
        return command;
    }

    private static int Run(ParseResult parseResult, string output, SyntheticPopulationOptions population, long seed, IReadOnlyList<SourceFormat>? formats, CancellationToken ct)
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
        stdout.WriteLine("[2/4] Linking payroll records to the business register (many-to-one) on the in-process actor engine");
        var employeeLinks = LinkOnLocalEngine(stdout, "employee-employer", outDir, variables, formats, ct);

        stdout.WriteLine("[3/4] Linking cohort members to payroll persons (one-to-one) on the in-process actor engine");
        LinkOnLocalEngine(stdout, "cohort-employee", outDir, variables, formats, ct);

        stdout.WriteLine("[4/4] Writing the linked employer–employee panel (pseudonymous keys, no direct identifiers)");
        var secret = Environment.GetEnvironmentVariable("ADRN_PSEUDONYM_KEY");
        var key = string.IsNullOrWhiteSpace(secret) ? PseudonymKey.CreateEphemeral() : PseudonymKeyFromEnvironment(secret);
        var panelPath = Path.Combine(outDir, "linked_panel.arrow");
        var panel = LinkedPanelBuilder.Build(
            new LinkedPanelOptions
            {
                Definition = LinkedPanelDefinition.Parse(EmbeddedJob(LinkedPanelFile), LinkedPanelFile),
                RecordsPath = Path.Combine(dataDir, "employees.arrow"),
                LinkedPath = Path.Combine(dataDir, "employers.arrow"),
                LinksPath = employeeLinks,
                Key = key,
            },
            panelPath);
        stdout.WriteLine(Invariant($"      {panel.Rows:N0} employee-years, {panel.LinkedRows:N0} with a linked employer -> {panel.Path}"));
        foreach (var format in formats ?? [])
        {
            if (format != SourceFormat.Arrow) stdout.WriteLine($"      also {TableConverter.ConvertArrowFile(panel.Path, format.ToTableFormat())}");
        }

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

    /// <summary>
    /// Runs one of the demo's embedded jobs exactly as <c>adrn link</c> does in local mode: an in-process
    /// ActorSystem with one worker per core and a SQLite journal under the job's output folder. The job
    /// file is written beside its outputs so the run can be inspected, resumed or repeated.
    /// </summary>
    /// <returns>The path of the job's <c>links.arrow</c>.</returns>
    private static string LinkOnLocalEngine(TextWriter stdout, string name, string outDir, IReadOnlyDictionary<string, string> variables,
        IReadOnlyList<SourceFormat>? formats, CancellationToken ct)
    {
        var jobOut = Path.Combine(outDir, name);
        Directory.CreateDirectory(jobOut);
        var jobFile = Path.Combine(jobOut, name + ".json");
        File.WriteAllText(jobFile, EmbeddedJob(name + ".json"));
        var config = LinkageJobConfig.Load(jobFile, variables);
        if (config.Scorer != PairScorerKind.FellegiSunter)
            throw new InvalidOperationException($"the demo job {name} asks for the {config.Scorer} scorer; the demo runs Fellegi–Sunter on the actor engine.");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The demo owns its output folder: a rerun replaces the previous run's outputs.
        var request = JobRequest.Start(new JobDescriptor(JobDescriptor.NewJobId(DateTimeOffset.UtcNow) + "-" + name, jobFile, jobOut, variables, ReplaceOutputs: true,
            Formats: formats?.Select(f => f.ToString().ToLowerInvariant()).ToList()));
        var options = new LocalEngineOptions { Journal = JournalOptions.ForSqliteFile(Path.Combine(jobOut, ".adrn", "adrn-journal.db")) };
        var outcome = LocalJobRunner.RunAsync(request, options, new LinkageJobWorkloadFactory(new Adrn.Learning.LearnedScorerProvider()), progress: null, ct).GetAwaiter().GetResult();
        if (!outcome.Succeeded)
            throw new InvalidOperationException($"the {name} job failed: {outcome.Error}");

        var links = Path.Combine(jobOut, "links.arrow");
        stdout.WriteLine(Invariant($"      {outcome.Summary!.PairsWritten:N0} candidate pairs scored by {options.WorkerCount} workers, journal {Path.Combine(jobOut, ".adrn")} ({clock.Elapsed.TotalSeconds:F1} s)"));
        if (config.Truth?.PairsPath is { } truth && File.Exists(truth))
        {
            var e = LinkEvaluation.Evaluate(links, truth, config.Resolution.MatchProbability);
            stdout.WriteLine(Invariant(
                $"      against the truth at p >= {e.Threshold:0.##}: precision {e.Precision:P2}, recall {e.Recall:P2}, F1 {e.F1:0.0000} ({e.PredictedLinks:N0} links)"));
        }

        return links;
    }

    private static string EmbeddedJob(string name)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("Adrn.Cli.Demo." + name)
            ?? throw new InvalidOperationException($"the demo's {name} is not embedded in adrn; rebuild the CLI.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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
