namespace Adrn.Linkage.Input;

/// <summary>
/// Splits a CSV stream into records whose fields are ranges of an internal char buffer, so callers can
/// skip unwanted columns and look values up by span without allocating a string per field.
/// RFC 4180: comma separator, double-quote quoting with <c>""</c> escapes, LF or CRLF record ends.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private char[] _buf = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private readonly List<(int Start, int Length, bool Escaped)> _fields = [];

    public CsvRecordReader(TextReader reader) => _reader = reader;

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
