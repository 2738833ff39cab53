namespace Adrn.Linkage.Configuration;

/// <summary>Ground truth for evaluation (optional).</summary>
public sealed record TruthConfig
{
    /// <summary>CSV of true pairs (first two columns are the two ids), absolute path.</summary>
    public string? PairsPath { get; init; }

    /// <summary>File column present in every source holding a true entity id; records sharing it are true pairs.</summary>
    public string? ClusterColumn { get; init; }
}
