using System.Globalization;
using Adrn.Tables;

namespace Adrn.Stats.Data;

/// <summary>
/// The columns of a CSV file (read by the table-IO layer: RFC 4180, header row, comma, UTF-8, strict) as regression
/// columns. A column whose every non-empty field parses as an invariant-culture number becomes numeric; otherwise it
/// stays text. Empty fields and <c>NA</c> are missing.
/// </summary>
internal static class CsvRegressionColumns
{
    public static IReadOnlyList<RegressionColumn> Read(string path)
    {
        var table = TableReader.ReadText(path, TableFormat.Csv);
        var columns = new RegressionColumn[table.Names.Count];
        for (var c = 0; c < columns.Length; c++)
            columns[c] = ToColumn(table.Names[c], table.Columns[c], table.RowCount);
        return columns;
    }

    private static RegressionColumn ToColumn(string name, string?[] values, int rows)
    {
        var text = new string?[rows];
        for (var i = 0; i < rows; i++) text[i] = values[i] == "NA" ? null : values[i];
        var numbers = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            if (text[i] is null) { numbers[i] = double.NaN; continue; }
            if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                return new TextArrayColumn(name, text);
        }

        return new NumericArrayColumn(name, numbers);
    }
}
