using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Preparation;

/// <summary>The result of <see cref="LinkagePreparation.Prepare"/>: records ready for blocking, comparison and scoring.</summary>
public sealed class PreparedLinkage
{
    internal PreparedLinkage(LinkageJobConfig config, RecordTable records, IReadOnlyList<SourceSummary> sources,
        IReadOnlyList<QuarantineEntry> quarantine, string?[]? truthClusters)
    {
        Config = config;
        Records = records;
        Sources = sources;
        Quarantine = quarantine;
        TruthClusters = truthClusters;
    }

    /// <summary>The job.</summary>
    public LinkageJobConfig Config { get; }

    /// <summary>All records.</summary>
    public RecordTable Records { get; }

    /// <summary>Row counts per source.</summary>
    public IReadOnlyList<SourceSummary> Sources { get; }

    /// <summary>Rows set aside, in file then row order.</summary>
    public IReadOnlyList<QuarantineEntry> Quarantine { get; }

    /// <summary>Per record: the true entity id from <c>truth.cluster_column</c>, when configured.</summary>
    public string?[]? TruthClusters { get; }

    /// <summary>
    /// True when pairs are left x right across two sources (link_only); false when pairs are any two
    /// distinct records (dedupe_only, link_and_dedupe).
    /// </summary>
    public bool IsCrossSourceOnly => Config.LinkType == LinkType.LinkOnly;

    /// <summary>Number of possible record pairs (all left x right, or n(n-1)/2).</summary>
    public double TotalPossiblePairs
    {
        get
        {
            if (IsCrossSourceOnly)
                return (double)(Records.SourceStart[1] - Records.SourceStart[0]) * (Records.SourceStart[2] - Records.SourceStart[1]);
            double n = Records.Count;
            return n * (n - 1) / 2;
        }
    }
}
