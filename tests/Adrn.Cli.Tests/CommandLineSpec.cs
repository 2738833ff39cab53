namespace Adrn.Cli.Tests;

/// <summary>The command line's conventions: help everywhere, exit code 2 for bad usage.</summary>
public sealed class CommandLineSpec
{
    public static TheoryData<string> Commands => new() { "demo", "synth", "regress", "link", "blocking", "evaluate", "encode", "review", "node" };

    [Fact]
    public void Root_help_lists_every_command_and_exits_0()
    {
        var outcome = AdrnProcess.Run("--help");
        Assert.Equal(0, outcome.ExitCode);
        foreach (var command in Commands)
        {
            Assert.Contains(command, outcome.StdOut, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_has_help_and_exits_0(string command)
    {
        var outcome = AdrnProcess.Run(command, "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Usage:", outcome.StdOut, StringComparison.Ordinal);
        Assert.Contains("--", outcome.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_is_bad_usage_with_exit_code_2()
    {
        var outcome = AdrnProcess.Run("frobnicate");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("frobnicate", outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_option_is_bad_usage_with_exit_code_2()
    {
        var outcome = AdrnProcess.Run("synth", "--no-such-option", "1");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("--no-such-option", outcome.StdErr, StringComparison.Ordinal);
    }
}
