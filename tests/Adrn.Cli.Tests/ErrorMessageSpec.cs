namespace Adrn.Cli.Tests;

/// <summary>
/// "Errors are messages" (issue 15): a failure is one message on standard error with the documented exit code,
/// and a stack trace only with <c>--verbose</c>.
/// </summary>
public sealed class ErrorMessageSpec
{
    private static bool IsStackFrame(string line) => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && line.StartsWith(' ');

    [Fact]
    public void A_failure_is_one_line_and_its_stack_trace_comes_only_with_verbose()
    {
        // An Arrow file that is not one: the reader fails deep inside the Arrow library.
        var dir = AdrnProcess.NewWorkDirectory("errors");
        var links = Path.Combine(dir, "links.arrow");
        File.WriteAllText(links, "this is not an Arrow file");

        var plain = AdrnProcess.Run("evaluate", "--links", links);
        var verbose = AdrnProcess.Run("evaluate", "--links", links, "--verbose");

        Assert.Equal(ExitCodes.Failed, plain.ExitCode);
        Assert.StartsWith("adrn: ", plain.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(plain.StdErr.Split('\n'), IsStackFrame);
        Assert.DoesNotContain(plain.StdOut.Split('\n'), IsStackFrame);
        Assert.True(plain.StdErr.Trim().Split('\n').Length <= 2, plain.StdErr); // the message, and at most the --verbose hint

        Assert.Equal(ExitCodes.Failed, verbose.ExitCode);
        Assert.Contains(verbose.StdErr.Split('\n'), IsStackFrame);
    }

    [Fact]
    public void Verbose_is_accepted_by_every_command()
    {
        var outcome = AdrnProcess.Run("synth", "--verbose", "--help");
        Assert.Equal(0, outcome.ExitCode);
    }
}
