using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Adrn.Engine.Coordination;
using Adrn.Engine.Hosting;
using Adrn.Engine.Jobs;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Linkage.Output;
using Spectre.Console;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn link --config JOB --out DIR [--truth FILE] [--workers N]</c> runs a linkage job on the
/// actor engine: in this process by default (one worker per core, SQLite journal under DIR), or on
/// a running cluster with <c>--cluster akka.tcp://adrn@HOST:PORT</c>. <c>--resume JOB_ID</c>
/// finishes a journalled job without redoing its finished partitions.
/// Exit codes: 0 the job finished, 1 its work failed (the message says how to resume), 2 bad usage, including a job
/// that could not be opened because of its job file (invalid, a missing column, too many comparisons, paths outside
/// a node's data roots), which leaves nothing to resume.
/// </summary>
public static class LinkCommand
{
    /// <summary>Builds the <c>link</c> command.</summary>
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "The JSON job file (see docs/config.md). Required unless --resume." };
        var output = new Option<string?>("--out") { Description = "Output folder (created if missing); in local mode it also holds the journal (.adrn/adrn-journal.db)." };
        var truth = new Option<string?>("--truth") { Description = "CSV of true pairs; the run report then includes precision and recall." };
        var workers = new Option<int>("--workers") { Description = "Local mode: workers (each runs one partition at a time). Default: one per core.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var variables = new Option<string[]>("--var") { Description = "Job file variable as name=value (repeatable); fills ${name} in the job file.", AllowMultipleArgumentsPerToken = false };
        var jobId = new Option<string?>("--job-id") { Description = "Id of the new job (default: time-stamped). Letters, digits, '-' and '_'." };
        var resume = new Option<string?>("--resume") { Description = "Resume this journalled job: finished partitions are kept, the rest run." };
        var cluster = new Option<string?>("--cluster") { Description = "Submit to the cluster reachable at this node address, e.g. akka.tcp://adrn@127.0.0.1:4053, instead of running locally." };
        var journal = new Option<string?>("--journal-connection") { Description = "Local mode: journal to this PostgreSQL connection string instead of SQLite under --out." };
        var tlsCertificate = new Option<string?>("--tls-certificate") { Description = "With --cluster on a TLS cluster: the client's certificate, a .pfx (with --tls-password) or a PEM certificate (with --tls-key)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of a PEM --tls-certificate." };
        var tlsPassword = new Option<string?>("--tls-password") { Description = "Password of the .pfx (or encrypted PEM key): the value, or env:NAME to read environment variable NAME." };
        var clientHost = new Option<string?>("--host") { Description = "With --cluster: local address the client listens on for the cluster's replies (0.0.0.0 for every interface). Default: the address this machine reaches the node from." };
        var publicHost = new Option<string?>("--public-host") { Description = "With --cluster: host name or IP the cluster's nodes reach this client at, when it differs from --host (containers, NAT)." };
        var formats = new Option<string?>("--formats") { Description = "Write links, pairs and clusters in these formats, " + OutputFormatsArgument.Description };
        var force = new Option<bool>("--force") { Description = "Replace the outputs another job left in --out (they are deleted before any work). Without it such a folder is refused." };
        var tlsTrust = new Option<string[]>("--tls-trust") { Description = "Certificate (PEM/DER) the cluster's certificates must chain to (repeatable). Default: the client's own certificate.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("link", "Link records with the actor engine (local by default, or on a cluster), journalled and resumable.")
        {
            config, output, truth, workers, variables, jobId, resume, cluster, journal, force, tlsCertificate, tlsKey, tlsPassword, tlsTrust, formats, clientHost, publicHost,
        };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, new Arguments(
            parseResult.GetValue(config),
            parseResult.GetValue(output),
            parseResult.GetValue(truth),
            parseResult.GetValue(workers),
            parseResult.GetValue(variables) ?? [],
            parseResult.GetValue(jobId),
            parseResult.GetValue(resume),
            parseResult.GetValue(cluster),
            parseResult.GetValue(journal),
            parseResult.GetValue(force),
            NodeCommand.Tls(parseResult.GetValue(tlsCertificate), parseResult.GetValue(tlsKey), parseResult.GetValue(tlsPassword), parseResult.GetValue(tlsTrust)),
            OutputFormatsArgument.Parse(parseResult.GetValue(formats)),
            parseResult.GetValue(clientHost),
            parseResult.GetValue(publicHost)), ct));
        return command;
    }

    private sealed record Arguments(
        string? Config, string? Out, string? Truth, int Workers, string[] Variables, string? JobId, string? Resume, string? Cluster, string? Journal, bool Force, TlsOptions? Tls,
        IReadOnlyList<Adrn.Linkage.Configuration.SourceFormat>? Formats, string? ClientHost, string? PublicHost);

    private static async Task<int> RunAsync(ParseResult parseResult, Arguments a, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        var request = BuildRequest(a);
        if (a.Cluster is null && request.Job is { } opening)
        {
            // Local inputs are checked before the job starts, before even its journal is made (a cluster's nodes check
            // the files they can see); the failure reads as any job that could not be opened.
            try
            {
                JobFileArguments.CheckSourceHeaders(JobFileArguments.Load(opening.ConfigPath, opening.Variables));
            }
            catch (Exception ex) when (ex is UsageException or Adrn.Linkage.Configuration.ConfigValidationException or Adrn.Tables.TableFormatException)
            {
                var cause = ex is UsageException { InnerException: { } inner } ? inner : ex;
                stderr.WriteLine($"adrn link: {JobOpeningFailure.Describe(request.JobId, cause, resumeHint: null)}");
                return ExitCodes.BadUsage;
            }
        }

        string? outDir = a.Out is null ? null : Path.GetFullPath(a.Out);
        if (a.Cluster is null && outDir is not null)
        {
            // Before any work or journal entry: the folder must not hold another job's outputs (unless --force, which
            // clears them now), must not be in use, and a resumed job must own it.
            var mode = request.Job is null ? OutputFolderMode.Resume : a.Force ? OutputFolderMode.Replace : OutputFolderMode.New;
            try
            {
                if (mode == OutputFolderMode.Replace) OutputFolder.Claim(outDir, request.JobId, mode).Dispose();
                else OutputFolder.Check(outDir, request.JobId, mode);
            }
            catch (OutputFolderException ex)
            {
                stderr.WriteLine($"adrn link: {ex.Message}");
                return ExitCodes.BadUsage;
            }
        }

        var where = a.Cluster is null ? "locally" : "on " + a.Cluster;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"job {request.JobId}: {(request.Job is null ? "resuming" : "starting")} {where}; if interrupted, resume with: adrn link --resume {request.JobId}{(outDir is null ? string.Empty : " --out " + outDir)}{(a.Cluster is null ? string.Empty : " --cluster " + a.Cluster)}"));

        // NOTE: the engine's own (Akka) log stays silent unless --verbose: the command reports progress and the outcome,
        // and a lost connection to a cluster as one line, instead of remoting's stack traces.
        var verbose = AdrnCommandLine.IsVerbose(parseResult);
        Akka.Event.LogLevel? engineLog = verbose ? Akka.Event.LogLevel.InfoLevel : null;
        var clientOptions = new ClusterClientOptions
        {
            AcceptTimeout = TimeSpan.FromSeconds(60),
            Tls = a.Tls,
            LogLevel = engineLog,
            LogStackTraces = verbose,
            Notice = line =>
            {
                stderr.WriteLine($"adrn link: {line}");
                stderr.Flush();
            },
            Host = a.ClientHost,
            PublicHost = a.PublicHost,
            Bound = address => stdout.WriteLine($"client listening at {address} for the cluster's replies"),
        };
        // Reading, standardising, blocking and training run on this process in local mode: a status line with counts.
        using var status = StatusLine.ForConsole(stdout);
        var outcome = await WithProgressAsync(stdout, clock, progress => a.Cluster is null
            ? LocalJobRunner.RunAsync(request, LocalOptions(a, outDir) with { LogLevel = engineLog, LogStackTraces = verbose }, new LinkageJobWorkloadFactory(new Adrn.Learning.LearnedScorerProvider(), status), progress, ct)
            : ClusterJobClient.RunAsync(a.Cluster, request, progress, clientOptions, ct)).ConfigureAwait(false);

        if (!outcome.Succeeded)
        {
            stderr.WriteLine($"adrn link: {outcome.Error}");
            return outcome.FailureKind == JobFailureKind.InvalidJob ? ExitCodes.BadUsage : ExitCodes.Failed;
        }

        var summary = outcome.Summary!;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job {summary.JobId} complete: {summary.PairsWritten:N0} scored pairs written in {clock.Elapsed.TotalSeconds:F2} s"));
        foreach (var file in summary.OutputFiles)
        {
            stdout.WriteLine($"  {file}");
        }

        foreach (var note in summary.Notes)
        {
            stdout.WriteLine($"  {note}");
        }

        return ExitCodes.Ok;
    }

    private static JobRequest BuildRequest(Arguments a)
    {
        if ((a.ClientHost is not null || a.PublicHost is not null) && a.Cluster is null)
        {
            throw new UsageException("--host and --public-host set where the cluster reaches this client; give them with --cluster ADDRESS (a local job has no network).");
        }

        if (a.Tls is not null && a.Cluster is null)
        {
            throw new UsageException("--tls-certificate secures the connection to a cluster; give it with --cluster ADDRESS (a local job has no network).");
        }

        if (a.Resume is not null)
        {
            if (a.Config is not null || a.JobId is not null || a.Formats is not null)
            {
                throw new UsageException("--resume JOB_ID continues a journalled job with its own settings; do not also give --config, --job-id or --formats.");
            }

            if (a.Cluster is null && a.Out is null && a.Journal is null)
            {
                throw new UsageException("--resume needs the journal: give --out DIR (SQLite journal under DIR) or --journal-connection, or --cluster ADDRESS.");
            }

            return JobRequest.Resume(CheckJobId(a.Resume, "--resume"));
        }

        if (string.IsNullOrWhiteSpace(a.Config))
        {
            throw new UsageException("--config JOB is required (or --resume JOB_ID).");
        }

        if (!File.Exists(a.Config))
        {
            throw new UsageException($"job file '{a.Config}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(a.Out))
        {
            throw new UsageException("--out DIR is required.");
        }

        if (a.Truth is not null && !File.Exists(a.Truth))
        {
            throw new UsageException($"truth file '{a.Truth}' does not exist.");
        }

        if (a.Workers < 1)
        {
            throw new UsageException($"--workers must be at least 1 (got {a.Workers}).");
        }

        var outDir = Path.GetFullPath(a.Out);
        // NOTE: a cluster job's folder is created by the node that runs it, under that node's data roots; the client
        // writes nothing, so a job the cluster refuses leaves no trace.
        if (a.Cluster is null)
        {
            try
            {
                Directory.CreateDirectory(outDir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot create output folder '{outDir}': {ex.Message}", ex);
            }
        }

        var id = a.JobId is null ? JobDescriptor.NewJobId(DateTimeOffset.UtcNow) : CheckJobId(a.JobId, "--job-id");
        return JobRequest.Start(new JobDescriptor(
            id,
            Path.GetFullPath(a.Config),
            outDir,
            JobFileArguments.ParseVariables(a.Variables),
            a.Truth is null ? null : Path.GetFullPath(a.Truth),
            ReplaceOutputs: a.Force && a.Cluster is not null,
            Formats: a.Formats?.Select(f => f.ToString().ToLowerInvariant()).ToList()));
    }

    private static string CheckJobId(string id, string option)
    {
        try
        {
            return JobDescriptor.ValidateJobId(id);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"{option}: {ex.Message.Split(" (Parameter")[0]}", ex);
        }
    }

    private static LocalEngineOptions LocalOptions(Arguments a, string? outDir)
    {
        if (a.Workers < 1)
        {
            throw new UsageException($"--workers must be at least 1 (got {a.Workers}).");
        }

        var journal = JournalOptions.FromConnectionStringOrDirectory(a.Journal, Path.Combine(outDir ?? ".", ".adrn"));
        return new LocalEngineOptions { WorkerCount = a.Workers, Journal = journal };
    }

    private static async Task<JobOutcome> WithProgressAsync(
        TextWriter stdout,
        Stopwatch clock,
        Func<IProgress<JobCoordinatorProtocol.JobProgress>, Task<JobOutcome>> run)
    {
        // NOTE: a live bar only when a person is watching; logs and tests get one plain line per
        // finished partition, which is what a CI log or `tee` can show, with the seconds since the
        // command started (so a log shows where the time went, whatever buffering came after).
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<JobPhase, ProgressTask>();
                    var progress = new Progress<JobCoordinatorProtocol.JobProgress>(p =>
                    {
                        if (!tasks.TryGetValue(p.Phase, out var task))
                        {
                            tasks[p.Phase] = task = context.AddTask(p.Phase == JobPhase.Scoring ? "scoring" : "counting", maxValue: Math.Max(1, p.PartitionsTotal));
                        }

                        task.Value = p.PartitionsDone;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"{(p.Phase == JobPhase.Scoring ? "scoring" : "counting")} {p.PartitionsDone}/{p.PartitionsTotal} partitions, {p.PairsPerSecond:N0} pairs/s");
                    });
                    return await run(progress).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        var plain = new PlainProgress(stdout, clock);
        return await run(plain).ConfigureAwait(false);
    }

    private sealed class PlainProgress(TextWriter stdout, Stopwatch clock) : IProgress<JobCoordinatorProtocol.JobProgress>
    {
        private (JobPhase, int)? _last;

        public void Report(JobCoordinatorProtocol.JobProgress value)
        {
            lock (this)
            {
                if (_last == (value.Phase, value.PartitionsDone))
                {
                    return;
                }

                _last = (value.Phase, value.PartitionsDone);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(value.Phase == JobPhase.Scoring ? "scoring" : "counting")}: {value.PartitionsDone}/{value.PartitionsTotal} partitions, {value.PairsPerSecond:N0} pairs/s, {clock.Elapsed.TotalSeconds:F2} s elapsed"));
                stdout.Flush();
            }
        }
    }
}
