using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Output;
using Adrn.Linkage.Preparation;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// One blocking partition with exactly the records it needs, as an Arrow IPC file: a worker on another node scores
/// (or counts) the partition from this file and the job's value tables alone, never reading the raw inputs or the
/// job's other records. One row per group member, in group order: the group, the member's job index, its (source, id)
/// rank, its data row, what its group needs to produce each pair once (the group's key for a multi-key rule, its anchor
/// ranks for a sorted-neighbourhood rule, its band for a MinHash rule; repeated on every member), its value id per job
/// column and its key in every key slot of every blocking rule (<see cref="BlockingKeySet.Slots"/>: to skip pairs an
/// earlier rule, an earlier band or a smaller shared key produces). The group boundaries by rule, the slot boundaries by
/// rule, the partition's index and pair bound and the job's source boundaries are in the schema's metadata. A worker
/// therefore decides every blocking rule exactly as the node that planned the job: it reads the keys, it never derives them.
/// </summary>
public static class PartitionSliceFile
{
    private const int BatchRows = 65_536;
    private const int FixedColumns = 8;

    /// <summary>Writes a partition of the job's records.</summary>
    /// <param name="path">File to create (write it under a temporary name and rename it, see <see cref="AtomicFile"/>).</param>
    /// <param name="partition">A partition over the job's records (not a slice).</param>
    public static void Write(string path, BlockingPartition partition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(partition);
        var records = partition.Records;
        if (records.IsSlice) throw new ArgumentException("the partition must be over the job's records", nameof(partition));
        var keys = partition.Keys;
        var builder = new Schema.Builder()
            .Field(f => f.Name("group").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("record").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("rank").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("row").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("group_key").DataType(UInt64Type.Default).Nullable(false))
            .Field(f => f.Name("group_rank_start").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("group_rank_end").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("group_band").DataType(Int32Type.Default).Nullable(false));
        foreach (var jobColumn in records.Columns)
            builder.Field(f => f.Name("v_" + jobColumn.Name).DataType(Int32Type.Default).Nullable(false));
        for (var r = 0; r < keys.Rules.Count; r++)
        {
            for (var s = keys.SlotStart[r]; s < keys.SlotStart[r + 1]; s++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"k_{r}_{s - keys.SlotStart[r]}");
                builder.Field(f => f.Name(name).DataType(UInt64Type.Default).Nullable(false));
            }
        }

        builder.Metadata("partition", partition.Index.ToString(CultureInfo.InvariantCulture))
            .Metadata("pair_upper_bound", partition.PairUpperBound.ToString(CultureInfo.InvariantCulture))
            .Metadata("rule_group_start", string.Join(',', partition.RuleGroupStart))
            .Metadata("slot_start", string.Join(',', keys.SlotStart))
            .Metadata("source_start", string.Join(',', records.SourceStart));
        var schema = builder.Build();

        var members = partition.Members;
        var n = members.Length;
        var group = new int[n];
        for (var g = 0; g < partition.GroupCount; g++)
            for (var a = partition.GroupStart[g]; a < partition.GroupStart[g + 1]; a++) group[a] = g;
        // Per-group arrays are empty for a partition without groups of that kind: 0 is what ForEachPair reads then.
        int[] PerGroup(int[] byGroup) => byGroup.Length == 0 ? new int[partition.GroupCount] : byGroup;
        var groupKey = partition.GroupKey.Length == 0 ? new ulong[partition.GroupCount] : partition.GroupKey;
        var (rankStart, rankEnd, band) = (PerGroup(partition.GroupRankStart), PerGroup(partition.GroupRankEnd), PerGroup(partition.GroupBand));
        var column = new int[Math.Min(BatchRows, Math.Max(n, 1))];
        var key = new ulong[column.Length];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        for (var start = 0; start < n || start == 0; start += BatchRows)
        {
            var length = Math.Min(BatchRows, n - start);
            var arrays = new List<IArrowArray> { ArrowColumns.Int32(group.AsSpan(start, length)), ArrowColumns.Int32(members.AsSpan(start, length)) };
            arrays.Add(Gather(records.IdRank));
            arrays.Add(Gather(records.Rows));
            for (var i = 0; i < length; i++) key[i] = groupKey[group[start + i]];
            arrays.Add(ArrowColumns.UInt64(key.AsSpan(0, length)));
            arrays.Add(ByGroup(rankStart));
            arrays.Add(ByGroup(rankEnd));
            arrays.Add(ByGroup(band));
            foreach (var c in records.Columns) arrays.Add(Gather(c.ValueIds));
            foreach (var k in keys.Slots)
            {
                for (var i = 0; i < length; i++) key[i] = k[members[start + i]];
                arrays.Add(ArrowColumns.UInt64(key.AsSpan(0, length)));
            }

            using var batch = new RecordBatch(schema, arrays, length);
            writer.WriteRecordBatch(batch);
            if (n == 0) break;

            Int32Array Gather(int[] byRecord)
            {
                for (var i = 0; i < length; i++) column[i] = byRecord[members[start + i]];
                return ArrowColumns.Int32(column.AsSpan(0, length));
            }

            Int32Array ByGroup(int[] values)
            {
                for (var i = 0; i < length; i++) column[i] = values[group[start + i]];
                return ArrowColumns.Int32(column.AsSpan(0, length));
            }
        }

