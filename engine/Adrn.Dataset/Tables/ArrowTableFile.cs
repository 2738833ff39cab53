using Adrn.Tables;
using Apache.Arrow;
using Apache.Arrow.Types;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Adrn.Linkage.Output;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Tables;

/// <summary>
/// Writes the store's own tables (ledgers, spine files, panels) as Arrow IPC files with typed, nullable columns, and
/// converts them to CSV or Parquet with the project's <see cref="TableConverter"/>; reads them back through the
/// project's <see cref="SourceReader"/>.
/// </summary>
internal static class ArrowTableFile
{
    private const int BatchRows = 1 << 16;

    /// <summary>Writes the columns (all of the same length) to <paramref name="path"/>, flushed to disk.</summary>
    public static void Write(string path, IReadOnlyList<ColumnBuffer> columns)
    {
        var rows = columns.Count == 0 ? 0 : columns[0].Count;
        foreach (var c in columns)
            if (c.Count != rows) throw new InvalidOperationException($"column {c.Name} has {c.Count} rows, {columns[0].Name} has {rows}");
        var builder = new Schema.Builder();
        foreach (var c in columns)
        {
            IArrowType type = c.Type switch { VariableType.Int32 => Int32Type.Default, VariableType.Double => DoubleType.Default, _ => StringType.Default };
            builder.Field(f => f.Name(c.Name).DataType(type).Nullable(c.Nullable));
        }

        var schema = builder.Build();
        using (var writer = TableWriter.Create(path, TableFormat.Arrow, schema, new TableWriterOptions { Atomic = false }))
        {
            for (var start = 0; start < rows || (rows == 0 && start == 0); start += BatchRows)
            {
                var n = Math.Min(BatchRows, rows - start);
                var arrays = new List<IArrowArray>(columns.Count);
                foreach (var c in columns) arrays.Add(Slice(c, start, n));
                using var batch = new RecordBatch(schema, arrays, n);
                writer.Write(batch);
                if (rows == 0) break;
            }

            writer.Complete();
        }

        // The store commits by renaming: the table's bytes must be on disk first.
        using var written = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        written.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Writes the columns as <paramref name="format"/> at <paramref name="path"/> (Arrow directly; CSV and Parquet through
    /// an Arrow file converted beside it and then removed).
    /// </summary>
    public static void Write(string path, SourceFormat format, IReadOnlyList<ColumnBuffer> columns)
    {
        if (format == SourceFormat.Arrow)
        {
            Write(path, columns);
            return;
        }

        var staged = path + ".staged.arrow";
        Write(staged, columns);
        try
        {
            var converted = TableConverter.ConvertArrowFile(staged, format.ToTableFormat());
            File.Move(converted, path, overwrite: true);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>
    /// Reads an Arrow file batch by batch with its own types, for a table the store wrote itself and reads whole (a spine,
    /// links): no value is turned into text and parsed back. Each batch is disposed after <paramref name="read"/>.
    /// </summary>
    public static void ReadBatches(string path, Action<RecordBatch> read)
    {
        using var stream = File.OpenRead(path);
        using var reader = new Apache.Arrow.Ipc.ArrowFileReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch) read(batch);
        }
    }

    /// <summary>The column of a batch, typed; a missing column or another type is refused naming the file.</summary>
    public static T Column<T>(RecordBatch batch, string name, string path)
        where T : class, IArrowArray =>
        batch.Schema.GetFieldIndex(name) is var i and >= 0 && batch.Column(i) is T typed
            ? typed
            : throw new InvalidDataException($"{path}: column '{name}' is missing or not of type {typeof(T).Name}; the store is damaged.");

    /// <summary>Reads the named columns of an Arrow file as text (nulls as null).</summary>
    public static TextTable Read(string path, IReadOnlyList<string> columns) => SourceReader.Read(path, SourceFormat.Arrow, columns);

    private static IArrowArray Slice(ColumnBuffer c, int start, int n)
    {
        switch (c.Type)
        {
            case VariableType.Int32:
            {
                var b = new Int32Array.Builder().Reserve(n);
                for (var i = start; i < start + n; i++)
                {
                    if (c.Ints[i] is { } v) b.Append(v);
                    else b.AppendNull();
                }

                return b.Build();
            }

            case VariableType.Double:
            {
                var b = new DoubleArray.Builder().Reserve(n);
                for (var i = start; i < start + n; i++)
                {
                    if (c.Doubles[i] is { } v) b.Append(v);
                    else b.AppendNull();
                }

                return b.Build();
            }

            default:
            {
                var b = new StringArray.Builder();
                for (var i = start; i < start + n; i++)
                {
                    if (c.Text[i] is { } v) b.Append(v);
                    else b.AppendNull();
                }

                return b.Build();
            }
        }
    }
}
