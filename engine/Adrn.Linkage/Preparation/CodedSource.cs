using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;
using Adrn.Tables;

namespace Adrn.Linkage.Preparation;

/// <summary>
/// One source read for preparation in a single pass over its cursor: the id of every row as a string, and every other
/// wanted column coded by its distinct raw value (code = index into the column's distinct values in order of first
/// occurrence, -1 = missing). A repeated value costs one lookup by span and no string; no per-row string array is
/// built for coded columns.
/// </summary>
internal sealed class CodedSource
{
    private readonly Dictionary<string, CodedColumn> _columns;

    private CodedSource(TextTable rows, string?[] ids, Dictionary<string, CodedColumn> columns)
    {
        Rows = rows;
        Ids = ids;
        _columns = columns;
    }

    /// <summary>Row count and record numbers (with the malformed records set aside), as a table without columns.</summary>
    public TextTable Rows { get; }

    /// <summary>The id of each row (null when empty).</summary>
    public string?[] Ids { get; }

    /// <summary>A coded column.</summary>
    /// <param name="fileColumn">File column name (one that was read).</param>
    /// <returns>The column.</returns>
    public CodedColumn Column(string fileColumn) => _columns[fileColumn];

    /// <summary>The values of a coded column per row (null when missing): for the few columns needed as text.</summary>
    /// <param name="fileColumn">File column name.</param>
    /// <returns>One value per row.</returns>
    public string?[] Strings(string fileColumn)
    {
        var column = _columns[fileColumn];
        var values = new string?[column.Codes.Length];
        for (var i = 0; i < values.Length; i++) values[i] = column.Codes[i] < 0 ? null : column.Distinct[column.Codes[i]];
        return values;
    }

