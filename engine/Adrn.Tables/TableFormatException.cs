namespace Adrn.Tables;

/// <summary>
/// A table file that cannot be read as declared: a malformed header, a duplicate column name, a record that breaks the
/// CSV grammar when malformed records are not collected, bytes that do not decode. The message names the file and, where
/// they apply, the physical line and the column; the same facts are properties for callers that report them otherwise.
/// </summary>
public sealed class TableFormatException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="file">The file (as given to the reader).</param>
    /// <param name="line">Physical line number (1-based), when the problem has one.</param>
    /// <param name="column">Column number (1-based field position), when the problem has one.</param>
    /// <param name="columnName">The column's header name, when known.</param>
    /// <param name="problem">What is wrong, in words a user can act on.</param>
    public TableFormatException(string file, long? line, int? column, string? columnName, string problem)
        : base(Compose(file, line, column, columnName, problem))
    {
        File = file;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Problem = problem;
    }

    /// <summary>Creates the exception with a plain message (for serialisers and analyzers).</summary>
    public TableFormatException()
        : this("(unknown file)", null, null, null, "the table cannot be read")
    {
    }

    /// <summary>Creates the exception with a plain message.</summary>
    /// <param name="message">The message.</param>
    public TableFormatException(string message)
        : this("(unknown file)", null, null, null, message)
    {
    }

    /// <summary>Creates the exception with a plain message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TableFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "(unknown file)";
        Problem = message;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>Physical line number (1-based) where the problem is, if it has one.</summary>
    public long? Line { get; }

    /// <summary>Column number (1-based field position), if the problem has one.</summary>
    public int? Column { get; }

    /// <summary>The column's header name, if known.</summary>
    public string? ColumnName { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }

    private static string Compose(string file, long? line, int? column, string? columnName, string problem)
    {
        var where = file;
        if (line is { } l) where += FormattableString.Invariant($", line {l}");
        if (column is { } c) where += FormattableString.Invariant($", column {c}") + (columnName is null ? "" : $" ('{columnName}')");
        return where + ": " + problem;
    }
}
