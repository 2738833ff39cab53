using System.CommandLine;
using Adrn.Cli.Commands;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;

namespace Adrn.Cli;

/// <summary>
/// Builds the <c>adrn</c> command tree and runs it with the project's exit-code conventions:
/// 0 ok, 1 failed, 2 bad usage. Every failure ends as one message on standard error; stack traces only with
/// <c>--verbose</c> (or <c>ADRN_DEBUG=1</c>).
/// </summary>
public static class AdrnCommandLine
{
    /// <summary>The name of the option, accepted by every command, that shows stack traces and the engine's log.</summary>
    public const string VerboseOptionName = "--verbose";

    /// <summary>Creates the root command with every sub-command registered.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "adrn: link administrative records (Fellegi–Sunter) and analyse the linked employer–employee data.");
        root.Options.Add(new Option<bool>(VerboseOptionName)
        {
            Description = "Show details when something fails (stack traces) and the engine's own log (Akka, info level).",
            Recursive = true,
        });
        foreach (var command in CreateCommands())
        {
            root.Subcommands.Add(command);
        }

        // Examples in every --help and required options marked, for every command (CommandGuide).
        CommandLinePolish.Apply(root);
        return root;
    }

    /// <summary>Whether the user asked for details: <c>--verbose</c>, or the environment variable <c>ADRN_DEBUG=1</c>.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>True when stack traces and the engine's log may be shown.</returns>
    public static bool IsVerbose(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Environment.GetEnvironmentVariable("ADRN_DEBUG") == "1" || parseResult.GetValue<bool>(VerboseOptionName);
    }

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <returns>0 when the command succeeded, 1 when its work failed, 2 when the command line (or the job file it names) was wrong.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = CreateRootCommand();
        var parseResult = root.Parse(args);

        // NOTE: System.CommandLine reports parse errors with exit code 1; the project's convention
        // (and scripts that call adrn) need bad usage to be distinguishable from failed work.
        if (parseResult.Errors.Count > 0)
        {
            // In plain language, with the nearest command or option for a mistyped one (CommandLinePolish).
            foreach (var message in CommandLinePolish.Explain(parseResult))
            {
                Console.Error.WriteLine($"adrn: {message}");
            }

            return ExitCodes.BadUsage;
        }

        var verbose = IsVerbose(parseResult);
        try
        {
            // NOTE: the default handler prints a stack trace and returns 1 for every exception;
            // we want usage problems to exit 2 and other failures to print an actionable message.
            return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception thrown)
        {
            var ex = Unwrap(thrown);
            if (ex is OperationCanceledException)
            {
                Console.Error.WriteLine("adrn: cancelled.");
                return ExitCodes.Failed;
            }

            var (code, message) = Describe(ex, CommandName(parseResult));
            Console.Error.WriteLine($"adrn: {message}");
            if (verbose)
            {
                Console.Error.WriteLine(ex);
            }
            else if (code == ExitCodes.Failed && !IsExpected(ex))
            {
                Console.Error.WriteLine("Run the command again with --verbose for details.");
            }

            return code;
        }
    }

    /// <summary>The exit code and the one message of a failure.</summary>
    private static (int Code, string Message) Describe(Exception ex, string command) => ex switch
    {
        UsageException => (ExitCodes.BadUsage, ex.Message),
        // Found in the job file (every problem listed) or by planning it: the user fixes the job file.
        ConfigValidationException or ComparisonCapExceededException => (ExitCodes.BadUsage, ex.Message),
        // The --out folder holds another job's outputs, is in use, or is not the resumed job's: fixed in the command.
        Adrn.Linkage.Output.OutputFolderException => (ExitCodes.BadUsage, ex.Message),
        // An input file that cannot be read as a table (missing or repeated column, malformed record where the
        // caller does not quarantine): the message names file, line and column; the user fixes the file or the job.
        Adrn.Tables.TableFormatException => (ExitCodes.BadUsage, ex.Message),
        _ when IsExpected(ex) => (ExitCodes.Failed, MessageOf(ex)),
        // NOTE: an error no command anticipated: still one line, saying where, never a stack trace unless asked for.
        _ => (ExitCodes.Failed, $"{command} failed: {MessageOf(ex)} ({ex.GetType().Name})"),
    };

    /// <summary>The error inside task and hosting wrappers (AggregateExceptions of one error).</summary>
    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        return ex;
    }

    /// <summary>The message, followed by its cause's when it only says "see InnerException".</summary>
    private static string MessageOf(Exception ex)
    {
        var message = WithoutParameterName(ex.Message);
        const string SeeInner = " See InnerException for details.";
        return ex.InnerException is { } inner && message.Contains(SeeInner, StringComparison.Ordinal)
            ? $"{message.Replace(SeeInner, string.Empty, StringComparison.Ordinal).TrimEnd('.')}: {MessageOf(Unwrap(inner))}"
            : message;
    }

    /// <summary>Errors whose message is written for the user (bad data, I/O, a refused operation).</summary>
    private static bool IsExpected(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or InvalidOperationException or ArgumentException;

    private static string WithoutParameterName(string message)
    {
        var at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private static string CommandName(ParseResult parseResult) =>
        parseResult.CommandResult.Command is RootCommand ? "the command" : parseResult.CommandResult.Command.Name;

    private static IEnumerable<Command> CreateCommands()
    {
        yield return DemoCommand.Create();
        yield return SynthCommand.Create();
        yield return LinkCommand.Create();
        yield return BlockingCommand.Create();
        yield return EvaluateCommand.Create();
        yield return NodeCommand.Create();
        yield return RegressCommand.Create();
        yield return AkmCommand.Create();
        yield return ProdfunCommand.Create();
        yield return ReviewCommand.Create();
        yield return EncodeCommand.Create();
        yield return DatasetCommand.Create();
    }
}
