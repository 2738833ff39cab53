using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Adrn.Tables;

/// <summary>
/// A strict, streaming, allocation-free reader of delimited text (RFC 4180): <see cref="MoveNext"/> advances to the next
/// well-formed record; <see cref="FieldCount"/>, <see cref="this[int]"/> (each field as unescaped characters, valid until
/// the next move) and <see cref="LineNumber"/> describe it. The first record is the header; duplicate names are refused.
/// </summary>
/// <remarks>
/// <para>
/// The grammar: records end at LF, CRLF or a lone CR outside quotes; an empty line is not a record; a field is either
/// unquoted (no delimiter, quote or line break in it) or quoted (<c>"</c> … <c>"</c>, a quote inside doubled, delimiters
/// and line breaks allowed), and a closing quote is followed by the delimiter or the line end. With
/// <see cref="CsvOptions.Trim"/>, blanks around fields are dropped.
/// </para>
/// <para>
/// A record is malformed when it breaks that grammar, has a different number of fields than the header, or holds bytes
/// that are not valid in the declared encoding. Malformed records are thrown as <see cref="TableFormatException"/> or,
/// with <see cref="MalformedRecordPolicy.Collect"/>, set aside in <see cref="MalformedRecords"/> and skipped. Isolation
/// rule: a malformed record that lies on one line is that line; a record that a quoted line break would carry over
/// several lines and that is malformed (an unbalanced quote, or the wrong field count) is cut to its first line, which
/// is set aside alone, and reading resumes on the next line. A well-formed record that does not decode is set aside
/// whole. So an unbalanced quote costs one line, never the rest of the file.
/// </para>
/// <para>
/// NOTE: the reader works on bytes: every special character (delimiter, quote, CR, LF) is ASCII, so in UTF-8, Latin-1
/// and Windows-1252 it is never part of a multi-byte character. Each buffer is scanned once, 32 bytes per step, for
/// the positions of those bytes; records are then cut from that list, and only a record's own bytes are decoded (an
/// ASCII record by widening, the rest field by field with a validating decoder that reports the first bad byte).
/// </para>
/// </remarks>
public sealed partial class CsvCursor : ITableCursor
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvOptions _options;
    private readonly List<MalformedRecord> _malformed = [];
    private readonly string[] _header;
    private readonly Dictionary<string, int> _headerIndex;
    private bool _disposed;

    private CsvCursor(Stream stream, string file, CsvOptions options, bool leaveOpen, int bufferBytes = InitialBufferBytes)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options;
        File = file;
        _delimiter = (byte)options.Delimiter;
        _trim = options.Trim;
        _latin1 = options.Encoding == CsvEncoding.Latin1;
        _buf = new byte[bufferBytes];
        _text = new char[bufferBytes];
        _specials = new int[bufferBytes];
        SkipByteOrderMark();
        _header = ReadHeader();
        _headerIndex = new Dictionary<string, int>(_header.Length, StringComparer.Ordinal);
        for (var i = 0; i < _header.Length; i++)
        {
            if (!_headerIndex.TryAdd(_header[i], i))
            {
                var first = _headerIndex[_header[i]];
                throw new TableFormatException(File, HeaderLine, i + 1, _header[i],
                    FormattableString.Invariant($"the header names column '{_header[i]}' twice (columns {first + 1} and {i + 1}); rename one of them"));
            }
        }

        _expectedFields = _header.Length;
    }

    /// <summary>Opens a file. The header is read (and checked) here.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; <see cref="CsvOptions.Default"/> when null.</param>
    /// <returns>The cursor, before the first data record.</returns>
    /// <exception cref="TableFormatException">The file is empty, its header is malformed or repeats a name, or it starts with a byte-order mark of another encoding.</exception>
    public static CsvCursor Open(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= CsvOptions.Default;
        options.Validate();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return new CsvCursor(stream, path, options, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a stream of delimited text.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">The name used in messages (a path, or e.g. <c>labels.csv</c>).</param>
    /// <param name="options">How to read it; <see cref="CsvOptions.Default"/> when null.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <returns>The cursor, before the first data record.</returns>
    /// <exception cref="TableFormatException">As for <see cref="Open(string, CsvOptions?)"/>.</exception>
    public static CsvCursor Open(Stream stream, string file, CsvOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        options ??= CsvOptions.Default;
        options.Validate();
        try
        {
            return new CsvCursor(stream, file, options, leaveOpen);
        }
        catch when (!leaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>As <see cref="Open(Stream, string, CsvOptions?, bool)"/> with a given first buffer size (tests use tiny ones to exercise refills).</summary>
    internal static CsvCursor Open(Stream stream, string file, CsvOptions options, int bufferBytes)
    {
        options.Validate();
        return new CsvCursor(stream, file, options, leaveOpen: true, Math.Max(bufferBytes, 4));
    }

    /// <summary>The file name used in messages.</summary>
    public string File { get; }

    /// <summary>The options the file is read with.</summary>
    public CsvOptions Options => _options;

    /// <summary>The column names of the header, in file order (distinct).</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The physical line of the header.</summary>
    public long HeaderLine { get; private set; }

    /// <summary>Fields of the current record (always the header's count: other records are malformed).</summary>
    public int FieldCount => _fieldCount;

    /// <summary>Physical line (1-based) where the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Number of the current record among the data records, 1 = the first after the header; malformed records are counted.</summary>
    public long RecordNumber { get; private set; }

    /// <summary>Data records met so far: those returned by <see cref="MoveNext"/> plus those set aside.</summary>
    public long RecordsRead => RecordNumber;

    /// <summary>The records set aside so far (policy <see cref="MalformedRecordPolicy.Collect"/>), in file order.</summary>
    public IReadOnlyList<MalformedRecord> MalformedRecords => _malformed;

    /// <summary>A field of the current record, quotes removed and doubled quotes undone; valid until the next <see cref="MoveNext"/>.</summary>
    /// <param name="field">0-based field position.</param>
    public ReadOnlySpan<char> this[int field]
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            if ((uint)field >= (uint)_fieldCount) throw new ArgumentOutOfRangeException(nameof(field), field, $"the record has {_fieldCount} fields");

            // NOTE: no further checks: _bounds holds 2 * _fieldCount positions, each inside _recordText (set by the parser
            // and the decoder), and this indexer is called once per field of every record.
            ref var bounds = ref MemoryMarshal.GetArrayDataReference(_bounds);
            var start = Unsafe.Add(ref bounds, 2 * field);
            var end = Unsafe.Add(ref bounds, (2 * field) + 1);
            return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_recordText), start), end - start);
        }
    }

    /// <summary>A field of the current record as a new string (allocates; prefer the span indexer on hot paths).</summary>
    /// <param name="field">0-based field position.</param>
    /// <returns>The field's text.</returns>
    public string GetString(int field) => this[field].ToString();

    /// <summary>The position of a header column, or -1.</summary>
    /// <param name="name">The column name (ordinal comparison).</param>
    /// <returns>0-based position or -1.</returns>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _headerIndex.TryGetValue(name, out var i) ? i : -1;
    }

    /// <summary>
    /// Moves to the next well-formed data record, setting aside (or throwing for) malformed ones on the way.
    /// </summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="TableFormatException">A malformed record under <see cref="MalformedRecordPolicy.Throw"/>, or a line longer than <see cref="CsvOptions.MaxRecordBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // NOTE: the fast path of the reader: a plain record (no quote, one line) of the header's field count whose
        // bytes are known to be ASCII needs no decoding (its text sits in the widened buffer at its byte positions).
        if (_pos < _end && _buf[_pos] is not (Lf or Cr) && TryParsePlainRecord(out var plainNext)
            && _parsedFields == _expectedFields && plainNext - _pos <= _options.MaxRecordBytes
            && (_bounds[(2 * _parsedFields) - 1] <= _firstNonAscii || _latin1))
        {
            _recordText = _text;
            _fieldCount = _parsedFields;
            RecordNumber++;
            LineNumber = _nextLine;
            _pos = plainNext;
            _nextLine++;
            _specialNext = _afterRecord;
            return true;
        }

        while (true)
        {
            if (!SkipBlankLines())
            {
                _fieldCount = 0;
                return false;
            }

            var outcome = ParseRecord(out var next, out var breaks);
            if (outcome == ParseOutcome.NeedMore)
            {
                if (_end - _pos > _options.MaxRecordBytes) IsolateOverlongRecord();
                else Refill();
                continue;
            }

            if (outcome == ParseOutcome.Ok && next - _pos > _options.MaxRecordBytes)
            {
                IsolateOverlongRecord();
                continue;
            }

            if (outcome == ParseOutcome.Ok && _parsedFields != _expectedFields)
            {
                outcome = ParseOutcome.Malformed;
                _error = new ParseError(MalformedRecordKind.WrongFieldCount, -1, _pos,
                    FormattableString.Invariant($"{_parsedFields} fields, but the header has {_expectedFields}"));
            }

            if (outcome == ParseOutcome.Malformed)
            {
                SetAsideFirstLine(breaks > 0);
                continue;
            }

            if (!Decode(out var badField, out var reason, out var shown))
            {
                Report(MalformedRecordKind.Undecodable, badField, reason, shown, 1 + breaks);
                Advance(next, breaks);
                continue;
            }

            RecordNumber++;
            LineNumber = _nextLine;
            _pos = next;
            _nextLine += 1 + breaks;
            _specialNext = _afterRecord;
            return true;
        }
    }

    /// <summary>Closes the file (unless opened with <c>leaveOpen</c>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_leaveOpen) _stream.Dispose();
    }

    /// <summary>
    /// Sets aside the first physical line of the malformed record at <c>_pos</c> (all of it when it lies on one line) and
    /// resumes after that line. <paramref name="spansLines"/>: the parse crossed a quoted line break before failing, so
    /// the record is cut to its first line (see the remarks on the type). Reads more first when the line's end is not buffered.
    /// </summary>
    private void SetAsideFirstLine(bool spansLines)
    {
        var lineEnd = FindLineEnd(_pos, out var next);
        if (lineEnd < 0)
        {
            if (_end - _pos > _options.MaxRecordBytes) throw LineTooLong();
            Refill();
            return;
        }

        if (lineEnd - _pos > _options.MaxRecordBytes) throw LineTooLong();

        var kind = _error.Kind;
        var field = _error.Field;
        var from = _error.Position;
        var reason = _error.Reason;
        if (spansLines)
        {
            var resume = FormattableString.Invariant($"this line is set aside alone and reading resumes on line {_nextLine + 1}");
            if (kind == MalformedRecordKind.WrongFieldCount)
            {
                reason = $"{reason}, counting the lines a quoted line break joins to this one; {resume}";
            }
            else
            {
                kind = MalformedRecordKind.UnbalancedQuote;
                field = _multiLineField;
                from = _multiLineQuote;
                reason = $"unbalanced quote: the quoted field opened on this line does not close on it, and the text up to its next quote is no valid record ({reason}); {resume}";
            }
        }

        Report(kind, field, reason, Display(Math.Min(Math.Max(from, _pos), lineEnd), lineEnd), 1);
        Advance(next, 0);
    }

    /// <summary>
    /// The record at <c>_pos</c> is (or would be) longer than <see cref="CsvOptions.MaxRecordBytes"/>: when a quoted line
    /// break carries it over lines, an unbalanced quote cut to its first line; a single line that long is an error.
    /// </summary>
    private void IsolateOverlongRecord()
    {
        var lineEnd = FindLineEnd(_pos, out _);
        if (lineEnd < 0 || lineEnd - _pos > _options.MaxRecordBytes) throw LineTooLong();
        _error = new ParseError(MalformedRecordKind.UnbalancedQuote, _multiLineField, _multiLineQuote,
            FormattableString.Invariant($"a quoted field would carry the record past {_options.MaxRecordBytes:N0} bytes"));
        SetAsideFirstLine(spansLines: true);
    }

    private TableFormatException LineTooLong() => new(File, _nextLine, null, null,
        FormattableString.Invariant($"the line is longer than {_options.MaxRecordBytes:N0} bytes: this is not a line-structured text file, or its delimiter or line ends are not the declared ones"));

    private void Report(MalformedRecordKind kind, int field, string reason, string value, int lineCount)
    {
        RecordNumber++;
        var column = field >= 0 ? field + 1 : (int?)null;
        var name = field >= 0 && _header is not null && field < _header.Length ? _header[field] : null;
        if (_options.OnMalformed == MalformedRecordPolicy.Throw)
            throw new TableFormatException(File, _nextLine, column, name, reason + (value.Length > 0 ? $" (text: '{value}')" : ""));
        _malformed.Add(new MalformedRecord(File, _nextLine, lineCount, RecordNumber, column, name, kind, reason, value));
    }
}
