using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Preparation;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Array = System.Array;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// One blocking partition with exactly the records it needs, as an Arrow IPC file: a worker on another node scores
/// (or counts) the partition from this file and the job's value tables alone, never reading the raw inputs or the
/// job's other records. Every column is a list (one row per record batch, a long list split over several batches), so
/// the file holds three tables of their own lengths:
/// <list type="bullet">
/// <item>the partition's distinct records in job order (<c>records</c>: job index; <c>rank</c>: (source, id) rank;
/// <c>row</c>: data row; <c>v_*</c>: value id per job column), each once however many of its groups it is in;</item>
/// <item>the group members (<c>members</c>: index into the records above) and the groups (<c>group_start</c>, and what a
/// group needs to produce each pair once: <c>group_key</c> for a multi-key rule, <c>group_rank_start</c>/<c>_end</c>
/// for a sorted-neighbourhood rule, <c>group_band</c> for a MinHash rule; each one entry per group when one of the
/// job's rules is of its kind, else empty);</item>
/// <item>the blocking keys (<c>k_RULE_SLOT</c>, one list per key slot of <see cref="BlockingKeySet.Slots"/>), only for
/// the records that can be asked for them: a pair produced under rule r checks the two records' keys of the rules
/// before r (to skip pairs an earlier rule produces) and, for a multi-key, MinHash or sorted-neighbourhood rule, of r
/// itself. A record whose highest rule here is h therefore carries the keys of rules 0 … h-1, and of h when h is not a
/// one-key rule; the others' are read back as 0 and never looked at.</item>
/// </list>
/// The group boundaries by rule, the slot boundaries by rule, the list lengths, the partition's index and pair bound and
/// the job's source boundaries are in the schema's metadata. A worker therefore decides every blocking rule exactly as
/// the node that planned the job: it reads the keys, it never derives them.
/// </summary>
public static class PartitionSliceFile
{
    private const string Format = "2";

    // Values per list per record batch: one batch for any partition of a usual size, several for a huge one (an Arrow
    // list's offsets are 32-bit).
    private const int ChunkValues = 1 << 24;

    // records, rank, row, then v_*; members, group_start, group_key, group_rank_start, group_rank_end, group_band; then k_*.
    private const int FixedColumns = 9;

