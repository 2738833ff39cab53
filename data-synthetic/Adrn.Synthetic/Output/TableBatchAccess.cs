global using TableBatch = Adrn.Tables.TableBatch;
global using TableColumn = Adrn.Tables.TableColumn;

namespace Adrn.Synthetic.Output;

/// <summary>The generator's short names for the typed columns of an <see cref="Adrn.Tables.TableBatch"/>.</summary>
internal static class TableBatchAccess
{
    /// <summary>Int32 values, or the day numbers of a date column.</summary>
    public static int[] Ints(this TableBatch batch, int column) =>
        batch.Schema[column].Type == Adrn.Tables.TableColumnType.Date ? batch.Dates(column) : batch.Int32(column);

    /// <summary>Double values (NaN = missing).</summary>
    public static double[] Doubles(this TableBatch batch, int column) => batch.Double(column);
}
