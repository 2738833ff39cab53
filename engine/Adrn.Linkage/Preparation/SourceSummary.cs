namespace Adrn.Linkage.Preparation;

/// <summary>Row counts of one source; <c>RowsIn = RowsUsed + RowsQuarantined + RowsSuperseded</c>.</summary>
public sealed record SourceSummary
{
    /// <summary>Source name.</summary>
    public required string Name { get; init; }

    /// <summary>Source file path.</summary>
    public required string Path { get; init; }

    /// <summary>Data rows read.</summary>
    public required int RowsIn { get; init; }

    /// <summary>Rows that became records.</summary>
    public required int RowsUsed { get; init; }

    /// <summary>Rows sent to quarantine (no id, duplicate id).</summary>
    public required int RowsQuarantined { get; init; }

    /// <summary>Rows dropped by <c>duplicate_ids: keep_latest</c> because a later row had the same id.</summary>
    public required int RowsSuperseded { get; init; }

    /// <summary>Job column -> number of values that could not be parsed (dates, numbers) and became null.</summary>
    public required IReadOnlyDictionary<string, int> UnparseableValues { get; init; }

    /// <summary>Job column -> number of values that the standardiser rejected (e.g. invalid postcode) and became null.</summary>
    public required IReadOnlyDictionary<string, int> RejectedValues { get; init; }
}
