using System.Globalization;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Configuration;
using Adrn.Stats.Disclosure;
using Adrn.Linkage.Panel;

namespace Adrn.Dataset.Release;

/// <summary>
/// Writes the summary tables of a release, each through Adrn.Stats' output checks: a frequency table's cells must hold at
/// least the minimum count, a magnitude table's cells must also pass the dominance and p-ratio rules over their
/// contributors. Failing cells are suppressed (written empty) and the table marked for review; every table's verdict and
/// the SHA-256 of the text written go to <c>output_checks.jsonl</c>.
/// </summary>
internal sealed class CheckedTables(string releaseDirectory, OutputLog log)
{
    private readonly List<(string Name, string File, string Label, OutputCheck Check)> _written = [];

    public IReadOnlyList<(string Name, string File, string Label, OutputCheck Check)> Written => _written;

    /// <summary>A frequency table: one row per key (the key's parts in <paramref name="keyColumns"/>), counts in <paramref name="countColumns"/>.</summary>
    /// <returns>The counts as published (null where suppressed), by row and count column.</returns>
    public long?[][] Frequency(string name, string label, IReadOnlyList<string> keyColumns, IReadOnlyList<string[]> keys, IReadOnlyList<string> countColumns, IReadOnlyList<long[]> counts)
    {
        var cells = new List<FrequencyCell>();
        for (var r = 0; r < keys.Count; r++)
            for (var c = 0; c < countColumns.Count; c++)
                cells.Add(new FrequencyCell(CellKey(keys[r], countColumns[c]), counts[r][c]));
        var check = OutputChecker.CheckFrequencyTable(name, cells).Suppress();
        var published = new long?[keys.Count][];
        var columns = keyColumns.Select(k => new ColumnBuffer(k, VariableType.Text)).Concat(countColumns.Select(c => new ColumnBuffer(c, VariableType.Int32))).ToList();
        for (var r = 0; r < keys.Count; r++)
        {
            published[r] = new long?[countColumns.Count];
            for (var k = 0; k < keyColumns.Count; k++) columns[k].Add(keys[r][k]);
            for (var c = 0; c < countColumns.Count; c++)
            {
                var cell = check.Cells[r * countColumns.Count + c];
                published[r][c] = cell.Suppressed ? null : counts[r][c];
                columns[keyColumns.Count + c].Add(cell.Suppressed ? null : (int?)counts[r][c]);
            }
        }

        Write(name, label, columns, check.Check);
        return published;
    }

    /// <summary>A magnitude table: per key, the total of the contributors' values (absolute values, as the dominance rules need).</summary>
    public void Magnitude(string name, string label, IReadOnlyList<string> keyColumns, IReadOnlyList<(string[] Key, IReadOnlyList<double> Contributions)> cells)
    {
        var check = OutputChecker.CheckMagnitudeTable(name, cells.Select(c => new MagnitudeCell(CellKey(c.Key, "total"), c.Contributions.Select(Math.Abs).ToList()))).Suppress();
        var columns = keyColumns.Select(k => new ColumnBuffer(k, VariableType.Text))
            .Append(new ColumnBuffer("total", VariableType.Double)).Append(new ColumnBuffer("contributors", VariableType.Int32)).ToList();
        for (var r = 0; r < cells.Count; r++)
        {
            for (var k = 0; k < keyColumns.Count; k++) columns[k].Add(cells[r].Key[k]);
            var cell = check.Cells[r];
            columns[^2].Add(cell.PublishedValue);
            columns[^1].Add(cell.Suppressed ? null : (int?)cell.Units);
        }

        Write(name, label, columns, check.Check);
    }

    /// <summary>Records the check of a table written elsewhere (the codebook).</summary>
    public void Record(string name, string file, string label, OutputCheck check) => _written.Add((name, file, label, check));

    private void Write(string name, string label, List<ColumnBuffer> columns, OutputCheck check)
    {
        var file = Path.Combine("tables", name + ".csv");
        var path = Path.Combine(releaseDirectory, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ArrowTableFile.Write(path, SourceFormat.Csv, columns);
        log.Record(check, File.ReadAllText(path));
        _written.Add((name, file.Replace('\\', '/'), label, check));
    }

    private static string CellKey(string[] key, string column) => string.Join(" / ", key.Append(column));

    /// <summary>Formats a share for tables and the codebook (4 decimals).</summary>
    public static double Round(double share) => Math.Round(share, 4);

    /// <summary>Invariant text of a count.</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
