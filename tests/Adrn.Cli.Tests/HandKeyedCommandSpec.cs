using System.Text.RegularExpressions;

namespace Adrn.Cli.Tests;

/// <summary><c>adrn synth --noise-profile</c> and <c>adrn blocking --truth</c> as a user runs them.</summary>
public sealed partial class HandKeyedCommandSpec
{
    [Fact]
    public void Synth_writes_the_hand_keyed_profile_and_blocking_reports_each_rules_marginal_recall_against_its_truth()
    {
        var dir = AdrnProcess.NewWorkDirectory("hand-keyed");
        var data = Path.Combine(dir, "data");
        var synth = AdrnProcess.Run("synth", "--employers", "300", "--employees", "3000", "--cohort", "100", "--years", "2", "--seed", "5",
            "--out", data, "--format", "csv", "--noise-profile", "hand-keyed");
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        Assert.Contains("\"noise_profile\": \"hand-keyed\"", File.ReadAllText(Path.Combine(data, "dgp.json")), StringComparison.Ordinal);

        var blocking = AdrnProcess.Run("blocking", "--config", RepositoryPaths.Example("employee-employer-hand-keyed.json"), "--var", $"data={data}",
            "--truth", Path.Combine(data, "truth", "employee_employer.csv"));
        Assert.True(blocking.ExitCode == 0, blocking.StdErr);
        Assert.Contains("recall against 3,000 true pairs", blocking.StdOut, StringComparison.Ordinal);
        Assert.Contains("marginal", blocking.StdOut, StringComparison.Ordinal);
        // One line per rule with its marginal recall, and a blocking recall that cannot exceed 1.
        Assert.Contains("name minhash", blocking.StdOut, StringComparison.Ordinal);
        var recall = BlockingRecall().Match(blocking.StdOut);
        Assert.True(recall.Success, blocking.StdOut);
        Assert.InRange(double.Parse(recall.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0.9, 1.0);
    }

    [Fact]
    public void An_unknown_noise_profile_is_bad_usage_naming_the_profiles()
    {
        var dir = AdrnProcess.NewWorkDirectory("noise-profile");
        var outcome = AdrnProcess.Run("synth", "--out", dir, "--noise-profile", "sloppy");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("sloppy", outcome.StdErr, StringComparison.Ordinal);
        Assert.Contains("hand-keyed", outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocking_with_a_missing_truth_file_is_bad_usage()
    {
        var outcome = AdrnProcess.Run("blocking", "--config", RepositoryPaths.Example("febrl4.json"), "--truth", "/no/such/truth.csv");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("/no/such/truth.csv", outcome.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"blocking recall ([0-9.]+)\)")]
    private static partial Regex BlockingRecall();
}
