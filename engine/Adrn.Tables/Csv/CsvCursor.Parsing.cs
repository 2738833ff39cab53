using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Adrn.Tables;

/// <summary>Buffering, the scan for special bytes and the structural parse of one record.</summary>
public sealed partial class CsvCursor
{
    private const int InitialBufferBytes = 1 << 17;
    private const byte Quote = (byte)'"';
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    // Kinds of special bytes, in the low two bits of a scan entry (the position is entry >> 2).
    private const int KindDelimiter = 0;
    private const int KindQuote = 1;
    private const int KindLf = 2;
    private const int KindCr = 3;

    private readonly byte _delimiter;
    private readonly bool _trim;
    private readonly bool _latin1;

    // Bytes of the file from _pos (the next record) to _end; _eof once the stream has no more. _text holds the same
    // bytes widened to chars (Latin-1), which is the decoded text wherever the bytes are ASCII; _firstNonAscii is the
    // position of the first byte >= 0x80 in the buffer (int.MaxValue when none).
    private byte[] _buf;
    private char[] _text;
    private int _pos;
    private int _end;
    private bool _eof;
    private int _firstNonAscii = int.MaxValue;

    // Scan entries (position << 2 | kind) of every delimiter, quote, CR and LF byte from _pos on, ascending;
    // _specialNext is the first at or after _pos.
    private int[] _specials;
    private int _specialCount;
    private int _specialNext;

    // Physical line number at _pos.
    private long _nextLine = 1;
    private int _expectedFields = -1;

    // The record just parsed: _bounds[2i], _bounds[2i+1] = start and end of field i's text (inside the quotes) in _buf;
    // _escaped lists the fields holding doubled quotes; _afterRecord = the scan index after the record's line end.
    private int[] _bounds = new int[64];
    private int[] _escaped = new int[8];
    private int _escapedCount;
    private int _parsedFields;
    private int _afterRecord;

    // Set by a Malformed outcome; _multiLineField/_multiLineQuote: the field (and its opening quote) whose quoted line break made the record span lines.
    private ParseError _error;
    private int _multiLineField;
    private int _multiLineQuote;

    private enum ParseOutcome
    {
        Ok,
        NeedMore,
        Malformed,
    }