    /// <summary>Reads the id column and <paramref name="columns"/> of a source.</summary>
    /// <param name="source">The source.</param>
    /// <param name="columns">File columns to code (the id column among them is read as ids, and coded too if a job column reads it).</param>
    /// <param name="codeIds">Whether the id column is also wanted coded.</param>
    /// <returns>The source's rows.</returns>
    /// <exception cref="TableFormatException">A column is missing (file and column named).</exception>
    /// <remarks>
    /// Parsing and coding overlap: this thread parses batches of rows (copying the wanted fields into the batch) and
    /// keeps the ids; coder threads, each owning some of the coded columns, code the batches in row order, so each
    /// column's codes are those a single pass gives (first-occurrence order).
    /// </remarks>
    public static CodedSource Read(SourceConfig source, IReadOnlyList<string> columns, bool codeIds)
    {
        var coded = columns.Where(c => c != source.IdColumn || codeIds).Distinct(StringComparer.Ordinal).ToArray();
        using var cursor = SourceReader.OpenCursor(source, [source.IdColumn, .. coded]);
        var format = source.Format.ToTableFormat();
        var idField = TableReader.ColumnIndex(cursor, source.IdColumn, format);
        var fields = coded.Select(c => TableReader.ColumnIndex(cursor, c, format)).ToArray();
        var builders = coded.Select(_ => new ColumnCoder()).ToArray();
        var ids = new List<string?>();

        // Coder threads: one per core (the parsing thread does less than a coder), each owning every n-th coded column.
        var coderCount = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, coded.Length));
        var queues = Enumerable.Range(0, coderCount).Select(_ => new BlockingCollection<RowBatch>(2)).ToArray();
        var free = new ConcurrentBag<RowBatch>();
        var coders = new Task[coderCount];
        using var coderFailed = new CancellationTokenSource();
        for (var t = 0; t < coderCount; t++)
        {
            var queue = queues[t];
            var owned = Enumerable.Range(0, coded.Length).Where(c => c % coderCount == t).ToArray();
            coders[t] = Task.Factory.StartNew(() =>
            {
                foreach (var batch in queue.GetConsumingEnumerable())
                {
                    foreach (var c in owned)
                        for (var r = 0; r < batch.Rows; r++) builders[c].Add(batch.Field(r, c));
                    if (Interlocked.Decrement(ref batch.Pending) == 0) free.Add(batch);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // A coder that fails must not leave this thread waiting to hand it a batch: WaitAll below reports its error.
            coders[t].ContinueWith(_ => coderFailed.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        try
        {
            var batch = RowBatch.Take(free, fields.Length);
            while (cursor.MoveNext())
            {
                var id = cursor[idField];
                ids.Add(id.IsEmpty ? null : id.ToString());
                if (!batch.TryAdd(cursor, fields))
                {
                    Submit(batch);
                    batch = RowBatch.Take(free, fields.Length);
                    batch.Add(cursor, fields);
                }
            }

            Submit(batch);
        }
        finally
        {
            foreach (var queue in queues) queue.CompleteAdding();
            Task.WaitAll(coders);
            foreach (var queue in queues) queue.Dispose();
        }

        var table = new TextTable(cursor.File, [], [], ids.Count, [.. cursor.MalformedRecords]);
        var map = new Dictionary<string, CodedColumn>(StringComparer.Ordinal);
        for (var c = 0; c < coded.Length; c++) map[coded[c]] = builders[c].Build();
        return new CodedSource(table, [.. ids], map);

        void Submit(RowBatch full)
        {
            if (full.Rows == 0 || fields.Length == 0)
            {
                free.Add(full);
                return;
            }

            full.Pending = queues.Length;
            foreach (var queue in queues) queue.Add(full, coderFailed.Token);
        }
    }

    /// <summary>Rows' wanted fields copied out of the cursor, for the coder threads.</summary>
    private sealed class RowBatch
    {
        private const int MaxRows = 4096;
        private char[] _chars = new char[1 << 18];
        private readonly int[] _starts;
        private readonly int[] _lengths;
        private readonly int _fields;
        private int _used;

        private RowBatch(int fields)
        {
            _fields = fields;
            _starts = new int[MaxRows * Math.Max(fields, 1)];
            _lengths = new int[MaxRows * Math.Max(fields, 1)];
        }

        public int Rows { get; private set; }

        /// <summary>Coder threads yet to code this batch; the last one hands it back.</summary>
        public int Pending;

        public static RowBatch Take(ConcurrentBag<RowBatch> free, int fields)
        {
            if (!free.TryTake(out var batch)) return new RowBatch(fields);
            batch.Rows = 0;
            batch._used = 0;
            return batch;
        }

        public ReadOnlySpan<char> Field(int row, int field)
        {
            var i = (row * _fields) + field;
            return _chars.AsSpan(_starts[i], _lengths[i]);
        }

        /// <summary>Copies the row's fields in, unless the batch is full (then nothing is copied).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryAdd(ITableCursor cursor, int[] fields)
        {
            if (Rows == MaxRows) return false;
            var length = 0;
            foreach (var f in fields) length += cursor[f].Length;
            if (_used + length > _chars.Length)
            {
                if (Rows > 0) return false;
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, length));
            }

            var at = Rows * _fields;
            for (var c = 0; c < fields.Length; c++)
            {
                var value = cursor[fields[c]];
                value.CopyTo(_chars.AsSpan(_used));
                _starts[at + c] = _used;
                _lengths[at + c] = value.Length;
                _used += value.Length;
            }

            Rows++;
            return true;
        }

        public void Add(ITableCursor cursor, int[] fields)
        {
            if (!TryAdd(cursor, fields)) throw new InvalidOperationException("unreachable: an empty batch takes any row");
        }
    }

    /// <summary>Codes one column's values as they are read.</summary>
    private sealed class ColumnCoder
    {
        private readonly DistinctValueTable _distinct = new();
        private int[] _codes = new int[1 << 16];
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ReadOnlySpan<char> value)
        {
            if (_count == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
            _codes[_count++] = value.IsEmpty ? -1 : _distinct.CodeOf(value);
        }

        public CodedColumn Build()
        {
            Array.Resize(ref _codes, _count);
            return new CodedColumn(_distinct.ToArray(), _codes);
        }
    }
}

/// <summary>A column coded by distinct raw value.</summary>
/// <param name="Distinct">Distinct raw values in order of first occurrence.</param>
/// <param name="Codes">Per row: index into <paramref name="Distinct"/>, or -1 when missing.</param>
internal sealed record CodedColumn(string[] Distinct, int[] Codes);
