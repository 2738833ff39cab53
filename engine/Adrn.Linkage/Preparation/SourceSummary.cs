namespace Adrn.Linkage.Preparation;

/// <summary>Row and value accounting of one source: <c>RowsRead = RowsUsed + RowsQuarantined + RowsSuperseded</c>.</summary>
public sealed record SourceSummary
{
    /// <summary>Source name.</summary>
    public required string Name { get; init; }

    /// <summary>Source file path.</summary>
    public required string Path { get; init; }

    /// <summary>Data records read from the file (every physical record, malformed ones included).</summary>
    public required int RowsRead { get; init; }

    /// <summary>Rows that became records.</summary>
    public required int RowsUsed { get; init; }

    /// <summary>Rows sent to quarantine (malformed, no id, duplicate id), each with its reason in <c>quarantine.csv</c>.</summary>
    public required int RowsQuarantined { get; init; }

    /// <summary>Rows dropped by <c>duplicate_ids: keep_latest</c> because a later row had the same id.</summary>
    public required int RowsSuperseded { get; init; }

    /// <summary>Per job column: its values in the rows used, and how many could not be parsed or were rejected (they became null).</summary>
    public required IReadOnlyDictionary<string, ColumnValueCounts> Values { get; init; }
}
