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
/// rank, its data row, its value id per job column and its key per blocking rule (to skip pairs an earlier rule
/// produces). The group boundaries by rule, the partition's index and pair bound and the job's source boundaries are
/// in the schema's metadata.
/// </summary>
public static class PartitionSliceFile
{
    private const int BatchRows = 65_536;
    private const int FixedColumns = 4;

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
            .Field(f => f.Name("row").DataType(Int32Type.Default).Nullable(false));
        foreach (var jobColumn in records.Columns)
            builder.Field(f => f.Name("v_" + jobColumn.Name).DataType(Int32Type.Default).Nullable(false));
        for (var r = 0; r < keys.Rules.Count; r++)
        {
            var rule = r;
            builder.Field(f => f.Name("k_" + rule.ToString(CultureInfo.InvariantCulture)).DataType(UInt64Type.Default).Nullable(false));
        }

        builder.Metadata("partition", partition.Index.ToString(CultureInfo.InvariantCulture))
            .Metadata("pair_upper_bound", partition.PairUpperBound.ToString(CultureInfo.InvariantCulture))
            .Metadata("rule_group_start", string.Join(',', partition.RuleGroupStart))
            .Metadata("source_start", string.Join(',', records.SourceStart));
        var schema = builder.Build();

        var members = partition.Members;
        var n = members.Length;
        var group = new int[n];
        for (var g = 0; g < partition.GroupCount; g++)
            for (var a = partition.GroupStart[g]; a < partition.GroupStart[g + 1]; a++) group[a] = g;
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
            foreach (var c in records.Columns) arrays.Add(Gather(c.ValueIds));
            foreach (var k in keys.Keys)
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
        if (schema.FieldsList.Count != FixedColumns + columns.Count + rules.Count)
            throw new InvalidDataException($"{path} holds {schema.FieldsList.Count} columns; a slice of this job has {FixedColumns + columns.Count + rules.Count}: delete it and resume the job.");
        var meta = schema.Metadata;
        int[] Ints(string name) => meta[name].Length == 0 ? [] : meta[name].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var index = int.Parse(meta["partition"], CultureInfo.InvariantCulture);
        var pairBound = long.Parse(meta["pair_upper_bound"], CultureInfo.InvariantCulture);
        var ruleGroupStart = Ints("rule_group_start");
        var jobSourceStart = Ints("source_start");

        var group = new List<int>();
        var record = new List<int>();
        var rank = new List<int>();
        var row = new List<int>();
        var ids = columns.Select(_ => new List<int>()).ToArray();
        var keys = rules.Select(_ => new List<ulong>()).ToArray();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                group.AddRange(((Int32Array)batch.Column(0)).Values.ToArray());
                record.AddRange(((Int32Array)batch.Column(1)).Values.ToArray());
                rank.AddRange(((Int32Array)batch.Column(2)).Values.ToArray());
                row.AddRange(((Int32Array)batch.Column(3)).Values.ToArray());
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
        var sliceKeys = new ulong[rules.Count][];
        for (var r = 0; r < rules.Count; r++)
        {
            sliceKeys[r] = new ulong[global.Length];
            for (var i = 0; i < global.Length; i++) sliceKeys[r][i] = keys[r][first[i]];
        }

        var cross = values.IsCrossSourceOnly;
        var leftCount = cross ? slice.SourceStart[1] : slice.Count;
        var keySet = new BlockingKeySet(rules, sliceKeys, cross, leftCount, slice);
        var groups = ruleGroupStart.Length == 0 ? 0 : ruleGroupStart[^1];
        var groupStart = new int[groups + 1];
        var groupLeft = new int[groups];
        var members = new int[n];
        for (var a = 0; a < n; a++)
        {
            var g = group[a];
            members[a] = local[record[a]];
            if (a == 0 || group[a - 1] != g) groupStart[g] = a;
            if (cross && members[a] < leftCount) groupLeft[g]++;
        }

        groupStart[groups] = n;
        return new BlockingPartition(index, keySet, ruleGroupStart, groupStart, groupLeft, members, pairBound);
    }
}
