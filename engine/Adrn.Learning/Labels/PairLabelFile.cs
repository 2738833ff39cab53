using System.Globalization;
using System.Text;

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
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path, lookup);
    }

    /// <summary>Like <see cref="Load"/>, with the line each label came from.</summary>
    internal static IReadOnlyList<(PairLabel Label, int Line)> LoadWithLines(string path, RecordLookup lookup)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"labels file '{path}' does not exist", path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return ReadWithLines(reader, path, lookup);
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
        return ReadWithLines(reader, fileName, lookup).Select(x => x.Label).ToList();
    }

    private static List<(PairLabel Label, int Line)> ReadWithLines(TextReader reader, string fileName, RecordLookup lookup)
    {
        var problems = new List<PairLabelProblem>();
        var labels = new List<(PairLabel Label, int Line)>();
        var seen = new Dictionary<(int, int), (int Line, bool IsMatch, int Index)>();
        int l = -1, r = -1, lab = -1;
        var header = true;
        foreach (var (line, fields) in CsvRecordReader.Read(reader))
        {
            if (header)
            {
                header = false;
                for (var i = 0; i < fields.Length; i++)
                {
                    var name = fields[i].Trim().TrimStart('\uFEFF');
                    if (name == "id_l") l = i;
                    else if (name == "id_r") r = i;
                    else if (name == "label") lab = i;
                }

                var missing = new[] { ("id_l", l), ("id_r", r), ("label", lab) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
                if (missing.Count > 0)
                    throw new PairLabelFileException($"{fileName}, line {line}: the header lacks column(s) {string.Join(", ", missing)}; a labels file needs id_l,id_r,label (found: {string.Join(",", fields)})");
                continue;
            }

            string Field(int i) => i < fields.Length ? fields[i].Trim() : string.Empty;
            var idl = Field(l);
            var idr = Field(r);
            var text = Field(lab);
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

        if (header) throw new PairLabelFileException($"{fileName}: the file is empty; a labels file needs the header id_l,id_r,label");
        if (problems.Count > 0) throw new PairLabelFileException(problems);
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
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("id_l,id_r,label");
        foreach (var x in labels)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CsvRecordReader.Quote(ids[x.Left])},{CsvRecordReader.Quote(ids[x.Right])},{(x.IsMatch ? 1 : 0)}"));
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
