namespace Adrn.Linkage;

/// <summary>Progress of a linkage run, reported per finished partition or step.</summary>
/// <param name="Stage">Stage name: <c>prepare</c>, <c>blocking</c>, <c>u_sampling</c>, <c>lambda</c>, <c>em</c>, <c>scoring</c>, <c>resolution</c>, <c>writing</c>.</param>
/// <param name="Done">Units done (partitions, pairs or steps, depending on the stage).</param>
/// <param name="Total">Units in the stage.</param>
/// <param name="PairsPerSecond">Pairs compared per second so far in the stage (0 when not comparing).</param>
public sealed record LinkageProgress(string Stage, long Done, long Total, double PairsPerSecond)
{
    /// <summary>What the finished stage produced, in words with counts (for a status line), or null.</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// Seconds the finished stage took, when the report may come later than the stage ended (training's u and lambda,
    /// estimated while the EM rounds are counted, are reported when training finishes), or null.
    /// </summary>
    public double? Seconds { get; init; }
}
