using System.Text;

namespace Adrn.Tables.Benchmarks;

// NOTE: the reader Adrn.Linkage used before Adrn.Tables (engine/Adrn.Linkage/Input/CsvRecordReader.cs and
// CsvTableReader.cs at commit c232cb5), kept here verbatim and only here, as the baseline the new reader must not be
// slower than ("the happy path at least as fast as today's reader"). Nothing in the product uses it.

/// <summary>The pre-Adrn.Tables record reader (char buffer, UTF-8 via StreamReader, no line numbers, lenient).</summary>
internal sealed class LegacyCsvRecordReader
{
    private readonly TextReader _reader;
    private char[] _buf = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private readonly List<(int Start, int Length, bool Escaped)> _fields = [];

    public LegacyCsvRecordReader(TextReader reader) => _reader = reader;

    public int FieldCount => _fields.Count;

    /// <summary>The field's text (trimmed if unquoted; quotes removed); valid until the next <see cref="Next"/>.</summary>
    public ReadOnlySpan<char> Field(int i)
    {
        var (s, l, _) = _fields[i];
        return _buf.AsSpan(s, l);
    }

    /// <summary>Whether the field contains <c>""</c> escapes that <see cref="FieldString"/> must undo.</summary>
    public bool IsEscaped(int i) => _fields[i].Escaped;

    public string FieldString(int i)
    {
        var span = Field(i);
        return IsEscaped(i) ? span.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : span.ToString();
    }

    /// <summary>Reads the next record; false at end of input.</summary>
    public bool Next()
    {
        while (true)
        {
            if (TryParse(out var next))
            {
                _start = next;
                return true;
            }

            if (_eof) return false;
            Refill();
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Array.Copy(_buf, _start, _buf, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
        var n = _reader.Read(_buf, _end, _buf.Length - _end);
        if (n == 0) _eof = true;
        else _end += n;
    }

    /// <summary>Parses one record from <c>_start</c>; false when the buffer ends first (and more input may follow).</summary>
    private bool TryParse(out int next)
    {
        _fields.Clear();
        next = _start;
        var i = _start;
        var buf = _buf;
        var end = _end;
        if (i >= end) return false; // at end of data: need more, or done when _eof
        while (true)
        {
            // Skip blanks before a possible opening quote.
            while (i < end && (buf[i] == ' ' || buf[i] == '\t')) i++;
            if (i >= end && !_eof) return false;
            if (i < end && buf[i] == '"')
            {
                var contentStart = i + 1;
                var j = contentStart;
                var escaped = false;
                while (true)
                {
                    if (j >= end)
                    {
                        if (!_eof) return false;
                        break; // unterminated quote at end of file: take the rest
                    }

                    if (buf[j] == '"')
                    {
                        if (j + 1 >= end && !_eof) return false;
                        if (j + 1 < end && buf[j + 1] == '"')
                        {
                            escaped = true;
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    j++;
                }

                _fields.Add((contentStart, Math.Min(j, end) - contentStart, escaped));
                i = j + 1;
                while (i < end && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') i++;
            }
            else
            {
                var s = i;
                while (i < end && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') i++;
                if (i >= end && !_eof) return false;
                var e = i;
                while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) e--;
                _fields.Add((s, e - s, false));
            }

            if (i >= end)
            {
                if (!_eof) return false;
                next = end;
                return true;
            }

            if (buf[i] == ',')
            {
                i++;
                continue;
            }

            // Record end: \n, \r\n or \r.
            if (buf[i] == '\r')
            {
                if (i + 1 >= end && !_eof) return false;
                if (i + 1 < end && buf[i + 1] == '\n') i++;
            }

            next = i + 1;
            return true;
        }
    }
}

/// <summary>The pre-Adrn.Tables table reader: chosen columns as pooled strings.</summary>
internal static class LegacyCsvTableReader
{
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new LegacyCsvRecordReader(reader);
        if (!csv.Next()) throw new InvalidDataException($"{path}: the file is empty (a header row is required)");
        var header = new List<string>(csv.FieldCount);
        for (var i = 0; i < csv.FieldCount; i++) header.Add(csv.FieldString(i));
        return header;
    }

    public static (IReadOnlyList<string> Names, List<string?[]> Columns, int Rows) Read(string path, IReadOnlyList<string> wanted)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new LegacyCsvRecordReader(reader);
        if (!csv.Next()) throw new InvalidDataException($"{path}: the file is empty (a header row is required)");
        var header = new List<string>(csv.FieldCount);
        for (var i = 0; i < csv.FieldCount; i++) header.Add(csv.FieldString(i));
        var index = new int[wanted.Count];
        var lists = new List<string?>[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            index[i] = header.IndexOf(wanted[i]);
            if (index[i] < 0) throw new InvalidDataException($"{path}: column '{wanted[i]}' is missing");
            lists[i] = [];
        }

        // Repeated values (the same employer name or postcode in thousands of rows) are looked up by span in a
        // per-column pool and share one string: no string is allocated for a value already seen.
        var pools = new Dictionary<string, string>[wanted.Count];
        var lookups = new Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[wanted.Count];
        for (var i = 0; i < pools.Length; i++)
        {
            pools[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            lookups[i] = pools[i].GetAlternateLookup<ReadOnlySpan<char>>();
        }

        var rows = 0;
        while (csv.Next())
        {
            if (csv.FieldCount == 1 && csv.Field(0).IsEmpty) continue; // blank line
            rows++;
            for (var i = 0; i < index.Length; i++)
            {
                string? v = null;
                if (index[i] < csv.FieldCount)
                {
                    var span = csv.Field(index[i]);
                    if (!span.IsEmpty)
                    {
                        if (csv.IsEscaped(index[i])) v = csv.FieldString(index[i]);
                        else if (!lookups[i].TryGetValue(span, out v))
                        {
                            v = span.ToString();
                            if (pools[i].Count < 2_000_000) pools[i][v] = v;
                        }
                    }
                }

                lists[i].Add(v);
            }
        }

        return (wanted, lists.Select(l => l.ToArray()).ToList(), rows);
    }
}
