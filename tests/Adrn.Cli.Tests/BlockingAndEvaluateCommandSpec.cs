using System.Globalization;
using System.Text.RegularExpressions;

namespace Adrn.Cli.Tests;

/// <summary><c>adrn blocking</c> and <c>adrn evaluate</c> as a user runs them.</summary>
public sealed partial class BlockingAndEvaluateCommandSpec : IClassFixture<DemoCommandSpec.DemoRun>
{
    private static readonly string Febrl4 = Path.Combine(RepositoryPaths.Root, "examples", "febrl4.json");
    private readonly DemoCommandSpec.DemoRun _demo;

    public BlockingAndEvaluateCommandSpec(DemoCommandSpec.DemoRun demo) => _demo = demo;

    [Fact]
    public void Blocking_reports_each_rule_and_a_total_before_scoring()
    {
        var outcome = AdrnProcess.Run("blocking", "--config", Febrl4);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains("total comparisons", outcome.StdOut, StringComparison.Ordinal);
        Assert.Contains("largest blocks", outcome.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocking_past_the_comparison_cap_is_a_problem_of_the_job_file_naming_the_cap()
    {
        // The same job with a cap of 1,000 comparisons: FEBRL4's rules generate tens of thousands.
        var dir = AdrnProcess.NewWorkDirectory("blocking-cap");
        var shared = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared"));
        var json = File.ReadAllText(Febrl4).Replace("../../shared", shared, StringComparison.Ordinal);
        json = CapPattern().Replace(json, "\"max_comparisons\": 1000");
        var config = Path.Combine(dir, "capped.json");
        File.WriteAllText(config, json);
        var outcome = AdrnProcess.Run("blocking", "--config", config);
        // Exit code 2: the job file's rules or max_comparisons need changing (issue 15: problems of the job are bad usage).
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("1,000", outcome.StdErr.Replace("1000", "1,000", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_is_bad_usage()
    {
        var outcome = AdrnProcess.Run("blocking", "--config", "/no/such/job.json");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
        Assert.Contains("/no/such/job.json", outcome.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_agrees_with_the_precision_and_recall_the_demo_printed()
    {
        Assert.Equal(0, _demo.Outcome.ExitCode);
        var links = Path.Combine(_demo.Directory, "employee-employer", "links.arrow");
        var truth = Path.Combine(_demo.Directory, "data", "truth", "employee_employer.csv");
        var outcome = AdrnProcess.Run("evaluate", "--links", links, "--truth", truth, "--threshold", "0.5");
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        var printed = DemoLine().Match(_demo.Outcome.StdOut);
        var evaluated = EvaluateLine().Match(outcome.StdOut);
        Assert.True(printed.Success && evaluated.Success, outcome.StdOut);
        Assert.Equal(double.Parse(printed.Groups["p"].Value, CultureInfo.InvariantCulture) / 100, double.Parse(evaluated.Groups["p"].Value, CultureInfo.InvariantCulture), 1e-4);
        Assert.Equal(double.Parse(printed.Groups["r"].Value, CultureInfo.InvariantCulture) / 100, double.Parse(evaluated.Groups["r"].Value, CultureInfo.InvariantCulture), 1e-4);
        Assert.Contains("threshold", outcome.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_without_truth_gives_the_models_own_estimate()
    {
        var links = Path.Combine(_demo.Directory, "employee-employer", "links.arrow");
        var outcome = AdrnProcess.Run("evaluate", "--links", links);
        Assert.True(outcome.ExitCode == 0, outcome.StdErr);
        Assert.Contains("model's own estimate", outcome.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("recall", outcome.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_threshold_outside_0_to_1_is_bad_usage()
    {
        var links = Path.Combine(_demo.Directory, "employee-employer", "links.arrow");
        var outcome = AdrnProcess.Run("evaluate", "--links", links, "--threshold", "1.5");
        Assert.Equal(ExitCodes.BadUsage, outcome.ExitCode);
    }

    [GeneratedRegex("\"max_comparisons\"\\s*:\\s*[0-9]+")]
    private static partial Regex CapPattern();

    [GeneratedRegex(@"precision (?<p>[0-9.]+) %, recall (?<r>[0-9.]+) %")]
    private static partial Regex DemoLine();

    [GeneratedRegex(@"precision (?<p>[0-9.]+)\s+recall (?<r>[0-9.]+)")]
    private static partial Regex EvaluateLine();
}
