using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage;

/// <summary>Facade for <c>adrn blocking</c>: how many comparisons a job's blocking rules produce, without comparing.</summary>
public static class BlockingAnalysis
{
    /// <summary>Reads and prepares the sources, derives blocking keys and reports counts per rule (from key-group sizes).</summary>
    /// <param name="config">The job.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report (<see cref="BlockingReport.ToText"/> renders it).</returns>
    public static BlockingReport Analyse(LinkageJobConfig config, CancellationToken ct = default) => Analyse(config, null, ct);

    /// <summary>
    /// As <see cref="Analyse(LinkageJobConfig, CancellationToken)"/>, with each rule's marginal recall against truth:
    /// the truth pairs file given here, else the job's <c>truth</c> (pairs file or cluster column), if any.
    /// </summary>
    /// <param name="config">The job.</param>
    /// <param name="truthPath">A truth pairs file, or null for the job's own truth.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report; <see cref="BlockingReport.TruthPairs"/> is null when there is no truth.</returns>
    public static BlockingReport Analyse(LinkageJobConfig config, string? truthPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prepared = LinkagePreparation.Prepare(config);
        return Analyse(prepared, truthPath ?? config.Truth?.PairsPath, ct);
    }

    /// <summary>Blocking report for already prepared records.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report.</returns>
    public static BlockingReport Analyse(PreparedLinkage prepared, CancellationToken ct = default) => Analyse(prepared, null, ct);

    /// <summary>Blocking report for already prepared records, with recall against truth when there is any.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="truthPath">A truth pairs file, or null for the job's cluster column (if any).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report.</returns>
    public static BlockingReport Analyse(PreparedLinkage prepared, string? truthPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        // The pipeline's planning stage computes the report (and stops at the cap, which this analysis reports instead).
        BlockingReport report;
        BlockingKeySet? keys = null;
        try
        {
            var plan = LinkagePlan.Create(prepared, ct: ct);
            report = plan.BlockingReport;
            keys = plan.Blocking.Keys;
        }
        catch (ComparisonCapExceededException ex) when (ex.Report is not null)
        {
            report = ex.Report;
        }

        var truth = TruthIndex.For(prepared, truthPath);
        return truth is null ? report : report.WithRecall(keys ?? BlockingKeySet.Build(prepared, prepared.Config.BlockingRules), truth.RecordPairs());
    }
}
