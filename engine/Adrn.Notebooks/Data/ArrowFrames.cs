using Adrn.Tables;
using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;

namespace Adrn.Notebooks.Data;

/// <summary>
/// Loads the engine's Arrow IPC outputs (links, pairs, linked panel, synthetic tables) into
/// Microsoft.Data.Analysis DataFrames. Text becomes <see cref="StringDataFrameColumn"/>; integers,
/// doubles and booleans primitive columns; Arrow <c>Date32</c>, <c>Date64</c> and <c>Timestamp</c>
/// columns become <see cref="DateTimeDataFrameColumn"/> (UTC); nulls stay nulls.
/// </summary>
public static class ArrowFrames
{
    /// <summary>Reads an Arrow IPC file (<c>.arrow</c>) into a DataFrame.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotSupportedException">A column has an Arrow type with no DataFrame counterpart (the message names it).</exception>
    public static DataFrame Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such Arrow file.", path);
        using var table = TableReader.ReadArrow(path, TableFormat.Arrow);
        return FromBatches(table.Schema, table.Batches, path);
    }

    /// <summary>Converts record batches with one schema into a DataFrame (values are copied).</summary>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="batches">The batches, in row order.</param>
    /// <param name="source">Name used in error messages (for example the file path).</param>
    public static DataFrame FromBatches(Schema schema, IReadOnlyList<RecordBatch> batches, string source = "record batches")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        var rows = batches.Sum(b => (long)b.Length);
        var columns = new List<DataFrameColumn>(schema.FieldsList.Count);
        for (var f = 0; f < schema.FieldsList.Count; f++)
        {
            var field = schema.FieldsList[f];
            var column = CreateColumn(field, rows, source);
            long row = 0;
            foreach (var batch in batches)
            {
                var array = batch.Column(f);
                for (var i = 0; i < array.Length; i++, row++) column[row] = ValueAt(array, i);
            }

            columns.Add(column);
        }

        return new DataFrame(columns);
    }

    private static DataFrameColumn CreateColumn(Field field, long rows, string source) => field.DataType.TypeId switch
    {
        ArrowTypeId.String or ArrowTypeId.LargeString => new StringDataFrameColumn(field.Name, rows),
        ArrowTypeId.Double => new DoubleDataFrameColumn(field.Name, rows),
        ArrowTypeId.Float => new SingleDataFrameColumn(field.Name, rows),
        ArrowTypeId.Int64 => new Int64DataFrameColumn(field.Name, rows),
        ArrowTypeId.Int32 => new Int32DataFrameColumn(field.Name, rows),
        ArrowTypeId.Int16 => new Int16DataFrameColumn(field.Name, rows),
        ArrowTypeId.Int8 => new SByteDataFrameColumn(field.Name, rows),
        ArrowTypeId.UInt8 => new ByteDataFrameColumn(field.Name, rows),
        ArrowTypeId.Boolean => new BooleanDataFrameColumn(field.Name, rows),
        ArrowTypeId.Date32 or ArrowTypeId.Date64 or ArrowTypeId.Timestamp => new DateTimeDataFrameColumn(field.Name, rows),
        _ => throw new NotSupportedException($"{source}: column '{field.Name}' has Arrow type {field.DataType.Name}, which has no DataFrame column type here."),
    };

    private static object? ValueAt(IArrowArray array, int i)
    {
        if (array.IsNull(i)) return null;
        return array switch
        {
            StringArray s => s.GetString(i),
            LargeStringArray s => s.GetString(i),
            DoubleArray d => d.GetValue(i),
            FloatArray d => d.GetValue(i),
            Int64Array d => d.GetValue(i),
            Int32Array d => d.GetValue(i),
            Int16Array d => d.GetValue(i),
            Int8Array d => d.GetValue(i),
            UInt8Array d => d.GetValue(i),
            BooleanArray d => d.GetValue(i),
            Date64Array d => d.GetDateTimeOffset(i)?.UtcDateTime,
            Date32Array d => d.GetDateTimeOffset(i)?.UtcDateTime,
            TimestampArray d => d.GetTimestamp(i)?.UtcDateTime,
            _ => throw new NotSupportedException($"Arrow array type {array.GetType().Name} is not supported."),
        };
    }
}
