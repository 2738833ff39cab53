namespace Adrn.Tables;

/// <summary>
/// A forward-only cursor over the records of a table file, each field as characters, without a string per field:
/// <see cref="CsvCursor"/> for CSV, an Arrow cursor for Arrow IPC and Parquet (values written as text). Open one with
/// <see cref="TableReader.OpenCursor"/>.
/// </summary>
public interface ITableCursor : IDisposable
{
    /// <summary>The file, as named in messages.</summary>
    string File { get; }

    /// <summary>The column names, in file order (distinct).</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>Fields of the current record (the header's count).</summary>
    int FieldCount { get; }

    /// <summary>Number of the current record among the data records, 1 = the first; set-aside (malformed) records are counted.</summary>
    long RecordNumber { get; }

    /// <summary>Records met so far: returned plus set aside.</summary>
    long RecordsRead { get; }

    /// <summary>Records set aside so far (CSV under <see cref="MalformedRecordPolicy.Collect"/>; always empty for Arrow and Parquet).</summary>
    IReadOnlyList<MalformedRecord> MalformedRecords { get; }

    /// <summary>A field of the current record as text (empty when missing); valid until the next <see cref="MoveNext"/>.</summary>
    /// <param name="field">0-based field position.</param>
    ReadOnlySpan<char> this[int field] { get; }

    /// <summary>The position of a column, or -1.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>0-based position or -1.</returns>
    int IndexOf(string name);

    /// <summary>Moves to the next record.</summary>
    /// <returns>False at the end.</returns>
    bool MoveNext();
}
