using System.CommandLine;
using Adrn.Linkage;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn blocking --config JOB [--var name=value] [--truth FILE]</c>: the blocking report before anything is scored —
/// comparisons each rule adds, the cumulative count, the largest blocks, and with truth (<c>--truth</c> or the job's
/// <c>truth</c>) each rule's marginal recall — and whether the job's comparison cap would stop it. Exit code 1 when the
/// cap would be exceeded.
/// </summary>
public static class BlockingCommand
{
    /// <summary>Builds the <c>blocking</c> command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The JSON job file (see docs/config.md).", Required = true };
        var variables = new Option<string[]>("--var") { Description = "Job file variable as name=value (repeatable); fills ${name} in the job file.", AllowMultipleArgumentsPerToken = false };
        var truth = new Option<string?>("--truth") { Description = "CSV of true pairs: adds each rule's true pairs and marginal recall (default: the job's truth, if any)." };
        var command = new Command("blocking", "Report the comparisons each blocking rule would generate, before any scoring.")
        {
            config, variables, truth,
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
            if (report.CapExceeded is { } message)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"adrn blocking: {message}");
                return Task.FromResult(ExitCodes.Failed);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
