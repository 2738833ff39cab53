namespace Adrn.Linkage.Configuration;

/// <summary>How accepted pairs become links.</summary>
public enum ResolutionMethod
{
    /// <summary>Every pair at or above the threshold is a link.</summary>
    None,

    /// <summary>Each left record keeps its single best right record.</summary>
    ManyToOne,

    /// <summary>Greedy by descending weight: a pair is kept when neither record is linked yet.</summary>
    OneToOne,

    /// <summary>Connected components of the pairs at or above the threshold (clusters output).</summary>
    Clusters,
}
