using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Adrn.Tables;

/// <summary>Decoding a parsed record's fields into characters, strictly, and showing bad bytes in messages.</summary>
public sealed partial class CsvCursor
{
    private const int ShownCharacters = 200;

    // Windows-1252 bytes 0x80..0x9F; '\0' marks the five undefined bytes. Source: the Unicode consortium's mapping
    // table cp1252.txt (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT).
    private static readonly char[] Windows1252High =
    [
        '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
        '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
    ];

    // The text of the current record's fields: _text (the widened buffer) for an ASCII record, else _scratch.
    private char[] _recordText = [];
    private char[] _scratch = new char[1024];
    private int _fieldCount;

    /// <summary>
    /// Makes the parsed fields readable as characters and undoes doubled quotes. False (with the field, the reason and
    /// the field's text with bad bytes shown as <c>\xHH</c>) when a byte is not valid in the declared encoding.
    /// </summary>
    private bool Decode(out int badField, out string reason, out string shown)
    {
        var n = _parsedFields;
        var bounds = _bounds;
        var first = _pos;
        var last = bounds[(2 * n) - 1];
        badField = -1;
        reason = "";
        shown = "";

        // NOTE: most records are ASCII, and the buffer was widened to chars when it was read: then a field's characters
        // sit at its byte positions and nothing is decoded here. Only a record with other bytes is decoded, field by
        // field, with a validating decoder, into a scratch array.
        if (_options.Encoding == CsvEncoding.Latin1 || last <= _firstNonAscii || Ascii.IsValid(_buf.AsSpan(first, last - first)))
        {
            _recordText = _text;
        }
        else
        {
            if (_scratch.Length < last - first) _scratch = new char[Math.Max(last - first, _scratch.Length * 2)];
            var at = 0;
            for (var i = 0; i < n; i++)
            {
                var from = bounds[2 * i];
                var to = bounds[(2 * i) + 1];
                var written = _options.Encoding == CsvEncoding.Windows1252
                    ? DecodeWindows1252(from, to, at, out var bad)
                    : DecodeUtf8(from, to, at, out bad);
                if (written < 0)
                {
                    badField = i;
                    reason = bad;
                    shown = Display(from, to);
                    return false;
                }

                bounds[2 * i] = at;
                bounds[(2 * i) + 1] = at + written;
                at += written;
            }

            _recordText = _scratch;
        }

        for (var e = 0; e < _escapedCount; e++) Unescape(_escaped[e]);
        _fieldCount = n;
        return true;
    }

    /// <summary>Decodes UTF-8 bytes [from, to) into <c>_scratch</c> at <paramref name="at"/>; chars written, or -1 with the reason.</summary>
    private int DecodeUtf8(int from, int to, int at, out string reason)
    {
        var source = _buf.AsSpan(from, to - from);
        var status = Utf8.ToUtf16(source, _scratch.AsSpan(at), out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
        if (status == OperationStatus.Done)
        {
            reason = "";
            return written;
        }

        reason = FormattableString.Invariant(
            $"bytes that are not valid UTF-8 (0x{source[read]:X2} at byte {read + 1} of the field); if the file is Latin-1 or Windows-1252, declare that encoding for it");
        return -1;
    }

    /// <summary>Decodes Windows-1252 bytes [from, to) into <c>_scratch</c> at <paramref name="at"/>; chars written, or -1 with the reason.</summary>
    private int DecodeWindows1252(int from, int to, int at, out string reason)
    {
        for (var j = from; j < to; j++)
        {
            var b = _buf[j];
            var c = b is >= 0x80 and <= 0x9F ? Windows1252High[b - 0x80] : (char)b;
            if (c == '\0' && b != 0)
            {
                reason = FormattableString.Invariant($"byte 0x{b:X2} (byte {j - from + 1} of the field) is not defined in Windows-1252; is the file in another encoding?");
                return -1;
            }

            _scratch[at + j - from] = c;
        }

        reason = "";
        return to - from;
    }

    /// <summary>Turns each doubled quote of a quoted field into one, in place (the parser guarantees they are doubled).</summary>
    private void Unescape(int field)
    {
        var start = _bounds[2 * field];
        var span = _recordText.AsSpan(start, _bounds[(2 * field) + 1] - start);
        var w = 0;
        for (var r = 0; r < span.Length; r++)
        {
            var c = span[r];
            span[w++] = c;
            if (c == '"') r++;
        }

        _bounds[(2 * field) + 1] = start + w;
    }

    /// <summary>The bytes [from, to) as text for a message: decoded where valid, other bytes as <c>\xHH</c>, at most 200 characters.</summary>
    private string Display(int from, int to)
    {
        var bytes = _buf.AsSpan(from, Math.Max(0, to - from));
        var sb = new StringBuilder(Math.Min(bytes.Length, ShownCharacters) + 8);
        while (!bytes.IsEmpty && sb.Length < ShownCharacters)
        {
            var consumed = 1;
            var b = bytes[0];
            if (b < 0x80)
            {
                sb.Append((char)b);
            }
            else if (_options.Encoding == CsvEncoding.Latin1)
            {
                sb.Append((char)b);
            }
            else if (_options.Encoding == CsvEncoding.Windows1252)
            {
                var c = b <= 0x9F ? Windows1252High[b - 0x80] : (char)b;
                if (c == '\0') sb.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
                else sb.Append(c);
            }
            else if (Rune.DecodeFromUtf8(bytes, out var rune, out var length) == OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                consumed = length;
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }

            bytes = bytes[consumed..];
        }

        if (!bytes.IsEmpty) sb.Append('…');
        return sb.ToString();
    }
}