    /// <summary>Writes a partition of the job's records.</summary>
    /// <param name="path">File to create (write it under a temporary name and rename it, see <see cref="Output.AtomicFile"/>).</param>
    /// <param name="partition">A partition over the job's records (not a slice).</param>
    public static void Write(string path, BlockingPartition partition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(partition);
        var records = partition.Records;
        if (records.IsSlice) throw new ArgumentException("the partition must be over the job's records", nameof(partition));
        var keys = partition.Keys;
        var members = partition.Members;
        var n = members.Length;

        // The distinct records in job order (a bit per job record, read back in order: no sort), each member's index
        // among them and each record's highest rule here (rules in order, so the last rule a record is seen under).
        var (global, map) = DistinctRecords(members, records.Count);
        var m = global.Length;
        var highest = new int[m];
        var local = new byte[n * sizeof(int)];
        var localOf = MemoryMarshal.Cast<byte, int>(local.AsSpan());
        try
        {
            var starts = partition.RuleGroupStart;
            var groupStart = partition.GroupStart;
            // Every member is in exactly one group (groups run back to back over the members, rule by rule), so the loop
            // below gives every member its place; a partition that breaks this would leave members unplaced.
            if (groupStart[starts[0]] != 0 || groupStart[starts[^1]] != n)
                throw new ArgumentException("the partition's groups do not cover its members back to back", nameof(partition));
            for (var r = 0; r + 1 < starts.Length; r++)
            {
                for (int a = groupStart[starts[r]], end = groupStart[starts[r + 1]]; a < end; a++)
                {
                    var i = map[members[a]];
                    localOf[a] = i;
                    highest[i] = r;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(map);
        }

        var lists = new List<(string Name, IArrowType Type, byte[] Bytes, int Width)>
        {
            ("records", Int32Type.Default, IntBytes(global), sizeof(int)),
            ("rank", Int32Type.Default, Gather(records.IdRank), sizeof(int)),
            ("row", Int32Type.Default, Gather(records.Rows), sizeof(int)),
        };
        foreach (var c in records.Columns) lists.Add(("v_" + c.Name, Int32Type.Default, Gather(c.ValueIds), sizeof(int)));
        lists.Add(("members", Int32Type.Default, local, sizeof(int)));
        lists.Add(("group_start", Int32Type.Default, IntBytes(partition.GroupStart), sizeof(int)));
        // What a group needs to produce each pair once, only for the kinds of rule the job has (ForEachPair reads the
        // group's key for a multi-key rule, its band for a MinHash rule, its anchors for a sorted-neighbourhood rule).
        var rules = Enumerable.Range(0, keys.Rules.Count).ToList();
        var multiKey = rules.Any(r => keys.SlotCount(r) > 1 && !keys.IsBanded[r] && !keys.IsNeighbourhood[r]);
        var neighbourhood = rules.Any(r => keys.IsNeighbourhood[r]);
        var banded = rules.Any(r => keys.IsBanded[r]);
        lists.Add(("group_key", UInt64Type.Default, multiKey ? MemoryMarshal.AsBytes(partition.GroupKey.AsSpan()).ToArray() : [], sizeof(ulong)));
        lists.Add(("group_rank_start", Int32Type.Default, neighbourhood ? IntBytes(partition.GroupRankStart) : [], sizeof(int)));
        lists.Add(("group_rank_end", Int32Type.Default, neighbourhood ? IntBytes(partition.GroupRankEnd) : [], sizeof(int)));
        lists.Add(("group_band", Int32Type.Default, banded ? IntBytes(partition.GroupBand) : [], sizeof(int)));
        var carriers = new int[m];
        for (var r = 0; r < keys.Rules.Count; r++)
        {
            var simple = IsOneKeyRule(keys, r);
            var count = 0;
            for (var i = 0; i < m; i++)
                if (Carries(highest[i], r, simple)) carriers[count++] = global[i];
            for (var s = keys.SlotStart[r]; s < keys.SlotStart[r + 1]; s++)
            {
                var bytes = new byte[count * sizeof(ulong)];
                var target = MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan());
                var slot = keys.Slots[s];
                var from = carriers.AsSpan(0, count);
                for (var k = 0; k < from.Length; k++) target[k] = slot[from[k]];
                lists.Add((string.Create(CultureInfo.InvariantCulture, $"k_{r}_{s - keys.SlotStart[r]}"), UInt64Type.Default, bytes, sizeof(ulong)));
            }
        }

        var builder = new Schema.Builder();
        foreach (var (name, type, _, _) in lists)
            builder.Field(f => f.Name(name).DataType(new ListType(new Field("item", type, nullable: false))).Nullable(false));
        builder.Metadata("format", Format)
            .Metadata("partition", partition.Index.ToString(CultureInfo.InvariantCulture))
            .Metadata("pair_upper_bound", partition.PairUpperBound.ToString(CultureInfo.InvariantCulture))
            .Metadata("rule_group_start", string.Join(',', partition.RuleGroupStart))
            .Metadata("slot_start", string.Join(',', keys.SlotStart))
            .Metadata("source_start", string.Join(',', records.SourceStart))
            .Metadata("lengths", string.Join(',', lists.Select(l => l.Bytes.Length / l.Width)));
        var schema = builder.Build();

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        var batches = Math.Max(1, lists.Max(l => (l.Bytes.Length / l.Width + ChunkValues - 1) / ChunkValues));
        for (var b = 0; b < batches; b++)
        {
            var arrays = new List<IArrowArray>(lists.Count);
            for (var c = 0; c < lists.Count; c++)
            {
                var (_, type, bytes, width) = lists[c];
                var length = bytes.Length / width;
                var from = Math.Min(length, b * ChunkValues);
                var count = Math.Min(length - from, ChunkValues);
                var data = new ArrowBuffer(new ReadOnlyMemory<byte>(bytes, from * width, count * width));
                var values = new ArrayData(type, count, 0, 0, [ArrowBuffer.Empty, data]);
                var offsets = new ArrowBuffer(IntBytes([0, count]));
                arrays.Add(new ListArray((ListType)schema.FieldsList[c].DataType, 1, offsets, ArrowArrayFactory.BuildArray(values), ArrowBuffer.Empty));
            }

            using var batch = new RecordBatch(schema, arrays, 1);
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();

        byte[] Gather(int[] byRecord) => GatherOf(byRecord, global);
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
        int[] Ints(string name) => meta is null || !meta.TryGetValue(name, out var text) ? [-1] : text.Length == 0 ? [] : text.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var slotStart = Ints("slot_start");
        var slots = slotStart.Length == rules.Count + 1 ? slotStart[^1] : -1;
        var lengths = Ints("lengths");
        var fields = FixedColumns + columns.Count + slots;
        if (meta is null || !meta.TryGetValue("format", out var format) || format != Format || slots < 0 || schema.FieldsList.Count != fields || lengths.Length != fields)
            throw new InvalidDataException($"{path} holds {schema.FieldsList.Count} columns and does not fit this job's {columns.Count} columns and {rules.Count} blocking rules (or was written by another version): delete it and resume the job.");
        var index = int.Parse(meta["partition"], CultureInfo.InvariantCulture);
        var pairBound = long.Parse(meta["pair_upper_bound"], CultureInfo.InvariantCulture);
        var ruleGroupStart = Ints("rule_group_start");
        var jobSourceStart = Ints("source_start");

        var data = new Array[fields];
        for (var c = 0; c < fields; c++)
            data[c] = schema.FieldsList[c].DataType is ListType { ValueDataType: UInt64Type } ? new ulong[lengths[c]] : new int[lengths[c]];
        var filled = new int[fields];
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                for (var c = 0; c < fields; c++)
                {
                    var list = (ListArray)batch.Column(c);
                    var (from, to) = (list.ValueOffsets[0], list.ValueOffsets[list.Length]);
                    if (filled[c] + to - from > lengths[c]) throw new InvalidDataException($"{path}: column {schema.FieldsList[c].Name} holds more values than its length {lengths[c]}: the file is damaged; delete it and resume the job.");
                    switch (data[c])
                    {
                        case int[] ints:
                            ((Int32Array)list.Values).Values[from..to].CopyTo(ints.AsSpan(filled[c]));
                            break;
                        case ulong[] longs:
                            ((UInt64Array)list.Values).Values[from..to].CopyTo(longs.AsSpan(filled[c]));
                            break;
                    }

                    filled[c] += to - from;
                }
            }
        }

        for (var c = 0; c < fields; c++)
            if (filled[c] != lengths[c]) throw new InvalidDataException($"{path}: column {schema.FieldsList[c].Name} holds {filled[c]} values, not {lengths[c]}: the file is damaged; delete it and resume the job.");

        var global = (int[])data[0];
        var m = global.Length;
        var sliceColumns = new ColumnData[columns.Count];
        for (var c = 0; c < sliceColumns.Length; c++) sliceColumns[c] = columns[c].WithRecords((int[])data[3 + c]);
        var slice = RecordTable.FromSlice(global, (int[])data[1], RecordTable.LocalSourceStart(global, jobSourceStart), values.Records.SourceNames, sliceColumns, (int[])data[2]);

        var at = 3 + columns.Count;
        var members = (int[])data[at];
        var groupStart = (int[])data[at + 1];
        var groupKey = (ulong[])data[at + 2];
        var (groupRankStart, groupRankEnd, groupBand) = ((int[])data[at + 3], (int[])data[at + 4], (int[])data[at + 5]);
        var groups = ruleGroupStart.Length == 0 ? 0 : ruleGroupStart[^1];
        if (ruleGroupStart.Length != rules.Count + 1 || groupStart.Length != groups + 1 || (groups > 0 && groupStart[^1] != members.Length)
            || groupKey.Length is not 0 && groupKey.Length != groups || groupRankStart.Length is not 0 && groupRankStart.Length != groups
            || groupRankEnd.Length != groupRankStart.Length || groupBand.Length is not 0 && groupBand.Length != groups)
            throw new InvalidDataException($"{path}: its group tables do not fit its {groups} groups and {rules.Count} rules: the file is damaged; delete it and resume the job.");
        for (var g = 0; g < groups; g++)
            if (groupStart[g] < 0 || groupStart[g] > groupStart[g + 1])
                throw new InvalidDataException($"{path}: group {g} starts after the next: the file is damaged; delete it and resume the job.");
        foreach (var i in members)
            if ((uint)i >= (uint)m) throw new InvalidDataException($"{path}: a member points at record {i} of {m}: the file is damaged; delete it and resume the job.");

        // The keys of the records that carry them; the others' stay 0 (never read, see the type's remarks).
        var highest = new int[m];
        Array.Fill(highest, -1);
        var rule = 0;
        for (var g = 0; g < groups; g++)
        {
            while (g >= ruleGroupStart[rule + 1]) rule++;
            for (var a = groupStart[g]; a < groupStart[g + 1]; a++) highest[members[a]] = Math.Max(highest[members[a]], rule);
        }

        var sliceKeys = new ulong[slots][];
        var cross = values.IsCrossSourceOnly;
        var leftCount = cross ? slice.SourceStart[1] : slice.Count;
        for (var r = 0; r < rules.Count; r++)
        {
            var simple = slotStart[r + 1] - slotStart[r] == 1 && rules[r].Kind != BlockingRuleKind.SortedNeighbourhood && !BlockingKeySet.IsBandedRule(rules[r]);
            for (var s = slotStart[r]; s < slotStart[r + 1]; s++)
            {
                var carried = (ulong[])data[at + 6 + s];
                var keys = sliceKeys[s] = new ulong[m];
                var k = 0;
                for (var i = 0; i < m; i++)
                {
                    if (!Carries(highest[i], r, simple)) continue;
                    if (k == carried.Length) throw new InvalidDataException($"{path}: key slot {s} holds {carried.Length} keys, fewer than its records need: the file is damaged; delete it and resume the job.");
                    keys[i] = carried[k++];
                }

                if (k != carried.Length) throw new InvalidDataException($"{path}: key slot {s} holds {carried.Length} keys, more than its records need ({k}): the file is damaged; delete it and resume the job.");
            }
        }

        var keySet = new BlockingKeySet(rules, sliceKeys, slotStart, cross, leftCount, slice);
        var groupLeft = new int[groups];
        if (cross)
        {
            for (var g = 0; g < groups; g++)
                for (var a = groupStart[g]; a < groupStart[g + 1] && members[a] < leftCount; a++) groupLeft[g]++;
        }

        return new BlockingPartition(index, keySet, ruleGroupStart, groupStart, groupLeft, members, pairBound)
        {
            GroupKey = groupKey,
            GroupRankStart = groupRankStart,
            GroupRankEnd = groupRankEnd,
            GroupBand = groupBand,
        };
    }

