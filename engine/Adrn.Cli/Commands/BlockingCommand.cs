using System.CommandLine;
using Adrn.Linkage;
using Adrn.Linkage.Output;
using Adrn.Linkage.Reporting;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn blocking --config JOB [--var name=value] [--truth FILE] [--html FILE]</c>: the blocking report before anything
/// is scored — comparisons each rule adds, the cumulative count, the largest blocks, and with truth (<c>--truth</c> or the
/// job's <c>truth</c>) each rule's marginal recall — and whether the job's comparison cap would stop it. Exit code 2 when
/// the cap would be exceeded (a problem of the job file).
/// </summary>
public static class BlockingCommand
{
    /// <summary>Builds the <c>blocking</c> command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The JSON job file (see docs/config.md).", Required = true };
        var variables = new Option<string[]>("--var") { Description = "Job file variable as name=value (repeatable); fills ${name} in the job file.", AllowMultipleArgumentsPerToken = false };
        var truth = new Option<string?>("--truth") { Description = "CSV of true pairs: adds each rule's true pairs and marginal recall (default: the job's truth, if any)." };
        var html = new Option<string?>("--html") { Description = "Also write the report as a self-contained HTML page (table and cumulative chart; opens offline) to this file." };
        var command = new Command("blocking", "Report the comparisons each blocking rule would generate, before any scoring.")
        {
            config, variables, truth, html,
        };
        command.SetAction((parseResult, ct) =>
        {
            var job = JobFileArguments.Load(parseResult.GetValue(config), JobFileArguments.ParseVariables(parseResult.GetValue(variables)));
            var truthPath = parseResult.GetValue(truth);
            if (truthPath is not null && !File.Exists(truthPath))
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"adrn blocking: --truth '{truthPath}' does not exist");
                return Task.FromResult(ExitCodes.BadUsage);
            }

            var report = BlockingAnalysis.Analyse(job, truthPath is null ? null : Path.GetFullPath(truthPath), ct);
            var stdout = parseResult.InvocationConfiguration.Output;
            stdout.Write(report.ToText());
            if (parseResult.GetValue(html) is { } page)
            {
                try
                {
                    AtomicFile.Write(Path.GetFullPath(page), temp => File.WriteAllText(temp, LinkageReportPage.RenderBlocking(job.Name, report)));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"--html: cannot write '{page}': {ex.Message}", ex);
                }

                stdout.WriteLine($"blocking report page: {Path.GetFullPath(page)}");
            }

            if (report.CapExceeded is { } message)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"adrn blocking: {message}");
                // The job file's rules or its max_comparisons need changing: a problem of the job, as adrn link reports it.
                return Task.FromResult(ExitCodes.BadUsage);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
