using System.Buffers;
using System.Globalization;
using System.Text;

namespace Adrn.Tables;

/// <summary>
/// Writes delimited text record by record: UTF-8 without byte-order mark, <c>\n</c> line ends, RFC 4180 quoting (a field
/// holding the delimiter, a quote or a line break is quoted, its quotes doubled), numbers in invariant culture (doubles
/// as the shortest text that round-trips), an empty field for a missing value. The one CSV writer of the project: the
/// CSV form of <see cref="TableWriter"/> and every small CSV file (quarantine, labels, review sheets) go through it.
/// </summary>
public sealed class CsvWriter : IDisposable
{
    private static readonly SearchValues<char> CommaSpecials = SearchValues.Create(",\"\r\n");

    private readonly TextWriter _writer;
    private readonly bool _leaveOpen;
    private readonly char _delimiter;
    private readonly SearchValues<char> _specials;
    private readonly char[] _number = new char[64];
    private bool _inRecord;

    /// <summary>Writes to a text writer (its encoding and newline are the caller's).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="delimiter">The field delimiter (default comma).</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="writer"/> open.</param>
    public CsvWriter(TextWriter writer, char delimiter = ',', bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _leaveOpen = leaveOpen;
        _delimiter = delimiter;
        _specials = delimiter == ',' ? CommaSpecials : SearchValues.Create(new string([delimiter, '"', '\r', '\n']));
    }

    /// <summary>Creates (or replaces) a file: UTF-8 without byte-order mark, <c>\n</c> line ends.</summary>
    /// <param name="path">The file.</param>
    /// <param name="delimiter">The field delimiter (default comma).</param>
    /// <returns>The writer.</returns>
    public static CsvWriter Create(string path, char delimiter = ',')
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new CsvWriter(new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" }, delimiter);
    }

    /// <summary>Writes a text field, quoted when it holds the delimiter, a quote or a line break; empty for null.</summary>
    /// <param name="value">The text.</param>
    public void WriteField(string? value) => WriteField(value.AsSpan());

    /// <summary>Writes a text field, quoted when it holds the delimiter, a quote or a line break.</summary>
    /// <param name="value">The text.</param>
    public void WriteField(ReadOnlySpan<char> value)
    {
        Separate();
        if (value.IndexOfAny(_specials) < 0)
        {
            _writer.Write(value);
            return;
        }

        _writer.Write('"');
        while (true)
        {
            var q = value.IndexOf('"');
            if (q < 0) break;
            _writer.Write(value[..(q + 1)]);
            _writer.Write('"');
            value = value[(q + 1)..];
        }

        _writer.Write(value);
        _writer.Write('"');
    }

    /// <summary>Writes an empty field (a missing value).</summary>
    public void WriteMissing() => Separate();

    /// <summary>Writes an integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteField(long value) => WriteFormatted(value, default);

    /// <summary>Writes a double as the shortest text that parses back to it (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> for those).</summary>
    /// <param name="value">The value.</param>
    public void WriteField(double value) => WriteFormatted(value, default);

    /// <summary>Writes a date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">The date.</param>
    public void WriteField(DateOnly value) => WriteFormatted(value, "yyyy-MM-dd");

    /// <summary>Writes a boolean as <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteField(bool value)
    {
        Separate();
        _writer.Write(value ? "true" : "false");
    }

    /// <summary>Writes a value through its invariant-culture formatting (never quoted: numbers and dates hold no special characters).</summary>
    /// <typeparam name="T">A formattable value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="format">The format, e.g. <c>yyyy-MM-dd</c>; default for the type's default.</param>
    public void WriteFormatted<T>(T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        Separate();
        if (value.TryFormat(_number, out var n, format, CultureInfo.InvariantCulture))
            _writer.Write(_number, 0, n);
        else
            _writer.Write(value.ToString(format.IsEmpty ? null : format.ToString(), CultureInfo.InvariantCulture));
    }

    /// <summary>Ends the current record.</summary>
    public void EndRecord()
    {
        _writer.Write('\n');
        _inRecord = false;
    }

    /// <summary>Writes a whole record of text fields.</summary>
    /// <param name="fields">The fields (null = missing).</param>
    public void WriteRecord(params ReadOnlySpan<string?> fields)
    {
        foreach (var f in fields) WriteField(f);
        EndRecord();
    }

    /// <summary>Flushes buffered text to the destination.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Flushes and closes the destination (unless left open).</summary>
    public void Dispose()
    {
        if (_leaveOpen) _writer.Flush();
        else _writer.Dispose();
    }

    private void Separate()
    {
        if (_inRecord) _writer.Write(_delimiter);
        _inRecord = true;
    }
}