    // Whether a record whose highest rule in the partition is `highest` needs its keys of rule `rule` (see the type's remarks).
    private static bool Carries(int highest, int rule, bool oneKeyRule) => rule < highest || (rule == highest && !oneKeyRule);

    private static bool IsOneKeyRule(BlockingKeySet keys, int rule) => keys.SlotCount(rule) == 1 && !keys.IsNeighbourhood[rule] && !keys.IsBanded[rule];

    // The distinct members in ascending order, and a rented array over the job's records mapping each of them to its
    // index in that order (the other entries are stale: return it to the shared pool).
    private static (int[] Global, int[] Map) DistinctRecords(int[] members, int recordCount)
    {
        var seen = new ulong[(recordCount + 63) >> 6];
        foreach (var x in members) seen[x >> 6] |= 1UL << x;
        var m = 0;
        foreach (var word in seen) m += BitOperations.PopCount(word);
        var global = new int[m];
        var map = ArrayPool<int>.Shared.Rent(Math.Max(1, recordCount));
        for (int w = 0, i = 0; w < seen.Length; w++)
        {
            for (var word = seen[w]; word != 0; word &= word - 1)
            {
                var x = (w << 6) + BitOperations.TrailingZeroCount(word);
                global[i] = x;
                map[x] = i++;
            }
        }

        return (global, map);
    }

    private static byte[] GatherOf(int[] byRecord, int[] global)
    {
        var bytes = new byte[global.Length * sizeof(int)];
        var target = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
        for (var i = 0; i < global.Length && i < target.Length; i++) target[i] = byRecord[global[i]];
        return bytes;
    }

    private static byte[] IntBytes(ReadOnlySpan<int> values) => MemoryMarshal.AsBytes(values).ToArray();
}
