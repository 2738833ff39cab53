using System.Text.Json;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Output;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Adrn.Linkage.Preparation;

/// <summary>
/// A prepared job written once by the node that read and standardised its sources, so that no other process reads
/// the raw inputs: the records (ids, rows, value ids per column) for a coordinator that resumes, the distinct values
/// with their counts per column (from which every node rebuilds identical value tables), the quarantine, and a
/// manifest written last (a folder without it is incomplete and ignored). Partition slices
/// (<see cref="Blocking.PartitionSliceFile"/>) go beside them, in <c>slices/</c>. The value tables are written first,
/// with a manifest of their own: a worker needs nothing else, so it opens the job while the records are still written.
/// </summary>
/// <remarks>
/// Layout of the folder: <c>manifest.json</c>, <c>values.json</c>, <c>records.arrow</c>,
/// <c>values-&lt;column index&gt;.arrow</c>, <c>quarantine.csv</c>, <c>slices/</c>.
/// </remarks>
public static class PreparedJobFiles
{
    /// <summary>Version of the layout; a folder of another version is prepared again.</summary>
    public const int FormatVersion = 3;

    private const string ManifestName = "manifest.json";
    private const string ValuesManifestName = "values.json";
    private const string RecordsName = "records.arrow";
    private const string QuarantineName = "quarantine.csv";
    private const int BatchRows = 65_536;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes a prepared job into <paramref name="directory"/> (created; any earlier content is replaced).</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="prepared">The job's prepared records.</param>
    /// <param name="configHash">Hash of the job file and inputs the records were prepared from.</param>
    public static void Write(string directory, PreparedLinkage prepared, string configHash)
    {
        WriteValueTables(directory, prepared, configHash);
        WriteRecordsAndManifest(directory, prepared, configHash);
    }

