using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Preparation;

/// <summary>
/// Prepared records made from parts that were standardised at different times: a driver that keeps one side of a job
/// prepared between runs (the dataset store keeps each spine's representative records standardised) prepares only the
/// new records (<see cref="LinkagePreparation.Prepare"/> of the job restricted to their source) and joins them with the
/// kept ones (<see cref="Combine"/>, <see cref="StandardisedRecords"/>). Nothing is read or standardised again.
/// </summary>
/// <remarks>
/// NOTE: <see cref="Combine"/> interns the parts' values in part order, each part's in the order of its own value table
/// and standardised records in record order; a part that <see cref="LinkagePreparation.Prepare"/> made holds its values in
/// first-occurrence order, so the combined value ids, term frequencies, token tables, blocking keys and partitions are
/// exactly those of one preparation of all the records in the same order.
/// </remarks>
public static class PreparedComposition
{
    /// <summary>
    /// Prepared records of one source from values standardised earlier (<see cref="Combine"/> with that source alone).
    /// Every record counts as a used row (data row = its position, 1-based).
    /// </summary>
    /// <param name="config">The job restricted to the records' source (exactly one source).</param>
    /// <param name="records">The records.</param>
    /// <returns>The prepared records.</returns>
    /// <exception cref="ArgumentException">The job has not exactly one source, or the columns do not fit the job or the ids.</exception>
    public static PreparedLinkage FromStandardised(LinkageJobConfig config, StandardisedRecords records) => Combine(config, [], records);

    /// <summary>
    /// Joins prepared parts into the job's prepared records: one part per source of <paramref name="config"/>, in its
    /// order, each prepared for that source alone with the same job columns, and optionally, for the job's last source,
    /// records standardised earlier (interned straight into the joined value tables). Records one part after the other,
    /// value tables merged (counts added), quarantine and source summaries concatenated, truth clusters kept when every
    /// part has them.
    /// </summary>
    /// <param name="config">The job the parts are joined for (its sources in part order).</param>
    /// <param name="parts">One prepared part per source (all but the last when <paramref name="last"/> is given).</param>
    /// <param name="last">The last source's records, standardised earlier, or null.</param>
    /// <returns>The job's prepared records.</returns>
    /// <exception cref="ArgumentException">The parts do not fit the job (count, columns, or a partition slice).</exception>
    public static PreparedLinkage Combine(LinkageJobConfig config, IReadOnlyList<PreparedLinkage> parts, StandardisedRecords? last = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count + (last is null ? 0 : 1) != config.Sources.Count)
            throw new ArgumentException($"job '{config.Name}' has {config.Sources.Count} sources; {parts.Count + (last is null ? 0 : 1)} parts were given", nameof(parts));
        var names = config.Columns.Select(c => c.Name).ToList();
        foreach (var part in parts)
        {
            if (part.Records.IsSlice) throw new ArgumentException("a partition slice cannot be combined", nameof(parts));
            if (!part.Records.Columns.Select(c => c.Name).SequenceEqual(names, StringComparer.Ordinal))
                throw new ArgumentException($"a part has columns {string.Join(", ", part.Records.Columns.Select(c => c.Name))}; job '{config.Name}' has {string.Join(", ", names)}", nameof(parts));
        }

        if (last is not null)
        {
            if (last.Columns.Count != names.Count)
                throw new ArgumentException($"job '{config.Name}' has {names.Count} columns; {last.Columns.Count} standardised columns were given", nameof(last));
            for (var c = 0; c < names.Count; c++)
                if (last.Columns[c].Count != last.Ids.Count)
                    throw new ArgumentException($"standardised column '{names[c]}' has {last.Columns[c].Count} values for {last.Ids.Count} records", nameof(last));
        }

        // One part alone is already the job's preparation when the job prepares its columns alike (the within-wave job of a
        // link job reuses the link job's wave side): its values, counts and tables are exactly what joining would rebuild.
        if (last is null && parts.Count == 1 && SameColumns(parts[0].Config, config) && parts[0].Sources.Count == 1)
        {
            var part = parts[0];
            return new PreparedLinkage(config, part.Records, part.Sources, part.Quarantine, part.TruthClusters);
        }

