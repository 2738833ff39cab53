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
                var rented = new List<byte[]>();
                foreach (var c in columns) arrays.Add(Slice(c, start, n, rented));
                using (var batch = new RecordBatch(schema, arrays, n)) writer.Write(batch);
                // The batch is in the file now: its buffers go back to the pool for the next batch or table.
                foreach (var buffer in rented) System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
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

    // NOTE: arrays are assembled from buffers sized once (offsets, UTF-8 bytes, validity bits) and rented from the shared
    // pool until the batch is written, not appended value by value through the Arrow builders, whose native buffers grow,
    // copy and zero-fill as they go: the store writes millions of cells per wave (ledgers, spine files, prepared spines).
    // The arrays hold the same values, so the tables read back the same.
    private static IArrowArray Slice(ColumnBuffer c, int start, int n, List<byte[]> rented)
    {
        byte[] Rent(int bytes)
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(bytes, 1));
            rented.Add(buffer);
            return buffer;
        }

        ArrowBuffer Of(byte[] buffer, int bytes) => new(new ReadOnlyMemory<byte>(buffer, 0, bytes));

        switch (c.Type)
        {
            case VariableType.Int32:
            {
                var (values, validity) = Fixed(c.Ints, start, n, Rent);
                return new Int32Array(Of(values, n * sizeof(int)), validity.Buffer, n, validity.NullCount, 0);
            }

            case VariableType.Double:
            {
                var (values, validity) = Fixed(c.Doubles, start, n, Rent);
                return new DoubleArray(Of(values, n * sizeof(double)), validity.Buffer, n, validity.NullCount, 0);
            }

            default:
            {
                var text = c.Text;
                var offsetBytes = Rent((n + 1) * sizeof(int));
                var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(offsetBytes.AsSpan(0, (n + 1) * sizeof(int)));
                var total = 0;
                offsets[0] = 0;
                for (var i = 0; i < n; i++)
                {
                    if (text[start + i] is { } v) total += System.Text.Encoding.UTF8.GetByteCount(v);
                    offsets[i + 1] = total;
                }

                var data = Rent(total);
                var validity = new Validity(n, Rent);
                for (var i = 0; i < n; i++)
                {
                    if (text[start + i] is { } v) System.Text.Encoding.UTF8.GetBytes(v, data.AsSpan(offsets[i]));
                    else validity.SetNull(i);
                }

                return new StringArray(n, Of(offsetBytes, (n + 1) * sizeof(int)), Of(data, total), validity.Buffer, validity.NullCount, 0);
            }
        }
    }

    /// <summary>The value buffer (a missing value as 0, as the Arrow builders leave it) and validity of a fixed-width column slice.</summary>
    private static (byte[] Values, Validity Validity) Fixed<T>(List<T?> column, int start, int n, Func<int, byte[]> rent)
        where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var bytes = rent(n * size);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes.AsSpan(0, n * size));
        var validity = new Validity(n, rent);
        for (var i = 0; i < n; i++)
        {
            if (column[start + i] is { } v)
            {
                values[i] = v;
            }
            else
            {
                values[i] = default;
                validity.SetNull(i);
            }
        }

        return (bytes, validity);
    }

    /// <summary>A validity bitmap being filled (every value valid until set null); no buffer when nothing is null.</summary>
    private sealed class Validity(int length, Func<int, byte[]> rent)
    {
        private byte[]? _bits;

        public int NullCount { get; private set; }

        public ArrowBuffer Buffer => _bits is null ? ArrowBuffer.Empty : new ArrowBuffer(new ReadOnlyMemory<byte>(_bits, 0, (length + 7) / 8));

        public void SetNull(int index)
        {
            if (_bits is null)
            {
                var bytes = (length + 7) / 8;
                _bits = rent(bytes);
                _bits.AsSpan(0, bytes).Fill(0xFF);
                if ((length & 7) != 0) _bits[bytes - 1] = (byte)((1 << (length & 7)) - 1);
            }

            _bits[index >> 3] &= (byte)~(1 << (index & 7));
            NullCount++;
        }
    }
}