    private void SkipByteOrderMark()
    {
        while (_end < 4 && !_eof) Refill();
        var head = _buf.AsSpan(0, _end);
        if (head.StartsWith("\uFEFF"u8))
        {
            if (_options.Encoding != CsvEncoding.Utf8)
                throw new TableFormatException(File, 1, null, null,
                    $"the file starts with a UTF-8 byte-order mark, but its encoding is declared as {CsvEncodings.Name(_options.Encoding)}; declare utf-8 (or remove the mark)");
            _pos = 3;
            AdvanceSpecials();
        }
        else if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            throw new TableFormatException(File, 1, null, null,
                "the file starts with a UTF-16 or UTF-32 byte-order mark; save it as UTF-8 (or Windows-1252/Latin-1 and declare that encoding)");
        }
    }

    private string[] ReadHeader()
    {
        while (true)
        {
            if (!SkipBlankLines())
                throw new TableFormatException(File, null, null, null, "the file is empty; a header row is required");
            var outcome = ParseRecord(out var next, out var breaks);
            if (outcome == ParseOutcome.NeedMore)
            {
                if (_end - _pos >= _options.MaxRecordBytes)
                    throw new TableFormatException(File, _nextLine, null, null,
                        FormattableString.Invariant($"the header is longer than {_options.MaxRecordBytes:N0} bytes: an unbalanced quote, or not a delimited text file"));
                Refill();
                continue;
            }

            HeaderLine = _nextLine;
            if (outcome == ParseOutcome.Malformed)
            {
                var column = _error.Field >= 0 ? _error.Field + 1 : (int?)null;
                throw new TableFormatException(File, _nextLine, column, null, "the header is malformed: " + _error.Reason);
            }

            if (!Decode(out var badField, out var reason, out var shown))
                throw new TableFormatException(File, _nextLine, badField + 1, null, $"the header does not decode: {reason} (text: '{shown}')");
            var names = new string[_fieldCount];
            for (var i = 0; i < names.Length; i++) names[i] = this[i].ToString();
            Advance(next, breaks);
            return names;
        }
    }

    /// <summary>Skips empty lines at <c>_pos</c>; false at the end of the file.</summary>
    private bool SkipBlankLines()
    {
        while (true)
        {
            if (_pos >= _end)
            {
                if (_eof) return false;
                Refill();
                continue;
            }

            var b = _buf[_pos];
            if (b == Lf)
            {
                _pos++;
            }
            else if (b == Cr)
            {
                if (_pos + 1 >= _end && !_eof)
                {
                    Refill();
                    continue;
                }

                _pos += _pos + 1 < _end && _buf[_pos + 1] == Lf ? 2 : 1;
            }
            else
            {
                return true;
            }

            _nextLine++;
            AdvanceSpecials();
        }
    }

    /// <summary>Moves past a record (or a set-aside line) that ends at <paramref name="next"/> and spans <paramref name="breaks"/> + 1 lines.</summary>
    private void Advance(int next, int breaks)
    {
        _pos = next;
        _nextLine += 1 + breaks;
        AdvanceSpecials();
    }

    private void AdvanceSpecials()
    {
        var bound = _pos << 2;
        while (_specialNext < _specialCount && _specials[_specialNext] < bound) _specialNext++;
    }

    /// <summary>
    /// The end of the physical line starting at <paramref name="from"/> (position of its CR or LF, or the end of the file),
    /// and the position after its terminator; -1 when the buffer holds no line end yet and more may come.
    /// </summary>
    private int FindLineEnd(int from, out int next)
    {
        for (var k = _specialNext; k < _specialCount; k++)
        {
            var p = _specials[k] >> 2;
            var kind = _specials[k] & 3;
            if (p < from) continue;
            if (kind == KindLf)
            {
                next = p + 1;
                return p;
            }

            if (kind == KindCr)
            {
                if (p + 1 < _end)
                {
                    next = _buf[p + 1] == Lf ? p + 2 : p + 1;
                    return p;
                }

                if (_eof)
                {
                    next = p + 1;
                    return p;
                }

                break;
            }
        }

        if (_eof)
        {
            next = _end;
            return _end;
        }

        next = -1;
        return -1;
    }

    /// <summary>Reads more of the stream behind what is buffered (moving the unread part to the front, growing the buffer if one record fills it).</summary>
    private void Refill()
    {
        if (_eof) return;
        if (_pos > 0)
        {
            var keep = _end - _pos;
            _buf.AsSpan(_pos, keep).CopyTo(_buf);
            _text.AsSpan(_pos, keep).CopyTo(_text);
            var remaining = _specialCount - _specialNext;
            var shift = _pos << 2;
            for (var i = 0; i < remaining; i++) _specials[i] = _specials[_specialNext + i] - shift;
            _specialCount = remaining;
            _specialNext = 0;
            _firstNonAscii = _firstNonAscii == int.MaxValue ? int.MaxValue : Math.Max(0, _firstNonAscii - _pos);
            _end = keep;
            _pos = 0;
        }

        if (_end == _buf.Length)
        {
            Array.Resize(ref _buf, _buf.Length * 2);
            Array.Resize(ref _text, _buf.Length);
            Array.Resize(ref _specials, _buf.Length);
        }

        var n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n <= 0)
        {
            _eof = true;
            return;
        }

        var added = _buf.AsSpan(_end, n);
        _specialCount = ScanSpecials(added, _end, _delimiter, _specials, _specialCount, _text.AsSpan(_end, n));
        if (_firstNonAscii == int.MaxValue)
        {
            var i = added.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (i >= 0) _firstNonAscii = _end + i;
        }

        _end += n;
    }

    /// <summary>
    /// Appends to <paramref name="entries"/> (from <paramref name="count"/>) an entry <c>position &lt;&lt; 2 | kind</c>
    /// (position + <paramref name="offset"/>) for every delimiter, quote, CR and LF byte of <paramref name="data"/>, and
    /// writes the bytes widened to chars (Latin-1) into <paramref name="text"/>; returns the new count.
    /// </summary>
    // NOTE: this is the one pass over every byte of the file. Comparing 64 (or 32) bytes per step and walking the set
    // bits of the match masks costs about one instruction per byte plus a few per special byte; the kind comes from the
    // masks too, so the parser never reads the bytes again. Fully optimised from its first call: a file is read once,
    // and this loop would otherwise run unoptimised until tiering caught up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ScanSpecials(ReadOnlySpan<byte> data, int offset, byte delimiter, int[] entries, int count, Span<char> text)
    {
        if (text.Length < data.Length) throw new ArgumentException("the text buffer is shorter than the data", nameof(text));
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(data);
        ref var output = ref MemoryMarshal.GetArrayDataReference(entries);
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        // NOTE: the same loop at two widths: 64 bytes a step where AVX-512 runs (about 20% faster on this machine's
        // 128 MB test file), 32 elsewhere. .NET has no public interface over the vector widths to write it once.
        if (Vector512.IsHardwareAccelerated && data.Length >= Vector512<byte>.Count)
        {
            var d = Vector512.Create(delimiter);
            var q = Vector512.Create(Quote);
            var cr = Vector512.Create(Cr);
            var lf = Vector512.Create(Lf);
            for (; i <= data.Length - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i);
                var (lower, upper) = Vector512.Widen(v);
                lower.StoreUnsafe(ref chars, (nuint)i);
                upper.StoreUnsafe(ref chars, (nuint)(i + Vector512<ushort>.Count));
                var mq = Vector512.Equals(v, q).ExtractMostSignificantBits();
                var mcr = Vector512.Equals(v, cr).ExtractMostSignificantBits();
                var mlf = Vector512.Equals(v, lf).ExtractMostSignificantBits();
                var bits = Vector512.Equals(v, d).ExtractMostSignificantBits() | mq | mcr | mlf;
                var kind0 = mq | mcr;
                var kind1 = mlf | mcr;
                var at = (offset + i) << 2;
                while (bits != 0)
                {
                    var t = BitOperations.TrailingZeroCount(bits);
                    Unsafe.Add(ref output, count++) = at + (t << 2) + (int)((kind0 >> t) & 1) + (int)(((kind1 >> t) & 1) << 1);
                    bits &= bits - 1;
                }
            }
        }

        if (Vector256.IsHardwareAccelerated && data.Length - i >= Vector256<byte>.Count)
        {
            var d = Vector256.Create(delimiter);
            var q = Vector256.Create(Quote);
            var cr = Vector256.Create(Cr);
            var lf = Vector256.Create(Lf);
            for (; i <= data.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var (lower, upper) = Vector256.Widen(v);
                lower.StoreUnsafe(ref chars, (nuint)i);
                upper.StoreUnsafe(ref chars, (nuint)(i + Vector256<ushort>.Count));
                var mq = Vector256.Equals(v, q).ExtractMostSignificantBits();
                var mcr = Vector256.Equals(v, cr).ExtractMostSignificantBits();
                var mlf = Vector256.Equals(v, lf).ExtractMostSignificantBits();
                var bits = Vector256.Equals(v, d).ExtractMostSignificantBits() | mq | mcr | mlf;
                var kind0 = mq | mcr;
                var kind1 = mlf | mcr;
                var at = (offset + i) << 2;
                while (bits != 0)
                {
                    var t = BitOperations.TrailingZeroCount(bits);
                    Unsafe.Add(ref output, count++) = at + (t << 2) + (int)((kind0 >> t) & 1) + (int)(((kind1 >> t) & 1) << 1);
                    bits &= bits - 1;
                }
            }
        }

        for (; i < data.Length; i++)
        {
            var b = Unsafe.Add(ref start, i);
            Unsafe.Add(ref chars, i) = b;
            var kind = b == delimiter ? KindDelimiter : b == Quote ? KindQuote : b == Lf ? KindLf : b == Cr ? KindCr : -1;
            if (kind >= 0) entries[count++] = ((offset + i) << 2) | kind;
        }

        return count;
    }

    /// <summary>
    /// Cuts the record at <c>_pos</c> into fields by walking the scan entries. <paramref name="next"/>: the position after
    /// the record's line end; <paramref name="breaks"/>: line breaks inside its quoted fields. NeedMore when the buffer
    /// ends first and the file does not; Malformed sets <c>_error</c>.
    /// </summary>
    private ParseOutcome ParseRecord(out int next, out int breaks)
    {
        breaks = 0;
        return TryParsePlainRecord(out next) ? ParseOutcome.Ok : ParseGeneralRecord(out next, out breaks);
    }

    /// <summary>
    /// The common record — no quote, one line, its end in the buffer — cut in one pass; false (nothing changed that
    /// matters) for anything else, which <see cref="ParseGeneralRecord"/> then parses from the start.
    /// </summary>
    // NOTE: the hot loop of the reader: per field one scan entry read and two stores, no bounds checks (k stays below
    // _specialCount, f below half of _bounds' length, both checked in the loop condition).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParsePlainRecord(out int next)
    {
        next = 0;
        var k = _specialNext;
        var count = _specialCount;
        var s = _pos;
        var maxFields = _bounds.Length >> 1;
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_specials);
        ref var bounds = ref MemoryMarshal.GetArrayDataReference(_bounds);
        var f = 0;
        while (k < count && f < maxFields)
        {
            var entry = Unsafe.Add(ref entries, k++);
            var p = entry >> 2;
            var kind = entry & 3;
            if (kind == KindQuote) return false;
            Unsafe.Add(ref bounds, 2 * f) = s;
            Unsafe.Add(ref bounds, (2 * f) + 1) = p;
            f++;
            if (kind == KindDelimiter)
            {
                s = p + 1;
                continue;
            }

            if (kind == KindCr)
            {
                if (p + 1 >= _end) return false;
                if (_buf[p + 1] == Lf)
                {
                    k++;
                    p++;
                }
            }

            next = p + 1;
            _afterRecord = k;
            _parsedFields = f;
            _escapedCount = 0;
            _multiLineField = -1;
            if (_trim)
            {
                for (var i = 0; i < f; i++)
                {
                    var start = SkipBlanks(_bounds[2 * i]);
                    _bounds[2 * i] = start;
                    _bounds[(2 * i) + 1] = TrimEnd(start, _bounds[(2 * i) + 1]);
                }
            }

            return true;
        }

        return false;
    }

    /// <summary>Cuts any record, quoted fields, line breaks in quotes, trimming and the end of the file included.</summary>
    private ParseOutcome ParseGeneralRecord(out int next, out int breaks)
    {
        var specials = _specials;
        var count = _specialCount;
        var trim = _options.Trim;
        var k = _specialNext;
        var s = _pos;
        var fields = 0;
        var bounds = _bounds;
        next = 0;
        breaks = 0;
        _multiLineField = -1;
        _escapedCount = 0;
        _parsedFields = 0;
        while (true)
        {
            if (2 * fields + 2 > bounds.Length)
            {
                Array.Resize(ref _bounds, bounds.Length * 2);
                bounds = _bounds;
            }

            if (trim) s = SkipBlanks(s);
            if (k >= count)
            {
                if (!_eof) return ParseOutcome.NeedMore;
                bounds[2 * fields] = s;
                bounds[(2 * fields) + 1] = trim ? TrimEnd(s, _end) : _end;
                _parsedFields = fields + 1;
                _afterRecord = k;
                next = _end;
                return ParseOutcome.Ok;
            }

            var entry = specials[k];
            var p = entry >> 2;
            var kind = entry & 3;
            if (kind == KindQuote)
            {
                if (p != s)
                {
                    bounds[2 * fields] = s;
                    bounds[(2 * fields) + 1] = p;
                    _parsedFields = fields;
                    _error = new ParseError(MalformedRecordKind.QuoteInUnquotedField, fields, s,
                        "a double quote inside an unquoted field (RFC 4180: a field holding a quote must be quoted, with the quote doubled)");
                    return ParseOutcome.Malformed;
                }

                var outcome = ParseQuoted(ref k, fields, ref breaks, out var close);
                if (outcome != ParseOutcome.Ok) return outcome;
                bounds[2 * fields] = s + 1;
                bounds[(2 * fields) + 1] = close;
                fields++;
                s = close + 1;
                if (trim) s = SkipBlanks(s);
                if (s >= _end)
                {
                    if (!_eof) return ParseOutcome.NeedMore;
                    _parsedFields = fields;
                    _afterRecord = k;
                    next = _end;
                    return ParseOutcome.Ok;
                }

                // After the closing quote: the delimiter or a line end, i.e. the next entry, at s.
                if (k < count && specials[k] >> 2 == s)
                {
                    entry = specials[k];
                    if ((entry & 3) == KindDelimiter)
                    {
                        s++;
                        k++;
                        continue;
                    }

                    if ((entry & 3) != KindQuote)
                    {
                        _parsedFields = fields;
                        return EndOfLine(s, entry & 3, k, out next);
                    }
                }

                _parsedFields = fields;
                _error = new ParseError(MalformedRecordKind.TextAfterClosingQuote, fields - 1, bounds[2 * (fields - 1)] - 1,
                    "text after the closing quote of a quoted field (expected the delimiter or the end of the line)");
                return ParseOutcome.Malformed;
            }

            bounds[2 * fields] = s;
            bounds[(2 * fields) + 1] = trim ? TrimEnd(s, p) : p;
            fields++;
            if (kind == KindDelimiter)
            {
                s = p + 1;
                k++;
                continue;
            }

            _parsedFields = fields;
            return EndOfLine(p, kind, k, out next);
        }
    }

    /// <summary>
    /// Finds the closing quote of the quoted field whose opening quote is entry <paramref name="k"/>; on Ok, <paramref name="k"/>
    /// is the entry after the closing quote. Counts line breaks inside the quotes.
    /// </summary>
    private ParseOutcome ParseQuoted(ref int k, int field, ref int breaks, out int close)
    {
        var specials = _specials;
        var count = _specialCount;
        var quote = specials[k] >> 2;
        k++;
        close = -1;
        while (true)
        {
            if (k >= count)
            {
                if (!_eof) return ParseOutcome.NeedMore;
                _parsedFields = field;
                _error = new ParseError(MalformedRecordKind.UnbalancedQuote, field, quote, "a quoted field is not closed before the end of the file");
                return ParseOutcome.Malformed;
            }

            var entry = specials[k];
            var p = entry >> 2;
            var kind = entry & 3;
            if (kind == KindQuote)
            {
                if (p + 1 >= _end && !_eof) return ParseOutcome.NeedMore;
                if (k + 1 < count && specials[k + 1] >> 2 == p + 1 && (specials[k + 1] & 3) == KindQuote)
                {
                    if (_escapedCount == _escaped.Length) Array.Resize(ref _escaped, _escaped.Length * 2);
                    if (_escapedCount == 0 || _escaped[_escapedCount - 1] != field) _escaped[_escapedCount++] = field;
                    k += 2;
                    continue;
                }

                close = p;
                k++;
                return ParseOutcome.Ok;
            }

            // A line break inside quotes: LF, or a CR not followed by LF (a CRLF counts at its LF).
            var lineBreak = kind == KindLf;
            if (kind == KindCr)
            {
                if (p + 1 >= _end)
                {
                    if (!_eof) return ParseOutcome.NeedMore;
                    lineBreak = true;
                }
                else
                {
                    lineBreak = _buf[p + 1] != Lf;
                }
            }

            if (lineBreak && breaks++ == 0)
            {
                _multiLineField = field;
                _multiLineQuote = quote;
            }

            k++;
        }
    }

    /// <summary>The record ends at the CR or LF (scan entry <paramref name="k"/>) at <paramref name="p"/>; <paramref name="next"/> is after the terminator.</summary>
    private ParseOutcome EndOfLine(int p, int kind, int k, out int next)
    {
        if (kind == KindCr)
        {
            if (p + 1 < _end)
            {
                if (_buf[p + 1] == Lf)
                {
                    next = p + 2;
                    _afterRecord = k + 2;
                }
                else
                {
                    next = p + 1;
                    _afterRecord = k + 1;
                }

                return ParseOutcome.Ok;
            }

            if (!_eof)
            {
                next = 0;
                return ParseOutcome.NeedMore;
            }
        }

        next = p + 1;
        _afterRecord = k + 1;
        return ParseOutcome.Ok;
    }

    // Blanks are spaces and tabs, except a tab that is the delimiter.
    private bool IsBlank(byte b) => b == (byte)' ' || (b == (byte)'\t' && _delimiter != (byte)'\t');

    private int SkipBlanks(int s)
    {
        while (s < _end && IsBlank(_buf[s])) s++;
        return s;
    }

    private int TrimEnd(int start, int end)
    {
        while (end > start && IsBlank(_buf[end - 1])) end--;
        return end;
    }

    /// <summary>What made a record malformed: the kind, the 0-based field (-1 for the record), where the offending text starts, and why.</summary>
    private readonly record struct ParseError(MalformedRecordKind Kind, int Field, int Position, string Reason);
}