        var lastCount = last?.Ids.Count ?? 0;
        var total = parts.Sum(p => p.Records.Count) + lastCount;
        var sourceStart = new int[config.Sources.Count + 1];
        var ids = new string[total];
        var rows = new int[total];
        var at = 0;
        for (var s = 0; s < parts.Count; s++)
        {
            sourceStart[s] = at;
            var records = parts[s].Records;
            Array.Copy(records.Ids, 0, ids, at, records.Count);
            Array.Copy(records.Rows, 0, rows, at, records.Count);
            at += records.Count;
        }

        if (last is not null)
        {
            sourceStart[parts.Count] = at;
            for (var i = 0; i < lastCount; i++)
            {
                ids[at + i] = last.Ids[i];
                rows[at + i] = i + 1;
            }
        }

        sourceStart[^1] = total;
        var columns = new ColumnData[names.Count];
        var nonNull = new long[names.Count];
        Parallel.For(0, columns.Length, c => columns[c] = CombineColumn(config.Columns[c], parts, last?.Columns[c], c, total, sourceStart, out nonNull[c]));
        string?[]? truth = null;
        if (last is null && parts.All(p => p.TruthClusters is not null))
        {
            truth = new string?[total];
            for (var s = 0; s < parts.Count; s++) Array.Copy(parts[s].TruthClusters!, 0, truth, sourceStart[s], parts[s].Records.Count);
        }

        var summaries = parts.SelectMany(p => p.Sources).ToList();
        if (last is not null)
        {
            var source = config.Sources[^1];
            summaries.Add(new SourceSummary
            {
                Name = source.Name, Path = source.Path, RowsRead = lastCount, RowsUsed = lastCount, RowsQuarantined = 0, RowsSuperseded = 0,
                Values = names.Select((n, c) => (n, c)).ToDictionary(x => x.n, x => new ColumnValueCounts { NonNull = nonNull[x.c], Unparseable = 0, Rejected = 0, Examples = [] }, StringComparer.Ordinal),
            });
        }

        var table = new RecordTable(ids, sourceStart, config.Sources.Select(s => s.Name).ToList(), columns, rows);
        return new PreparedLinkage(config, table, summaries, parts.SelectMany(p => p.Quarantine).ToList(), truth);
    }

    private static bool SameColumns(LinkageJobConfig a, LinkageJobConfig b)
    {
        if (a.Columns.Count != b.Columns.Count) return false;
        for (var c = 0; c < a.Columns.Count; c++)
            if (!Equals(a.Columns[c], b.Columns[c])) return false;
        return true;
    }

    private static ColumnData CombineColumn(ColumnConfig config, IReadOnlyList<PreparedLinkage> parts, IReadOnlyList<string?>? last, int column, int total, int[] sourceStart, out long lastNonNull)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var counts = new List<long>();
        var valueIds = new int[total];
        var at = 0;
        int Intern(string value)
        {
            if (!idOf.TryGetValue(value, out var id))
            {
                idOf[value] = id = values.Count;
                values.Add(value);
                counts.Add(0);
            }

            return id;
        }

        foreach (var part in parts)
        {
            var data = part.Records.Columns[column];
            // Each of the part's values gets its combined id once; records then map through the table.
            var map = new int[data.Values.Length];
            for (var v = 0; v < map.Length; v++)
            {
                map[v] = Intern(data.Values[v]);
                counts[map[v]] += data.Counts[v];
            }

            foreach (var v in data.ValueIds) valueIds[at++] = v < 0 ? -1 : map[v];
        }

        lastNonNull = 0;
        if (last is not null)
        {
            foreach (var value in last)
            {
                if (value is null)
                {
                    valueIds[at++] = -1;
                    continue;
                }

                var id = Intern(value);
                counts[id]++;
                valueIds[at++] = id;
                lastNonNull++;
            }
        }

        // Term frequencies may be taken from one source (term_frequency.source): the counts go per source, from the
        // combined records' value ids, as a single preparation of the same records would count them.
        var sourceCounts = new long[sourceStart.Length - 1][];
        for (var s = 0; s < sourceCounts.Length; s++)
        {
            sourceCounts[s] = new long[values.Count];
            for (var r = sourceStart[s]; r < sourceStart[s + 1]; r++)
                if (valueIds[r] >= 0) sourceCounts[s][valueIds[r]]++;
        }

        return ColumnData.Build(config, valueIds, [.. values], sourceCounts);
    }
}
