using System.Globalization;
using System.Text;
using Adrn.Tables;

namespace Adrn.Learning.Labels;

/// <summary>
/// Reads and writes labels files: CSV with a header holding at least <c>id_l</c>, <c>id_r</c> and <c>label</c> (other
/// columns, such as those of a clerical-review sheet, are allowed and not used). Labels are <c>1</c>/<c>0</c>,
/// <c>true</c>/<c>false</c>, <c>match</c>/<c>non_match</c>, <c>yes</c>/<c>no</c> (any case).
/// </summary>
public static class PairLabelFile
{
    /// <summary>Reads a labels file and resolves its ids; nothing is skipped silently.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="lookup">Record lookup of the job.</param>
    /// <returns>The labels in file order.</returns>
    /// <exception cref="PairLabelFileException">
    /// Listing every row with an unknown id, an empty or unreadable label, a pair given twice (duplicate) or a pair given
    /// contradictory labels — each with file, line and ids.
    /// </exception>
    public static IReadOnlyList<PairLabel> Load(string path, RecordLookup lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(lookup);
        if (!File.Exists(path)) throw new FileNotFoundException($"labels file '{path}' does not exist", path);
        return ReadWithLines(File.OpenRead(path), path, lookup).Select(x => x.Label).ToList();
    }

    /// <summary>Like <see cref="Load"/>, with the line each label came from.</summary>
    internal static IReadOnlyList<(PairLabel Label, int Line)> LoadWithLines(string path, RecordLookup lookup)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"labels file '{path}' does not exist", path);
        return ReadWithLines(File.OpenRead(path), path, lookup);
    }

    /// <summary>Reads labels from CSV text (see <see cref="Load"/>).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="fileName">Name used in messages.</param>
    /// <param name="lookup">Record lookup of the job.</param>
    /// <returns>The labels in file order.</returns>
    /// <exception cref="PairLabelFileException">Every problem found (see <see cref="Load"/>).</exception>
    public static IReadOnlyList<PairLabel> Read(TextReader reader, string fileName, RecordLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(lookup);
        return ReadWithLines(new MemoryStream(Encoding.UTF8.GetBytes(reader.ReadToEnd())), fileName, lookup).Select(x => x.Label).ToList();
    }

    /// <summary>
    /// Reads labels with the table-IO layer's CSV cursor (fields trimmed); records that are not well-formed CSV (an
    /// unbalanced quote, a wrong field count, undecodable bytes) are problems like any other, with their line.
    /// </summary>
    private static List<(PairLabel Label, int Line)> ReadWithLines(Stream stream, string fileName, RecordLookup lookup)
    {
        var problems = new List<PairLabelProblem>();
        var labels = new List<(PairLabel Label, int Line)>();
        var seen = new Dictionary<(int, int), (int Line, bool IsMatch, int Index)>();
        CsvCursor csv;
        try
        {
            csv = CsvCursor.Open(stream, fileName, new CsvOptions { Trim = true, OnMalformed = MalformedRecordPolicy.Collect });
        }
        catch (TableFormatException ex)
        {
            throw new PairLabelFileException($"{ex.Message}; a labels file needs the header id_l,id_r,label", ex);
        }

        using var _ = csv;
        int l = csv.IndexOf("id_l"), r = csv.IndexOf("id_r"), lab = csv.IndexOf("label");
        var missing = new[] { ("id_l", l), ("id_r", r), ("label", lab) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
            throw new PairLabelFileException($"{fileName}, line {csv.HeaderLine}: the header lacks column(s) {string.Join(", ", missing)}; a labels file needs id_l,id_r,label (found: {string.Join(",", csv.Header)})");
        while (csv.MoveNext())
        {
            var line = checked((int)csv.LineNumber);
            var idl = csv.GetString(l);
            var idr = csv.GetString(r);
            var text = csv.GetString(lab);
            var rowOk = true;
            var left = idl.Length == 0 ? -1 : lookup.FindLeft(idl);
            var right = idr.Length == 0 ? -1 : lookup.FindRight(idr);
            if (left < 0)
            {
                problems.Add(new PairLabelProblem(fileName, line, idl, idr, idl.Length == 0 ? "id_l is empty" : $"unknown id_l: no record '{idl}' in source {lookup.LeftSourceName}"));
                rowOk = false;
            }

            if (right < 0)
            {
                problems.Add(new PairLabelProblem(fileName, line, idl, idr, idr.Length == 0 ? "id_r is empty" : $"unknown id_r: no record '{idr}' in source {lookup.RightSourceName}"));
                rowOk = false;
            }

            if (left >= 0 && left == right)
            {
                problems.Add(new PairLabelProblem(fileName, line, idl, idr, "id_l and id_r are the same record"));
                rowOk = false;
            }

            if (!TryParseLabel(text, out var isMatch))
            {
                problems.Add(new PairLabelProblem(fileName, line, idl, idr,
                    text.Length == 0 ? "label is empty (decide 1 or 0, or remove the row)" : $"label '{text}' is not one of 1/0, true/false, match/non_match, yes/no"));
                rowOk = false;
            }

            if (!rowOk) continue;
            var key = lookup.Normalise(left, right);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(new PairLabelProblem(fileName, line, idl, idr, first.IsMatch == isMatch
                    ? $"duplicate pair: already labelled on line {first.Line}"
                    : $"contradictory labels: line {first.Line} says {(first.IsMatch ? "match" : "non-match")}, this row says {(isMatch ? "match" : "non-match")}"));
                continue;
            }

            seen[key] = (line, isMatch, labels.Count);
            labels.Add((new PairLabel(key.Left, key.Right, isMatch), line));
        }

        foreach (var m in csv.MalformedRecords)
            problems.Add(new PairLabelProblem(fileName, checked((int)m.Line), "", "", $"not a well-formed CSV record: {m.Reason}"));
        if (problems.Count > 0) throw new PairLabelFileException([.. problems.OrderBy(p => p.Line)]);
        return labels;
    }

    /// <summary>Writes labels as <c>id_l,id_r,label</c> (1/0).</summary>
    /// <param name="path">Destination (overwritten).</param>
    /// <param name="labels">Labels.</param>
    /// <param name="lookup">Record lookup (for ids).</param>
    public static void Write(string path, IEnumerable<PairLabel> labels, RecordLookup lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(lookup);
        var ids = lookup.Prepared.Records.Ids;
        using var csv = CsvWriter.Create(path);
        csv.WriteRecord("id_l", "id_r", "label");
        foreach (var x in labels)
        {
            csv.WriteField(ids[x.Left]);
            csv.WriteField(ids[x.Right]);
            csv.WriteField(x.IsMatch ? 1 : 0);
            csv.EndRecord();
        }
    }

    private static bool TryParseLabel(string text, out bool isMatch)
    {
        switch (text.ToUpperInvariant())
        {
            case "1" or "TRUE" or "MATCH" or "YES" or "Y" or "M":
                isMatch = true;
                return true;
            case "0" or "FALSE" or "NON_MATCH" or "NON-MATCH" or "NONMATCH" or "NO" or "N":
                isMatch = false;
                return true;
            default:
                isMatch = false;
                return false;
        }
    }
}