        writer.WriteEnd();
    }

    /// <summary>Reads a partition written by <see cref="Write"/> as a partition over a slice of the job's records.</summary>
    /// <param name="path">The file.</param>
    /// <param name="values">The job's value tables (<see cref="PreparedJobFiles.ReadValues"/>) or its prepared records.</param>
    /// <param name="rules">The blocking rules the partition was cut by, in order.</param>
    /// <returns>The partition; its <see cref="BlockingPartition.Records"/> is the slice.</returns>
    /// <exception cref="InvalidDataException">The file does not fit the job.</exception>
    public static BlockingPartition Read(string path, PreparedLinkage values, IReadOnlyList<BlockingRuleConfig> rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rules);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new ArrowFileReader(stream);
        var schema = reader.Schema;
        var columns = values.Records.Columns;
        var meta = schema.Metadata;
        int[] Ints(string name) => !meta.TryGetValue(name, out var text) ? [-1] : text.Length == 0 ? [] : text.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var slotStart = Ints("slot_start");
        var slots = slotStart.Length == rules.Count + 1 ? slotStart[^1] : -1;
        if (slots < 0 || schema.FieldsList.Count != FixedColumns + columns.Count + slots)
            throw new InvalidDataException($"{path} holds {schema.FieldsList.Count} columns and does not fit this job's {columns.Count} columns and {rules.Count} blocking rules: delete it and resume the job.");
        var index = int.Parse(meta["partition"], CultureInfo.InvariantCulture);
        var pairBound = long.Parse(meta["pair_upper_bound"], CultureInfo.InvariantCulture);
        var ruleGroupStart = Ints("rule_group_start");
        var jobSourceStart = Ints("source_start");

        var group = new List<int>();
        var record = new List<int>();
        var rank = new List<int>();
        var row = new List<int>();
        var memberGroupKey = new List<ulong>();
        var memberRankStart = new List<int>();
        var memberRankEnd = new List<int>();
        var memberBand = new List<int>();
        var ids = columns.Select(_ => new List<int>()).ToArray();
        var keys = new List<ulong>[slots];
        for (var s = 0; s < slots; s++) keys[s] = [];
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                group.AddRange(((Int32Array)batch.Column(0)).Values.ToArray());
                record.AddRange(((Int32Array)batch.Column(1)).Values.ToArray());
                rank.AddRange(((Int32Array)batch.Column(2)).Values.ToArray());
                row.AddRange(((Int32Array)batch.Column(3)).Values.ToArray());
                memberGroupKey.AddRange(((UInt64Array)batch.Column(4)).Values.ToArray());
                memberRankStart.AddRange(((Int32Array)batch.Column(5)).Values.ToArray());
                memberRankEnd.AddRange(((Int32Array)batch.Column(6)).Values.ToArray());
                memberBand.AddRange(((Int32Array)batch.Column(7)).Values.ToArray());
                for (var c = 0; c < ids.Length; c++) ids[c].AddRange(((Int32Array)batch.Column(FixedColumns + c)).Values.ToArray());
                for (var r = 0; r < keys.Length; r++) keys[r].AddRange(((UInt64Array)batch.Column(FixedColumns + ids.Length + r)).Values.ToArray());
            }
        }

        // The slice's records are the distinct members in job order; members then point at them by local index.
        var n = record.Count;
        var global = record.Distinct().Order().ToArray();
        var local = new Dictionary<int, int>(global.Length);
        for (var i = 0; i < global.Length; i++) local[global[i]] = i;
        var first = new int[global.Length];
        for (var a = n - 1; a >= 0; a--) first[local[record[a]]] = a;
        int[] PerRecord(List<int> byMember)
        {
            var result = new int[global.Length];
            for (var i = 0; i < result.Length; i++) result[i] = byMember[first[i]];
            return result;
        }

        var sliceColumns = new ColumnData[columns.Count];
        for (var c = 0; c < sliceColumns.Length; c++) sliceColumns[c] = columns[c].WithRecords(PerRecord(ids[c]));
        var slice = RecordTable.FromSlice(global, PerRecord(rank), RecordTable.LocalSourceStart(global, jobSourceStart), values.Records.SourceNames, sliceColumns, PerRecord(row));
        var sliceKeys = new ulong[slots][];
        for (var s = 0; s < slots; s++)
        {
            sliceKeys[s] = new ulong[global.Length];
            for (var i = 0; i < global.Length; i++) sliceKeys[s][i] = keys[s][first[i]];
        }

        var cross = values.IsCrossSourceOnly;
        var leftCount = cross ? slice.SourceStart[1] : slice.Count;
        var keySet = new BlockingKeySet(rules, sliceKeys, slotStart, cross, leftCount, slice);
        var groups = ruleGroupStart.Length == 0 ? 0 : ruleGroupStart[^1];
        var groupStart = new int[groups + 1];
        var groupLeft = new int[groups];
        var groupKey = new ulong[groups];
        var groupRankStart = new int[groups];
        var groupRankEnd = new int[groups];
        var groupBand = new int[groups];
        var members = new int[n];
        for (var a = 0; a < n; a++)
        {
            var g = group[a];
            members[a] = local[record[a]];
            if (a == 0 || group[a - 1] != g)
            {
                groupStart[g] = a;
                groupKey[g] = memberGroupKey[a];
                groupRankStart[g] = memberRankStart[a];
                groupRankEnd[g] = memberRankEnd[a];
                groupBand[g] = memberBand[a];
            }

            if (cross && members[a] < leftCount) groupLeft[g]++;
        }

        groupStart[groups] = n;
        return new BlockingPartition(index, keySet, ruleGroupStart, groupStart, groupLeft, members, pairBound)
        {
            GroupKey = groupKey,
            GroupRankStart = groupRankStart,
            GroupRankEnd = groupRankEnd,
            GroupBand = groupBand,
        };
    }
}
