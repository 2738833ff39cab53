using System.Text;

namespace Adrn.Cli.Tests;

/// <summary>
/// The polish every command gets from one place (CommandLinePolish, CommandGuide): an example in every --help (that
/// parses), required options marked, a suggestion for a mistyped command or option, plain words for a bad value.
/// </summary>
public sealed class CommandLinePolishSpec
{
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in CommandLinePolish.Walk(AdrnCommandLine.CreateRootCommand(), string.Empty)) data.Add(path);
        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Every_command_has_an_example_in_its_help_and_every_example_parses(string path)
    {
        Assert.True(CommandGuide.Examples.TryGetValue(path, out var examples) && examples.Length > 0,
            $"'adrn {path}' has no example: add one to engine/Adrn.Cli/CommandGuide.cs");
        var help = AdrnProcess.Run([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Examples:", help.StdOut, StringComparison.Ordinal);
        foreach (var example in examples)
        {
            Assert.Contains(example, help.StdOut, StringComparison.Ordinal);
            var args = Split(example);
            Assert.Equal("adrn", args[0]);
            var parse = AdrnCommandLine.CreateRootCommand().Parse(args[1..]);
            Assert.True(parse.Errors.Count == 0, $"{example}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }

    [Fact]
    public void Required_options_are_marked_in_help_and_a_missing_one_is_named_with_what_it_is_for()
    {
        var help = AdrnProcess.Run("regress", "--help");
        Assert.Matches(@"--data <data> \(REQUIRED\)", help.StdOut);
        Assert.Matches(@"--formula <formula> \(REQUIRED\)", help.StdOut);
        var missing = AdrnProcess.Run("regress", "--formula", "y ~ x");
        Assert.Equal(ExitCodes.BadUsage, missing.ExitCode);
        Assert.Contains("--data is required: Input table", missing.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "lnk", "--config", "x.json" }, "'lnk' is not a command of 'adrn'. Did you mean 'link'?")]
    [InlineData(new[] { "review", "smaple", "--job", "j" }, "'smaple' is not a command of 'adrn review'. Did you mean 'sample'?")]
    [InlineData(new[] { "link", "--confg", "x.json", "--out", "o" }, "'--confg' is not an option of 'adrn link'. Did you mean '--config'?")]
    [InlineData(new[] { "regress", "--data", "d.csv", "--formula", "y ~ x", "--vcv", "hc1" }, "Did you mean '--vcov'?")]
    public void A_mistyped_command_or_option_gets_the_nearest_one_suggested(string[] args, string expected)
    {
        var outcome = AdrnProcess.Run(args);
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains(expected, outcome.StdErr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage and examples", outcome.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "link", "--config", "x.json", "--out", "o", "--workers", "zero" }, "--workers: 'zero' is not a whole number (e.g. --workers 4).")]
    [InlineData(new[] { "evaluate", "--links", "l.arrow", "--threshold", "high" }, "--threshold: 'high' is not a number (e.g. --threshold 0.5).")]
    public void A_value_of_the_wrong_kind_is_explained_in_plain_words_without_a_dotnet_type_name(string[] args, string expected)
    {
        var outcome = AdrnProcess.Run(args);
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains(expected, outcome.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_at_all_lists_the_commands()
    {
        var outcome = AdrnProcess.Run();
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("say which command to run: demo, synth, link", outcome.StdErr, StringComparison.Ordinal);
    }

    private static string[] Split(string commandLine)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var ch in commandLine)
        {
            if (ch == '"') { quoted = !quoted; any = true; }
            else if (ch == ' ' && !quoted)
            {
                if (any) args.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else { current.Append(ch); any = true; }
        }

        if (any) args.Add(current.ToString());
        return [.. args];
    }
}
