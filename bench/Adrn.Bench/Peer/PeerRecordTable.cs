using System.Text;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using DuckDB.NET.Data;

namespace Adrn.Bench.Peer;

/// <summary>
/// Loads the engine's prepared (already standardised) records into the DuckDB table <c>rec</c>: record index,
/// per blocking rule its keys — <c>k{r}</c> (BIGINT, NULL where the engine has none) for a one-key rule, <c>k{r}_{b}</c>
/// per band for a MinHash rule, <c>k{r}</c> as a sorted LIST(BIGINT) of the record's keys for another multi-key rule
/// (token codes, one-edit variants), the
/// rank <c>k{r}</c> (BIGINT, 1-based) for a sorted-neighbourhood rule — and per comparison the standardised value plus
/// the derived columns its levels need (day number, yyyymmdd, number, term frequency, swapped column).
/// </summary>
public static class PeerRecordTable
{
    /// <summary>Creates and fills <c>rec</c>.</summary>
    /// <param name="connection">An open DuckDB connection.</param>
    /// <param name="config">The job.</param>
    /// <param name="prepared">The engine's prepared records.</param>
    /// <param name="keys">The engine's blocking keys (same rules as <paramref name="config"/>).</param>
    public static void Load(DuckDBConnection connection, LinkageJobConfig config, PreparedLinkage prepared, BlockingKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(keys);
        var records = prepared.Records;
        var columns = config.Comparisons.Select(c => records.Column(c.Column)).ToArray();
        var ddl = new StringBuilder("CREATE OR REPLACE TABLE rec (idx INTEGER");
        var rules = keys.Rules.Count;
        for (var r = 0; r < rules; r++)
        {
            if (keys.IsBanded[r])
                for (var b = 0; b < keys.SlotCount(r); b++) ddl.Append(", k").Append(r).Append('_').Append(b).Append(" BIGINT");
            else ddl.Append(", k").Append(r).Append(keys.SlotCount(r) > 1 ? " BIGINT[]" : " BIGINT");
        }
        var needs = new ColumnNeeds[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var kinds = config.Comparisons[c].Levels.Select(l => l.Kind).ToList();
            needs[c] = new ColumnNeeds(
                Days: kinds.Any(k => k is ComparisonLevelKind.DateWithinDays or ComparisonLevelKind.DateDayMonthSwap or ComparisonLevelKind.DateOneCharacter),
                Numbers: kinds.Any(k => k is ComparisonLevelKind.NumericAbsolute or ComparisonLevelKind.NumericRelative),
                Tf: config.Comparisons[c].Levels.Any(l => l.TermFrequency && l.Kind == ComparisonLevelKind.Exact)
                    ? Adrn.Linkage.Scoring.TermFrequencies.Of(columns[c], records, config.TermFrequency.Source) : null,
                Swapped: config.Comparisons[c].Levels.Select((l, k) => (l, k)).Where(x => x.l.OtherColumn is not null && x.l.Kind is ComparisonLevelKind.Swapped or ComparisonLevelKind.Exact)
                    .Select(x => (x.k, records.Column(x.l.OtherColumn!))).ToArray());
            ddl.Append(", v").Append(c).Append(" VARCHAR");
            if (needs[c].Days) ddl.Append(", d").Append(c).Append(" INTEGER, ymd").Append(c).Append(" INTEGER");
            if (needs[c].Numbers) ddl.Append(", n").Append(c).Append(" DOUBLE");
            if (needs[c].Tf is not null) ddl.Append(", tf").Append(c).Append(" DOUBLE");
            foreach (var (k, _) in needs[c].Swapped) ddl.Append(", o").Append(c).Append('_').Append(k).Append(" VARCHAR");
        }

        ddl.Append(')');
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = ddl.ToString();
            cmd.ExecuteNonQuery();
        }

        using var appender = connection.CreateAppender("rec");
        for (var i = 0; i < records.Count; i++)
        {
            var row = appender.CreateRow().AppendValue(i);
            for (var r = 0; r < rules; r++)
            {
                var first = keys.SlotStart[r];
                if (keys.IsBanded[r])
                {
                    // MinHash bands in band order, one column each: the bands are equi-joined one at a time, as Splink
                    // users write LSH (one blocking rule per band).
                    for (var slot = first; slot < keys.SlotStart[r + 1]; slot++)
                        row = keys.Slots[slot][i] == 0 ? row.AppendNullValue() : row.AppendValue(unchecked((long)keys.Slots[slot][i]));
                    continue;
                }

                if (keys.SlotCount(r) == 1)
                {
                    var key = keys.Slots[first][i];
                    // The engine's 0 means "no key" (a part was null); NULL makes SQL equality behave the same.
                    row = key == 0 ? row.AppendNullValue() : row.AppendValue(unchecked((long)key));
                    continue;
                }

                // A multi-key rule's keys, ascending as the engine holds them (zeros, "no key", left out).
                var list = new List<long>();
                for (var s = first; s < keys.SlotStart[r + 1] && keys.Slots[s][i] != 0; s++) list.Add(unchecked((long)keys.Slots[s][i]));
                row = list.Count == 0 ? row.AppendNullValue() : row.AppendValue((IEnumerable<long>)list);
            }

            for (var c = 0; c < columns.Length; c++)
            {
                var col = columns[c];
                var id = col.ValueIds[i];
                row = id < 0 ? row.AppendNullValue() : row.AppendValue(col.Values[id]);
                if (needs[c].Days)
                {
                    if (id < 0 || col.DayNumbers is null)
                    {
                        row = row.AppendNullValue().AppendNullValue();
                    }
                    else
                    {
                        var day = col.DayNumbers[id];
                        var d = DateOnly.FromDayNumber(day);
                        row = row.AppendValue(day).AppendValue(d.Year * 10000 + d.Month * 100 + d.Day);
                    }
                }

                if (needs[c].Numbers) row = id < 0 || col.Numbers is null ? row.AppendNullValue() : row.AppendValue(col.Numbers[id]);
                if (needs[c].Tf is { } tf) row = id < 0 ? row.AppendNullValue() : row.AppendValue(tf[id]);
                foreach (var (_, other) in needs[c].Swapped)
                {
                    var o = other.ValueIds[i];
                    row = o < 0 ? row.AppendNullValue() : row.AppendValue(other.Values[o]);
                }
            }

            row.EndRow();
        }
    }

    private readonly record struct ColumnNeeds(bool Days, bool Numbers, double[]? Tf, (int Level, ColumnData Other)[] Swapped);
}
