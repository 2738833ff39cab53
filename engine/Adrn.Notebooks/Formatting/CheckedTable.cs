using Adrn.Stats.Disclosure;

namespace Adrn.Notebooks.Formatting;

/// <summary>
/// A small table for display together with its output (disclosure) check. Every table the
/// notebooks show is one of these, so its status (pass, fail, review) and reasons are always on screen.
/// </summary>
/// <param name="Title">Heading shown above the table.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Rows">Cells as display text, one list per row, each as long as <paramref name="Columns"/>.</param>
/// <param name="Check">The output check of the figures in the table.</param>
/// <param name="Note">Optional note shown under the table (for example what a column proxies).</param>
public sealed record CheckedTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, OutputCheck Check, string? Note = null)
{
    /// <summary>The cell in the given row under the given column heading.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column heading.</param>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public string Cell(int row, string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var c = Columns.ToList().IndexOf(column);
        if (c < 0) throw new KeyNotFoundException($"Table '{Title}' has no column '{column}'; columns: {string.Join(", ", Columns)}.");
        return Rows[row][c];
    }

    /// <summary>The table as aligned text followed by its output check (for logs and plain-text displays).</summary>
    public override string ToString()
    {
        var all = new List<IReadOnlyList<string>> { Columns };
        all.AddRange(Rows);
        var widths = Enumerable.Range(0, Columns.Count).Select(c => all.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var lines = all.Select(r => string.Join("  ", r.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        return Title + "\n" + string.Join("\n", lines) + "\n" + Check + (Note is null ? string.Empty : "\n" + Note);
    }
}
