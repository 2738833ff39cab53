using Adrn.Learning.Configuration;
using Adrn.Learning.Scoring;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;

namespace Adrn.Learning;

/// <summary>
/// Runs a linkage job with the scorer its job file selects: <see cref="LinkageJob.Run"/> as is for
/// <c>"scorer": "fellegi-sunter"</c>, or with a <see cref="LearnedPairScorer"/> built from the job's
/// <c>learning</c> object for <c>"scorer": "learned"</c> (links then come from the learned probabilities, and
/// <c>learned-model.zip</c>/<c>learned-model.json</c> are written beside <c>model.json</c>).
/// </summary>
public static class LearnedLinkageJob
{
    /// <summary>The run options for a job: <paramref name="options"/> plus the learned scorer when the job asks for it.</summary>
    /// <param name="config">The job.</param>
    /// <param name="options">Run options, or null for defaults.</param>
    /// <returns>Options whose <see cref="LinkageRunOptions.PairScorer"/> is set for <c>scorer: learned</c>.</returns>
    /// <exception cref="ConfigValidationException">The job's <c>learning</c> object is invalid (every problem listed).</exception>
    public static LinkageRunOptions OptionsFor(LinkageJobConfig config, LinkageRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new LinkageRunOptions();
        if (config.Scorer != PairScorerKind.Learned || options.PairScorer is not null) return options;
        return options with { PairScorer = new LearnedPairScorer(LearnedScoringOptions.FromJob(config)) };
    }

    /// <summary>Runs a job with the scorer its file selects (see <see cref="LinkageJob.Run"/>).</summary>
    /// <param name="config">The validated job.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="options">Run options, or null for defaults.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>What was done and written.</returns>
    /// <exception cref="ConfigValidationException">The job or its <c>learning</c> object is invalid (before any work).</exception>
    public static LinkageRunResult Run(LinkageJobConfig config, string outDir, LinkageRunOptions? options = null,
        IProgress<LinkageProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return LinkageJob.Run(config, outDir, OptionsFor(config, options), progress, ct);
    }

    /// <summary>
    /// For <c>adrn link</c> in local mode: runs a job file in this process when its <c>scorer</c> is <c>learned</c>
    /// (the actor engine scores with the Fellegi–Sunter model only), and does nothing otherwise.
    /// </summary>
    /// <param name="configPath">The job file.</param>
    /// <param name="variables">Values for <c>${name}</c> placeholders.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="truthPath">Truth pairs file, or null.</param>
    /// <param name="maxDegreeOfParallelism">Threads for partition work.</param>
    /// <returns>The run's result, or null when the job's scorer is not <c>learned</c> (nothing was done).</returns>
    /// <exception cref="ConfigValidationException">The job file is invalid (every problem listed).</exception>
    public static LinkageRunResult? RunIfLearned(string configPath, IReadOnlyDictionary<string, string> variables, string outDir, string? truthPath, int maxDegreeOfParallelism)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configPath);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var config = LinkageJobConfig.Load(configPath, variables);
        if (config.Scorer != PairScorerKind.Learned) return null;
        return Run(config, outDir, new LinkageRunOptions { TruthPairsPath = truthPath, MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) });
    }
}
