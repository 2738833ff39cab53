using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Adrn.Learning;
using Adrn.Learning.Configuration;
using Adrn.Learning.Evaluation;
using Adrn.Learning.Labels;
using Adrn.Learning.Review;
using Adrn.Learning.Scoring;
using Adrn.Linkage.Configuration;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn review sample|import|compare --job DIR ...</c>: the clerical-review loop and the scorer comparison.
/// <list type="bullet">
/// <item><c>sample --job DIR [--config JOB --var k=v] --n 200 [--strategy uncertain|stratified] [--scorer fellegi-sunter|learned] [--out DIR]</c>
/// writes a review sheet (CSV), a self-contained HTML page with each pair's waterfall, and the sample manifest.</item>
/// <item><c>import --job DIR --labels FILE</c> validates reviewed decisions, adds them to <c>DIR/clerical-labels.csv</c> and, for
/// a stratified sample, prints the links' estimated precision with its 95% interval.</item>
/// <item><c>compare --job DIR [--truth FILE]</c> trains the learned scorer (identifier rule, labels file, clerical labels),
/// saves <c>learned-model.zip</c>/<c>learned-model.json</c> beside <c>model.json</c>, and prints both scorers' precision,
/// recall and F1 on held-out truth.</item>
/// </list>
/// The job folder holds <c>model.json</c> (trained and saved on first use when missing), <c>learning.json</c> (learned
/// scorer options, optional) and <c>review-job.json</c> (the job file and variables given with <c>--config</c>/<c>--var</c>,
/// remembered so later commands need only <c>--job</c>).
/// Exit codes: 0 done, 1 failed (unreadable data, labels file with problems — all listed), 2 bad usage.
/// </summary>
public static class ReviewCommand
{
    private const string JobFileName = "review-job.json";
    private const string LearningFileName = "learning.json";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Builds the <c>review</c> command and its sub-commands.</summary>
    public static Command Create()
    {
        var command = new Command("review", "Clerical review: sample pairs for review, import decisions, compare scorers on held-out truth.");
        command.Subcommands.Add(CreateSample());
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateCompare());
        return command;
    }

    private sealed record JobOptions(Option<string> Job, Option<string?> Config, Option<string[]> Variables, Option<string?> Learning);

    private static JobOptions AddJobOptions(Command command)
    {
        var job = new Option<string>("--job") { Description = "Job folder: holds model.json, learning.json, clerical-labels.csv and review files (created if missing).", Required = true };
        var config = new Option<string?>("--config") { Description = "The JSON job file; remembered in the job folder (review-job.json) so later commands can omit it." };
        var variables = new Option<string[]>("--var") { Description = "Job file variable as name=value (repeatable), e.g. data=DIR.", AllowMultipleArgumentsPerToken = false };
        var learning = new Option<string?>("--learning") { Description = "Learned-scorer options (default: JOB_DIR/learning.json when present; see docs/learned-scoring.md)." };
        command.Options.Add(job);
        command.Options.Add(config);
        command.Options.Add(variables);
        command.Options.Add(learning);
        return new JobOptions(job, config, variables, learning);
    }

    private static Command CreateSample()
    {
        var command = new Command("sample", "Export pairs for clerical review: CSV sheet, HTML page with waterfalls, sample manifest.");
        var o = AddJobOptions(command);
        var n = new Option<int>("--n") { Description = "Pairs to sample.", DefaultValueFactory = _ => 200 };
        var strategy = new Option<string>("--strategy") { Description = "uncertain: pairs nearest the threshold; stratified: random links by probability band (gives a precision estimate).", DefaultValueFactory = _ => "uncertain" };
        strategy.AcceptOnlyFromAmong("uncertain", "stratified");
        var scorer = new Option<string?>("--scorer") { Description = "Scorer whose probabilities drive the sample: fellegi-sunter or learned (default: learning.json's scorer, else fellegi-sunter)." };
        scorer.AcceptOnlyFromAmong("fellegi-sunter", "learned");
        var output = new Option<string?>("--out") { Description = "Folder for the review files (default JOB_DIR/review)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the stratified draw.", DefaultValueFactory = _ => 42 };
        command.Options.Add(n);
        command.Options.Add(strategy);
        command.Options.Add(scorer);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var count = parseResult.GetValue(n);
            if (count < 1) throw new UsageException($"--n must be at least 1 (got {count}).");
            var (jobDir, config) = ResolveJob(parseResult, o);
            var options = LoadLearning(parseResult.GetValue(o.Learning), jobDir);
            var scorerKind = parseResult.GetValue(scorer) switch
            {
                "learned" => ScorerKind.Learned,
                "fellegi-sunter" => ScorerKind.FellegiSunter,
                _ => options.Scorer,
            };
            var outDir = Path.GetFullPath(parseResult.GetValue(output) ?? Path.Combine(jobDir, "review"));
            var ws = OpenWorkspace(config, jobDir);
            var threshold = config.Resolution.MatchProbability;
            var keep = Math.Min(config.Resolution.KeepProbability, threshold);
            var pairs = scorerKind == ScorerKind.Learned
                ? ws.ScoreLearned(LearnedFor(ws, options, jobDir, stdout), keep)
                : ws.ScoreFellegiSunter(keep);
            var name = scorerKind == ScorerKind.Learned ? "learned" : "fellegi-sunter";
            var sample = parseResult.GetValue(strategy) == "stratified"
                ? ClericalSampler.Stratified(ws.Resolve(pairs, threshold), ws.Prepared.Records, count, threshold, parseResult.GetValue(seed), name)
                : ClericalSampler.Uncertain(pairs, ws.Prepared.Records, count, threshold, name);
            var files = ClericalReviewWriter.Write(ws, sample, outDir);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sampled {sample.Pairs.Count} pairs ({sample.Strategy.ToString().ToLowerInvariant()}, {name} scorer):"));
            foreach (var s in sample.Strata) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stratum {s.Name,-16} links {s.Population,8}  sampled {s.Sampled,5}"));
            foreach (var f in files) stdout.WriteLine($"  {f}");
            stdout.WriteLine($"fill the label column (1 = match, 0 = non-match), then: adrn review import --job {jobDir} --labels {files[0]}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateImport()
    {
        var command = new Command("import", "Import reviewed decisions (id_l,id_r,label CSV or a filled review sheet) into the job's clerical labels.");
        var o = AddJobOptions(command);
        var labels = new Option<string>("--labels") { Description = "The reviewed sheet or labels file (CSV with id_l, id_r, label).", Required = true };
        var manifest = new Option<string?>("--sample") { Description = "Sample manifest for the precision estimate (default: review-sample.json beside the labels file)." };
        command.Options.Add(labels);
        command.Options.Add(manifest);
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var labelsPath = Path.GetFullPath(parseResult.GetValue(labels)!);
            if (!File.Exists(labelsPath)) throw new UsageException($"labels file '{labelsPath}' does not exist.");
            var (jobDir, config) = ResolveJob(parseResult, o);
            var ws = OpenWorkspace(config, jobDir);
            var (imported, added) = ClericalLabelStore.Import(jobDir, labelsPath, ws.Lookup);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"imported {imported.Count} decisions ({imported.Count(l => l.IsMatch)} matches, {added} new) into {Path.Combine(jobDir, ClericalLabelStore.FileName)}"));
            var manifestPath = parseResult.GetValue(manifest) ?? Path.Combine(Path.GetDirectoryName(labelsPath)!, ClericalSample.ManifestFileName);
            if (File.Exists(manifestPath))
            {
                var sample = ClericalSample.Load(manifestPath);
                if (sample.Strategy == ClericalSampleStrategy.Stratified)
                    stdout.Write(PrecisionEstimate.FromSample(sample, imported, ws.Lookup).ToText());
                else
                    stdout.WriteLine("the sample is an uncertainty sample (not random), so no precision estimate is made; use --strategy stratified for one.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCompare()
    {
        var command = new Command("compare", "Train the learned scorer and compare it with Fellegi–Sunter on held-out truth (precision, recall, F1).");
        var o = AddJobOptions(command);
        var truth = new Option<string?>("--truth") { Description = "CSV of true pairs (default: the job's truth.pairs)." };
        command.Options.Add(truth);
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var (jobDir, config) = ResolveJob(parseResult, o);
            var truthPath = parseResult.GetValue(truth) ?? config.Truth?.PairsPath
                ?? throw new UsageException("--truth FILE is required: the job has no truth.pairs.");
            if (!File.Exists(truthPath)) throw new UsageException($"truth file '{truthPath}' does not exist.");
            var options = LoadLearning(parseResult.GetValue(o.Learning), jobDir);
            var ws = OpenWorkspace(config, jobDir);
            var labels = GatherLabels(ws, options, jobDir);
            var learned = ws.TrainLearned(options, labels);
            foreach (var f in learned.Save(jobDir)) stdout.WriteLine($"wrote {f}");
            var keep = Math.Min(config.Resolution.KeepProbability, config.Resolution.MatchProbability);
            var split = new LeftRecordSplit(options.Seed, options.HoldoutShare, options.RuleShare, options.CalibrationShare);
            var truthPairs = TruthPairs.Load(truthPath);
            Func<string, bool> heldOut = options.HoldoutShare > 0 ? split.IsHeldOut : _ => true;
            var threshold = config.Resolution.MatchProbability;
            var rows = new[]
            {
                ScorerComparison.Evaluate("fellegi-sunter", ws.ScoreFellegiSunter(keep), ws.Prepared, config.Resolution.Method, threshold, truthPairs, heldOut),
                ScorerComparison.Evaluate("learned", ws.ScoreLearned(learned, keep), ws.Prepared, config.Resolution.Method, threshold, truthPairs, heldOut),
            };
            stdout.WriteLine(options.HoldoutShare > 0
                ? string.Create(CultureInfo.InvariantCulture, $"held-out truth: the {options.HoldoutShare:P0} of left records chosen by seeded hash (seed {options.Seed}); no training label came from them")
                : "holdout_share is 0: evaluated on all records, including those the training labels came from (figures are optimistic)");
            stdout.Write(ScorerComparison.ToTable(rows));
            var report = Path.Combine(jobDir, "scorer-comparison.json");
            File.WriteAllText(report, JsonSerializer.Serialize(rows, Json));
            stdout.WriteLine($"wrote {report}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record RememberedJob(string Config, Dictionary<string, string> Variables);

    private static (string JobDir, LinkageJobConfig Config) ResolveJob(ParseResult parseResult, JobOptions o)
    {
        var jobDir = Path.GetFullPath(parseResult.GetValue(o.Job)!);
        try
        {
            Directory.CreateDirectory(jobDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create job folder '{jobDir}': {ex.Message}", ex);
        }

        var remembered = Path.Combine(jobDir, JobFileName);
        var configPath = parseResult.GetValue(o.Config);
        var variables = JobFileArguments.ParseVariables(parseResult.GetValue(o.Variables));
        if (configPath is not null)
        {
            configPath = Path.GetFullPath(configPath);
            if (!File.Exists(configPath)) throw new UsageException($"job file '{configPath}' does not exist.");
            File.WriteAllText(remembered, JsonSerializer.Serialize(new RememberedJob(configPath, variables), Json));
        }
        else if (File.Exists(remembered))
        {
            var job = JsonSerializer.Deserialize<RememberedJob>(File.ReadAllText(remembered), Json)
                      ?? throw new UsageException($"{remembered} is empty; give --config JOB.");
            configPath = job.Config;
            foreach (var (k, v) in job.Variables) variables.TryAdd(k, v);
        }
        else
        {
            throw new UsageException($"--config JOB is required the first time a job folder is used ('{jobDir}' has no {JobFileName}).");
        }

        try
        {
            return (jobDir, LinkageJobConfig.Load(configPath, variables));
        }
        catch (ConfigValidationException ex)
        {
            throw new UsageException($"job file '{configPath}': {ex.Message}", ex);
        }
    }

    private static LearnedScoringOptions LoadLearning(string? path, string jobDir)
    {
        if (path is not null)
        {
            if (!File.Exists(path)) throw new UsageException($"learning options file '{path}' does not exist.");
            return LearnedScoringOptions.Load(path);
        }

        var inJob = Path.Combine(jobDir, LearningFileName);
        return File.Exists(inJob) ? LearnedScoringOptions.Load(inJob) : new LearnedScoringOptions();
    }

    private static LinkageWorkspace OpenWorkspace(LinkageJobConfig config, string jobDir)
    {
        var modelPath = Path.Combine(jobDir, "model.json");
        var existed = File.Exists(modelPath);
        var ws = LinkageWorkspace.Open(config, existed ? modelPath : null);
        if (!existed) ws.Model.Save(modelPath);
        return ws;
    }

    private static IReadOnlyList<PairLabel> GatherLabels(LinkageWorkspace ws, LearnedScoringOptions options, string jobDir)
    {
        var labels = new List<PairLabel>();
        if (options.LabelsPath is { } path) labels.AddRange(PairLabelFile.Load(path, ws.Lookup));
        labels.AddRange(ClericalLabelStore.Read(jobDir, ws.Lookup));
        if (options.IdentifierRule.Count == 0 && labels.Count == 0)
            throw new UsageException("the learned scorer has no labels: set identifier_rule or labels_path in learning.json, or import clerical decisions first.");
        return labels;
    }

    private static LearnedScorer LearnedFor(LinkageWorkspace ws, LearnedScoringOptions options, string jobDir, TextWriter stdout)
    {
        if (File.Exists(Path.Combine(jobDir, LearnedScorer.ModelFileName)))
            return LearnedScorer.Load(jobDir, ws.Prepared, ws.Comparisons);
        var scorer = ws.TrainLearned(options, GatherLabels(ws, options, jobDir));
        foreach (var f in scorer.Save(jobDir)) stdout.WriteLine($"wrote {f}");
        return scorer;
    }
}
