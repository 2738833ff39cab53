using Adrn.Linkage.Preparation;

namespace Adrn.Linkage.Scoring;

/// <summary>The term frequency of each distinct value of a column, over all sources or one (<c>term_frequency.source</c>).</summary>
public static class TermFrequencies
{
    /// <summary>Per distinct value: the share of non-null records (of <paramref name="source"/>, or of all sources) holding it.</summary>
    /// <param name="column">The column.</param>
    /// <param name="records">The records (for the sources' record ranges).</param>
    /// <param name="source">Source name, or null for all sources (then <see cref="ColumnData.TermFrequency"/> itself).</param>
    /// <returns>Frequencies by value id; values the source never holds get 0.</returns>
    /// <exception cref="ArgumentException">No source of that name.</exception>
    public static double[] Of(ColumnData column, RecordTable records, string? source)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(records);
        if (source is null) return column.TermFrequency;
        var s = -1;
        for (var i = 0; i < records.SourceNames.Count; i++)
            if (records.SourceNames[i] == source) s = i;
        if (s < 0) throw new ArgumentException($"term_frequency.source '{source}' is not a source of the job", nameof(source));
        // From the column's per-source counts, not its records: a node holding only the value tables (a worker scoring
        // partition slices) gets the same frequencies as the node holding every record.
        var counts = column.SourceCounts[s];
        long nonNull = 0;
        foreach (var c in counts) nonNull += c;

        var tf = new double[counts.Length];
        for (var v = 0; v < tf.Length; v++) tf[v] = nonNull == 0 ? 0 : (double)counts[v] / nonNull;
        return tf;
    }
}
