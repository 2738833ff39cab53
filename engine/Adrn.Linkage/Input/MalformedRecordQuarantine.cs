using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Adrn.Tables;

namespace Adrn.Linkage.Input;

/// <summary>The quarantine entries of the CSV records a source's read set aside (unbalanced quotes, wrong field counts, undecodable bytes).</summary>
public static class MalformedRecordQuarantine
{
    /// <summary>
    /// One entry per record set aside: the source file, the record's data row number, the column at fault (empty when
    /// the whole record is), the offending text, and the reason with the physical line, e.g.
    /// <c>malformed record (line 102): unbalanced quote: …</c>.
    /// </summary>
    /// <param name="source">The source read.</param>
    /// <param name="table">What was read.</param>
    /// <returns>The entries, in file order.</returns>
    public static IReadOnlyList<QuarantineEntry> Entries(SourceConfig source, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Entries(source, table.Malformed);
    }

    /// <summary>The quarantine entries of records a cursor set aside (<see cref="ITableCursor.MalformedRecords"/>); see the other overload.</summary>
    /// <param name="source">The source read.</param>
    /// <param name="malformed">The records set aside.</param>
    /// <returns>The entries, in file order.</returns>
    public static IReadOnlyList<QuarantineEntry> Entries(SourceConfig source, IReadOnlyList<MalformedRecord> malformed)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(malformed);
        return malformed
            .Select(m => new QuarantineEntry(source.Path, checked((int)m.RecordNumber), m.ColumnName ?? (m.Column is { } c ? $"column {c}" : ""), m.Value,
                FormattableString.Invariant($"malformed record (line {m.Line}): {m.Reason}")))
            .ToList();
    }

    /// <summary>
    /// Puts the quarantine entries of one source, from <paramref name="first"/> on, in row order (those of malformed
    /// records and those of rows with a missing or repeated id were added separately); the order among equal rows is kept.
    /// </summary>
    /// <param name="quarantine">The job's quarantine list.</param>
    /// <param name="first">Index of the source's first entry.</param>
    public static void SortSourceEntries(List<QuarantineEntry> quarantine, int first)
    {
        ArgumentNullException.ThrowIfNull(quarantine);
        var sorted = quarantine.Skip(first).OrderBy(e => e.Row).ToList();
        quarantine.RemoveRange(first, quarantine.Count - first);
        quarantine.AddRange(sorted);
    }
}
