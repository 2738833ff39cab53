namespace Adrn.Tables;

/// <summary>A record set aside by <see cref="CsvCursor"/> (policy <see cref="MalformedRecordPolicy.Collect"/>).</summary>
/// <param name="File">The file, as given to the reader.</param>
/// <param name="Line">Physical line (1-based) where the record starts.</param>
/// <param name="LineCount">Physical lines the set-aside text covers (1 unless a well-formed multi-line record did not decode).</param>
/// <param name="RecordNumber">Data record number, 1 = the first record after the header; set-aside records are numbered too.</param>
/// <param name="Column">The column (1-based field position) at fault, when there is one.</param>
/// <param name="ColumnName">That column's header name, when known.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Reason">What is wrong, in words (the line is not repeated here).</param>
/// <param name="Value">The offending text: the field at fault, or the start of the line (at most 200 characters; undecodable bytes as <c>\xHH</c>).</param>
public sealed record MalformedRecord(string File, long Line, int LineCount, long RecordNumber, int? Column, string? ColumnName,
    MalformedRecordKind Kind, string Reason, string Value);