    /// <summary>
    /// Removes the manifests of what the folder holds (the value tables' and the records'), so that no node opens the job
    /// from an earlier preparation while it is prepared again; the tables themselves are overwritten when written anew.
    /// </summary>
    /// <param name="directory">The folder (it need not exist).</param>
    public static void Discard(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        foreach (var name in new[] { ManifestName, ValuesManifestName })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) File.Delete(path);
        }
    }

    /// <summary>
    /// The first half of <see cref="Write"/>: clears any earlier prepared job from <paramref name="directory"/> and writes
    /// the value tables with their own manifest, after which <see cref="HashOfValues"/> and <see cref="ReadValues"/> see
    /// them (a worker needs nothing else).
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="prepared">The job's prepared records.</param>
    /// <param name="configHash">Hash of the job file and inputs the records were prepared from.</param>
    public static void WriteValueTables(string directory, PreparedLinkage prepared, string configHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentException.ThrowIfNullOrWhiteSpace(configHash);
        var manifestPath = Path.Combine(directory, ManifestName);
        var valuesManifestPath = Path.Combine(directory, ValuesManifestName);
        if (File.Exists(manifestPath)) File.Delete(manifestPath);
        if (File.Exists(valuesManifestPath)) File.Delete(valuesManifestPath);
        Directory.CreateDirectory(directory);
        var records = prepared.Records;
        for (var c = 0; c < records.Columns.Count; c++)
        {
            var column = records.Columns[c];
            AtomicFile.Write(Path.Combine(directory, ValuesName(c)), temp => WriteValues(temp, column));
        }

        var valuesManifest = new Manifest
        {
            FormatVersion = FormatVersion,
            ConfigHash = configHash,
            SourceStart = new int[records.SourceStart.Length],
            Columns = records.Columns.Select(c => c.Name).ToList(),
            Sources = prepared.Sources,
        };
        AtomicFile.Write(valuesManifestPath, temp => File.WriteAllText(temp, JsonSerializer.Serialize(valuesManifest, Json)));
    }

    /// <summary>
    /// The second half of <see cref="Write"/>, after <see cref="WriteValueTables"/>: the records, the quarantine and the
    /// manifest (last), after which the folder is a complete prepared job.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="prepared">The job's prepared records.</param>
    /// <param name="configHash">Hash of the job file and inputs the records were prepared from.</param>
    public static void WriteRecordsAndManifest(string directory, PreparedLinkage prepared, string configHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentException.ThrowIfNullOrWhiteSpace(configHash);
        if (HashOfValues(directory) != configHash)
            throw new InvalidOperationException($"'{directory}' holds no value tables of this job: write them first (PreparedJobFiles.WriteValueTables)");
        var manifestPath = Path.Combine(directory, ManifestName);
        var records = prepared.Records;
        AtomicFile.Write(Path.Combine(directory, RecordsName), temp => WriteRecords(temp, prepared));
        AtomicFile.Write(Path.Combine(directory, QuarantineName), temp => QuarantineFile.Write(temp, prepared.Quarantine));
        var manifest = new Manifest
        {
            FormatVersion = FormatVersion,
            ConfigHash = configHash,
            Records = records.Count,
            SourceStart = records.SourceStart,
            Columns = records.Columns.Select(c => c.Name).ToList(),
            HasTruthClusters = prepared.TruthClusters is not null,
            Sources = prepared.Sources,
        };
        AtomicFile.Write(manifestPath, temp => File.WriteAllText(temp, JsonSerializer.Serialize(manifest, Json)));
    }

    /// <summary>Whether <paramref name="directory"/> holds a complete prepared job of this hash and layout version.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="configHash">The job's current hash.</param>
    /// <returns>True when it can be read instead of the raw inputs.</returns>
    public static bool IsComplete(string directory, string configHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifest = TryManifest(directory);
        return manifest is not null && manifest.FormatVersion == FormatVersion && string.Equals(manifest.ConfigHash, configHash, StringComparison.Ordinal);
    }

    /// <summary>The hash of the inputs a complete prepared job was made from, or null when the folder holds none.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The hash, or null.</returns>
    public static string? HashOf(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return TryManifest(directory) is { FormatVersion: FormatVersion } manifest ? manifest.ConfigHash : null;
    }

    /// <summary>
    /// The hash of the inputs whose value tables the folder holds complete (<see cref="ReadValues"/> can read them),
    /// or null: they are written before the records, so a worker can open the job while the records are written.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The hash, or null.</returns>
    public static string? HashOfValues(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return TryManifest(directory, ValuesManifestName) is { FormatVersion: FormatVersion } manifest ? manifest.ConfigHash : null;
    }

    /// <summary>Reads a complete prepared job: every record (a coordinator resuming a job without reading its inputs again).</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="config">The job (its columns must be those written).</param>
    /// <param name="configHash">The job's current hash (must equal the written one).</param>
    /// <returns>The prepared records, identical to those written.</returns>
    /// <exception cref="InvalidDataException">The folder is incomplete or belongs to other inputs.</exception>
    public static PreparedLinkage Read(string directory, LinkageJobConfig config, string configHash) => Read(directory, config, configHash, withRecords: true);

    /// <summary>
    /// Reads only the value tables of a prepared job: a table of no records whose columns hold every distinct value,
    /// which partition slices (<see cref="Blocking.PartitionSliceFile"/>) then share. A worker that holds slices
    /// needs nothing else.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="config">The job.</param>
    /// <param name="configHash">The job's current hash (must equal the written one).</param>
    /// <returns>Prepared linkage with value tables and no records.</returns>
    /// <exception cref="InvalidDataException">The folder is incomplete or belongs to other inputs.</exception>
    public static PreparedLinkage ReadValues(string directory, LinkageJobConfig config, string configHash) => Read(directory, config, configHash, withRecords: false);

    private static PreparedLinkage Read(string directory, LinkageJobConfig config, string configHash, bool withRecords)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(config);
        var manifestName = withRecords ? ManifestName : ValuesManifestName;
        var manifest = TryManifest(directory, manifestName)
            ?? throw new InvalidDataException($"'{directory}' holds no complete prepared job (no {manifestName}); the job is prepared again from its inputs.");
        if (manifest.FormatVersion != FormatVersion || !string.Equals(manifest.ConfigHash, configHash, StringComparison.Ordinal))
            throw new InvalidDataException($"the prepared job in '{directory}' was made from other inputs or by another version (hash {manifest.ConfigHash}, now {configHash}).");
        var names = config.Columns.Select(c => c.Name).ToList();
        if (!manifest.Columns.SequenceEqual(names, StringComparer.Ordinal))
            throw new InvalidDataException($"the prepared job in '{directory}' has columns {string.Join(", ", manifest.Columns)}; the job has {string.Join(", ", names)}.");

        var n = withRecords ? manifest.Records : 0;
        string[] ids = withRecords ? new string[n] : [];
        int[] rows = withRecords ? new int[n] : [];
        var valueIds = new int[names.Count][];
        for (var c = 0; c < valueIds.Length; c++) valueIds[c] = withRecords ? new int[n] : [];
        string?[]? truth = withRecords && manifest.HasTruthClusters ? new string?[n] : null;
        if (withRecords) ReadRecords(Path.Combine(directory, RecordsName), ids, rows, valueIds, truth);

        var columns = new ColumnData[names.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var (values, counts) = ReadValueTable(Path.Combine(directory, ValuesName(c)), config.Sources.Count);
            // A worker (no records) builds token tables only if a comparison asks for them.
            columns[c] = ColumnData.Build(config.Columns[c], valueIds[c], values, counts, deferTokens: !withRecords);
        }

        var sourceStart = withRecords ? manifest.SourceStart : new int[manifest.SourceStart.Length];
        var table = new RecordTable(ids, sourceStart, config.Sources.Select(s => s.Name).ToList(), columns, rows);
        var quarantine = withRecords ? ReadQuarantine(Path.Combine(directory, QuarantineName)) : [];
        return new PreparedLinkage(config, table, manifest.Sources, quarantine, truth);
    }

    private static string ValuesName(int column) => FormattableString.Invariant($"values-{column:D3}.arrow");

    private static Manifest? TryManifest(string directory, string name = ManifestName)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteRecords(string path, PreparedLinkage prepared)
    {
        var records = prepared.Records;
        var builder = new Schema.Builder()
            .Field(f => f.Name("id").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("row").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("truth_cluster").DataType(StringType.Default).Nullable(true));
        foreach (var column in records.Columns)
            builder.Field(f => f.Name("v_" + column.Name).DataType(Int32Type.Default).Nullable(false));
        var schema = builder.Build();
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        var ids = records.Ids;
        var truth = prepared.TruthClusters;
        for (var start = 0; start < records.Count || start == 0; start += BatchRows)
        {
            var length = Math.Min(BatchRows, records.Count - start);
            var from = start;
            var arrays = new List<IArrowArray>
            {
                ArrowColumns.Strings(length, i => ids[from + i]),
                ArrowColumns.Int32(records.Rows.AsSpan(start, length)),
                ArrowColumns.NullableStrings(truth is null ? new string?[length] : new ArraySegment<string?>(truth, start, length)),
            };
            foreach (var column in records.Columns) arrays.Add(ArrowColumns.Int32(column.ValueIds.AsSpan(start, length)));
            using var batch = new RecordBatch(schema, arrays, length);
            writer.WriteRecordBatch(batch);
            if (records.Count == 0) break;
        }

        writer.WriteEnd();
    }

    private static void ReadRecords(string path, string[] ids, int[] rows, int[][] valueIds, string?[]? truth)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new ArrowFileReader(stream);
        var at = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var n = batch.Length;
                if (at + n > ids.Length) throw new InvalidDataException($"{path} holds more records than its manifest says.");
                var idArray = (StringArray)batch.Column(0);
                for (var i = 0; i < n; i++) ids[at + i] = idArray.GetString(i);
                ((Int32Array)batch.Column(1)).Values.CopyTo(rows.AsSpan(at, n));
                if (truth is not null)
                {
                    var t = (StringArray)batch.Column(2);
                    for (var i = 0; i < n; i++) truth[at + i] = t.IsNull(i) ? null : t.GetString(i);
                }

                for (var c = 0; c < valueIds.Length; c++) ((Int32Array)batch.Column(3 + c)).Values.CopyTo(valueIds[c].AsSpan(at, n));
                at += n;
            }
        }

        if (at != ids.Length) throw new InvalidDataException($"{path} holds {at} records; its manifest says {ids.Length}.");
    }

    private static void WriteValues(string path, ColumnData column)
    {
        // One count column per source (count_0, count_1, ...): term frequencies of one source need them.
        var builder = new Schema.Builder().Field(f => f.Name("value").DataType(StringType.Default).Nullable(false));
        for (var s = 0; s < column.SourceCounts.Length; s++)
        {
            var name = FormattableString.Invariant($"count_{s}");
            builder.Field(f => f.Name(name).DataType(Int64Type.Default).Nullable(false));
        }

        var schema = builder.Build();
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new ArrowFileWriter(stream, schema);
        var values = column.Values;
        for (var start = 0; start < values.Length || start == 0; start += BatchRows)
        {
            var length = Math.Min(BatchRows, values.Length - start);
            var from = start;
            var arrays = new List<IArrowArray> { ArrowColumns.Strings(length, i => values[from + i]) };
            foreach (var counts in column.SourceCounts) arrays.Add(ArrowColumns.Int64(counts.AsSpan(start, length)));
            using var batch = new RecordBatch(schema, arrays, length);
            writer.WriteRecordBatch(batch);
            if (values.Length == 0) break;
        }

        writer.WriteEnd();
    }

    private static (string[] Values, long[][] SourceCounts) ReadValueTable(string path, int sources)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new ArrowFileReader(stream);
        if (reader.Schema.FieldsList.Count != 1 + sources)
            throw new InvalidDataException($"{path} holds counts of {reader.Schema.FieldsList.Count - 1} sources; the job has {sources}.");
        var values = new List<string>();
        var counts = new List<long>[sources];
        for (var s = 0; s < sources; s++) counts[s] = [];
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var v = (StringArray)batch.Column(0);
                for (var i = 0; i < batch.Length; i++) values.Add(v.GetString(i));
                for (var s = 0; s < sources; s++) counts[s].AddRange(((Int64Array)batch.Column(1 + s)).Values.ToArray());
            }
        }

        return ([.. values], counts.Select(c => c.ToArray()).ToArray());
    }

    private static List<QuarantineEntry> ReadQuarantine(string path)
    {
        var entries = new List<QuarantineEntry>();
        var table = Input.SourceReader.Read(path, SourceFormat.Csv, ["file", "row", "column", "value", "reason"]);
        for (var i = 0; i < table.RowCount; i++)
        {
            entries.Add(new QuarantineEntry(table.Columns[0][i] ?? "", int.Parse(table.Columns[1][i] ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                table.Columns[2][i] ?? "", table.Columns[3][i] ?? "", table.Columns[4][i] ?? ""));
        }

        return entries;
    }

    private sealed record Manifest
    {
        public int FormatVersion { get; init; }

        public string ConfigHash { get; init; } = "";

        public int Records { get; init; }

        public int[] SourceStart { get; init; } = [];

        public List<string> Columns { get; init; } = [];

        public bool HasTruthClusters { get; init; }

        public IReadOnlyList<SourceSummary> Sources { get; init; } = [];
    }
}
