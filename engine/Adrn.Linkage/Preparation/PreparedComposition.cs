using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Preparation;

/// <summary>
/// Prepared records made from parts that were standardised at different times: a driver that keeps one side of a job
/// prepared between runs (the dataset store keeps each spine's representative records standardised) prepares only the
/// new records (<see cref="LinkagePreparation.Prepare"/> of the job restricted to their source), turns the kept ones back
/// into prepared records (<see cref="FromStandardised"/>) and joins the parts (<see cref="Combine"/>). Nothing is read or
/// standardised again.
/// </summary>
/// <remarks>
/// NOTE: <see cref="Combine"/> interns the parts' values in part order, each part's in the order of its own value table;
/// a part that <see cref="LinkagePreparation.Prepare"/> or <see cref="FromStandardised"/> made holds its values in
/// first-occurrence order, so the combined value ids, term frequencies, token tables, blocking keys and partitions are
/// exactly those of one preparation of all the records in the same order.
/// </remarks>
public static class PreparedComposition
{
    /// <summary>
    /// Prepared records of one source from values standardised earlier: per record its id and, per job column, the
    /// standardised value (as <see cref="ColumnData.ValueOf"/> returned it; null when missing). Values are interned in
    /// first-occurrence order; every record counts as a used row (data row = its position, 1-based).
    /// </summary>
    /// <param name="config">The job restricted to the records' source (exactly one source).</param>
    /// <param name="ids">Record ids (unique).</param>
    /// <param name="columns">Per job column, in the job's column order: one standardised value per record.</param>
    /// <returns>The prepared records.</returns>
    /// <exception cref="ArgumentException">The job has not exactly one source, or the columns do not fit the job or the ids.</exception>
    public static PreparedLinkage FromStandardised(LinkageJobConfig config, IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<string?>> columns)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(columns);
        if (config.Sources.Count != 1)
            throw new ArgumentException($"standardised records belong to one source; job '{config.Name}' has {config.Sources.Count}", nameof(config));
        if (columns.Count != config.Columns.Count)
            throw new ArgumentException($"job '{config.Name}' has {config.Columns.Count} columns; {columns.Count} were given", nameof(columns));
        var n = ids.Count;
        var built = new ColumnData[columns.Count];
        var summary = new Dictionary<string, ColumnValueCounts>(StringComparer.Ordinal);
        for (var c = 0; c < built.Length; c++)
        {
            var values = columns[c];
            if (values.Count != n)
                throw new ArgumentException($"column '{config.Columns[c].Name}' has {values.Count} values for {n} records", nameof(columns));
            var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var distinct = new List<string>();
            var counts = new List<long>();
            var valueIds = new int[n];
            long nonNull = 0;
            for (var i = 0; i < n; i++)
            {
                if (values[i] is not { } value)
                {
                    valueIds[i] = -1;
                    continue;
                }

                nonNull++;
                if (!idOf.TryGetValue(value, out var id))
                {
                    idOf[value] = id = distinct.Count;
                    distinct.Add(value);
                    counts.Add(0);
                }

                counts[id]++;
                valueIds[i] = id;
            }

            built[c] = ColumnData.Build(config.Columns[c], valueIds, [.. distinct], [.. counts]);
            summary[config.Columns[c].Name] = new ColumnValueCounts { NonNull = nonNull, Unparseable = 0, Rejected = 0, Examples = [] };
        }

        var rows = new int[n];
        for (var i = 0; i < n; i++) rows[i] = i + 1;
        var source = config.Sources[0];
        var table = new RecordTable([.. ids], [0, n], [source.Name], built, rows);
        var sourceSummary = new SourceSummary { Name = source.Name, Path = source.Path, RowsRead = n, RowsUsed = n, RowsQuarantined = 0, RowsSuperseded = 0, Values = summary };
        return new PreparedLinkage(config, table, [sourceSummary], [], null);
    }

    /// <summary>
    /// Joins prepared parts, one per source of <paramref name="config"/> and in its order, each prepared for that source
    /// alone with the same job columns, into the job's prepared records: records one part after the other, value tables
    /// merged (counts added), quarantine and source summaries concatenated, truth clusters kept when every part has them.
    /// </summary>
    /// <param name="config">The job the parts are joined for (its sources in part order).</param>
    /// <param name="parts">One prepared part per source.</param>
    /// <returns>The job's prepared records.</returns>
    /// <exception cref="ArgumentException">The parts do not fit the job (count, columns, or a partition slice).</exception>
    public static PreparedLinkage Combine(LinkageJobConfig config, IReadOnlyList<PreparedLinkage> parts)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count != config.Sources.Count)
            throw new ArgumentException($"job '{config.Name}' has {config.Sources.Count} sources; {parts.Count} parts were given", nameof(parts));
        var names = config.Columns.Select(c => c.Name).ToList();
        foreach (var part in parts)
        {
            if (part.Records.IsSlice) throw new ArgumentException("a partition slice cannot be combined", nameof(parts));
            if (!part.Records.Columns.Select(c => c.Name).SequenceEqual(names, StringComparer.Ordinal))
                throw new ArgumentException($"a part has columns {string.Join(", ", part.Records.Columns.Select(c => c.Name))}; job '{config.Name}' has {string.Join(", ", names)}", nameof(parts));
        }

        var total = parts.Sum(p => p.Records.Count);
        var sourceStart = new int[parts.Count + 1];
        var ids = new string[total];
        var rows = new int[total];
        for (int s = 0, at = 0; s < parts.Count; s++)
        {
            sourceStart[s] = at;
            var records = parts[s].Records;
            Array.Copy(records.Ids, 0, ids, at, records.Count);
            Array.Copy(records.Rows, 0, rows, at, records.Count);
            at += records.Count;
        }

        sourceStart[^1] = total;
        var columns = new ColumnData[names.Count];
        Parallel.For(0, columns.Length, c => columns[c] = CombineColumn(config.Columns[c], parts, c, total));
        string?[]? truth = null;
        if (parts.All(p => p.TruthClusters is not null))
        {
            truth = new string?[total];
            for (var s = 0; s < parts.Count; s++) Array.Copy(parts[s].TruthClusters!, 0, truth, sourceStart[s], parts[s].Records.Count);
        }

        var table = new RecordTable(ids, sourceStart, config.Sources.Select(s => s.Name).ToList(), columns, rows);
        return new PreparedLinkage(config, table, parts.SelectMany(p => p.Sources).ToList(), parts.SelectMany(p => p.Quarantine).ToList(), truth);
    }

    private static ColumnData CombineColumn(ColumnConfig config, IReadOnlyList<PreparedLinkage> parts, int column, int total)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var counts = new List<long>();
        var valueIds = new int[total];
        var at = 0;
        foreach (var part in parts)
        {
            var data = part.Records.Columns[column];
            // Each of the part's values gets its combined id once; records then map through the table.
            var map = new int[data.Values.Length];
            for (var v = 0; v < map.Length; v++)
            {
                if (!idOf.TryGetValue(data.Values[v], out var id))
                {
                    idOf[data.Values[v]] = id = values.Count;
                    values.Add(data.Values[v]);
                    counts.Add(0);
                }

                counts[id] += data.Counts[v];
                map[v] = id;
            }

            foreach (var v in data.ValueIds) valueIds[at++] = v < 0 ? -1 : map[v];
        }

        return ColumnData.Build(config, valueIds, [.. values], [.. counts]);
    }
}
