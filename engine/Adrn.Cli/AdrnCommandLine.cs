using System.CommandLine;
using Adrn.Cli.Commands;

namespace Adrn.Cli;

/// <summary>
/// Builds the <c>adrn</c> command tree and runs it with the project's exit-code conventions:
/// 0 ok, 1 failed, 2 bad usage.
/// </summary>
public static class AdrnCommandLine
{
    /// <summary>Creates the root command with every sub-command registered.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "adrn: link administrative records (Fellegi–Sunter) and analyse the linked employer–employee data.");
        foreach (var command in CreateCommands())
        {
            root.Subcommands.Add(command);
        }

        // Examples in every --help and required options marked, for every command (CommandGuide).
        CommandLinePolish.Apply(root);
        return root;
    }

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <returns>0 when the command succeeded, 1 when its work failed, 2 when the command line was wrong.</returns>
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

        try
        {
            // NOTE: the default handler prints a stack trace and returns 1 for every exception;
            // we want usage problems to exit 2 and other failures to print an actionable message.
            return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"adrn: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Adrn.Linkage.Output.OutputFolderException ex)
        {
            Console.Error.WriteLine($"adrn: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("adrn: cancelled.");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"adrn: {ex.Message}");
            if (Environment.GetEnvironmentVariable("ADRN_DEBUG") == "1")
            {
                Console.Error.WriteLine(ex);
            }

            return ExitCodes.Failed;
        }
    }

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
    }
}
