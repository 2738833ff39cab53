namespace Adrn.Linkage.Preparation;

/// <summary>What became of one job column's values in one source (the <c>values</c> of a source in <c>report.json</c>).</summary>
public sealed record ColumnValueCounts
{
    /// <summary>Rows used whose value was present (not empty).</summary>
    public required long NonNull { get; init; }

    /// <summary>Present values that could not be parsed (dates, numbers, Bloom filters) and became null.</summary>
    public required long Unparseable { get; init; }

    /// <summary>Present values the standardiser rejected (an invalid postcode or NINO, a name with no letter) and became null.</summary>
    public required long Rejected { get; init; }

    /// <summary>(<see cref="Unparseable"/> + <see cref="Rejected"/>) / <see cref="NonNull"/>; 0 when no value was present.</summary>
    public double RejectedShare => NonNull == 0 ? 0 : (double)(Unparseable + Rejected) / NonNull;

    /// <summary>A few of the raw values that were unparseable or rejected (distinct, in order of first occurrence).</summary>
    public required IReadOnlyList<string> Examples { get; init; }
}
