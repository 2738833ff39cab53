using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;

namespace Adrn.Linkage;

/// <summary>Facade for <c>adrn blocking</c>: how many comparisons a job's blocking rules produce, without comparing.</summary>
public static class BlockingAnalysis
{
    /// <summary>Reads and prepares the sources, derives blocking keys and reports counts per rule (from key-group sizes).</summary>
    /// <param name="config">The job.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report (<see cref="BlockingReport.ToText"/> renders it).</returns>
    public static BlockingReport Analyse(LinkageJobConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var prepared = LinkagePreparation.Prepare(config);
        return Analyse(prepared, ct);
    }

    /// <summary>Blocking report for already prepared records.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The report.</returns>
    public static BlockingReport Analyse(PreparedLinkage prepared, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        // The pipeline's planning stage computes the report (and stops at the cap, which this analysis reports instead).
        try
        {
            return LinkagePlan.Create(prepared, ct: ct).BlockingReport;
        }
        catch (ComparisonCapExceededException ex) when (ex.Report is not null)
        {
            return ex.Report;
        }
    }
}
