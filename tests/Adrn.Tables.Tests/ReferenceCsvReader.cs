using System.Text;

namespace Adrn.Tables.Tests;

/// <summary>
/// The documented CSV rule (docs/config.md, "CSV input") written a second, deliberately plain way for the property test:
/// the whole file as a list of physical lines, a character state machine per record, .NET's strict
/// <see cref="UTF8Encoding"/> for decoding. It shares no code with <see cref="CsvCursor"/> (no scan entries, no buffers).
/// </summary>
internal static class ReferenceCsvReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The outcome of reading a file by the rule.</summary>
    /// <param name="HeaderOk">False when the header is missing, malformed, undecodable or repeats a name (the reader must refuse the file).</param>
    /// <param name="Records">Well-formed records: start line and fields.</param>
    /// <param name="SetAsideLines">Start line of every malformed record, in order.</param>
    public sealed record Result(bool HeaderOk, List<(int Line, string[] Fields)> Records, List<int> SetAsideLines);

    public static Result Read(byte[] bytes, char delimiter)
    {
        // Bytes as Latin-1 chars: one char per byte, so the structure is found on bytes, as the rule says.
        var text = Encoding.Latin1.GetString(bytes);
        if (text.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal)) text = text[3..];
        var lines = SplitLines(text);
        var records = new List<(int, string[])>();
        var setAside = new List<int>();
        var i = 0;
        string[]? header = null;
        while (i < lines.Count)
        {
            if (lines[i].Text.Length == 0)
            {
                i++;
                continue;
            }

            var (fields, last, ok) = TryRecord(lines, i, delimiter);
            string[]? decoded = null;
            var wellFormed = ok && (header is null || fields.Count == header.Length);
            if (wellFormed) decoded = Decode(fields);
            if (header is null)
            {
                if (!wellFormed || decoded is null || decoded.Distinct(StringComparer.Ordinal).Count() != decoded.Length)
                    return new Result(false, records, setAside);
                header = decoded;
                i = last + 1;
                continue;
            }

            if (!wellFormed)
            {
                setAside.Add(i + 1); // cut to its first line
                i++;
                continue;
            }

            if (decoded is null) setAside.Add(i + 1); // well-formed but undecodable: set aside whole
            else records.Add((i + 1, decoded));
            i = last + 1;
        }

        return new Result(header is not null, records, setAside);
    }

    /// <summary>Physical lines with their terminators (LF, CRLF or a lone CR); line n is element n - 1.</summary>
    private static List<(string Text, string End)> SplitLines(string text)
    {
        var lines = new List<(string, string)>();
        var start = 0;
        for (var p = 0; p < text.Length; p++)
        {
            if (text[p] == '\n')
            {
                lines.Add((text[start..p], "\n"));
                start = p + 1;
            }
            else if (text[p] == '\r')
            {
                var crlf = p + 1 < text.Length && text[p + 1] == '\n';
                lines.Add((text[start..p], crlf ? "\r\n" : "\r"));
                if (crlf) p++;
                start = p + 1;
            }
        }

        if (start < text.Length) lines.Add((text[start..], ""));
        return lines;
    }

    /// <summary>Reads one record from line <paramref name="first"/> on: its raw fields, its last line, and whether it follows the grammar.</summary>
    private static (List<string> Fields, int Last, bool Ok) TryRecord(List<(string Text, string End)> lines, int first, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var state = 'S'; // S: field start, U: unquoted, Q: inside quotes, A: after the closing quote
        var j = first;
        while (true)
        {
            var line = lines[j].Text;
            for (var c = 0; c < line.Length; c++)
            {
                var ch = line[c];
                switch (state)
                {
                    case 'S' or 'U' when ch == delimiter:
                        fields.Add(field.ToString());
                        field.Clear();
                        state = 'S';
                        break;
                    case 'S' when ch == '"':
                        state = 'Q';
                        break;
                    case 'U' when ch == '"':
                        return (fields, j, false);
                    case 'S' or 'U':
                        field.Append(ch);
                        state = 'U';
                        break;
                    case 'Q' when ch == '"' && c + 1 < line.Length && line[c + 1] == '"':
                        field.Append('"');
                        c++;
                        break;
                    case 'Q' when ch == '"':
                        state = 'A';
                        break;
                    case 'Q':
                        field.Append(ch);
                        break;
                    case 'A' when ch == delimiter:
                        fields.Add(field.ToString());
                        field.Clear();
                        state = 'S';
                        break;
                    default: // 'A', anything but the delimiter
                        return (fields, j, false);
                }
            }

            if (state != 'Q')
            {
                fields.Add(field.ToString());
                return (fields, j, true);
            }

            if (j + 1 >= lines.Count || lines[j].End.Length == 0) return (fields, j, false); // the file ends inside quotes
            field.Append(lines[j].End);
            j++;
        }
    }

    /// <summary>The fields' bytes (held as Latin-1 chars) decoded as strict UTF-8; null when any does not decode.</summary>
    private static string[]? Decode(List<string> fields)
    {
        try
        {
            return fields.Select(f => StrictUtf8.GetString(Encoding.Latin1.GetBytes(f))).ToArray();
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
