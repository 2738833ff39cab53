using System.Text.Json;
using Adrn.Dataset.Tables;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Input;

namespace Adrn.Dataset.Release;

/// <summary>
/// Reads every file of a release back and looks for <see cref="ForbiddenValues"/>: every text cell of a table (Arrow,
/// Parquet, CSV — numeric cells hold measurements, not identifiers), every string and property name of a JSON file, every
/// line of any other text; each compared whole and token by token (runs of letters and digits, joined by one space,
/// <c>/</c> or <c>-</c> to catch postcodes, PAYE references and dates). The release is written only if nothing is found.
/// </summary>
internal static class ReleaseScanner
{
    /// <param name="directory">The release folder.</param>
    /// <param name="forbidden">What must not appear.</param>
    /// <param name="numericColumns">Per table file (relative path), its numeric columns (skipped in CSV files).</param>
    /// <returns>One finding per file and column holding a forbidden value (empty when clean), and the number of files read.</returns>
    public static (IReadOnlyList<string> Findings, int Files) Scan(string directory, ForbiddenValues forbidden, IReadOnlyDictionary<string, IReadOnlySet<string>> numericColumns)
    {
        var findings = new List<string>();
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files++;
            var name = Path.GetRelativePath(directory, path).Replace('\\', '/');
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Found(string where, string? origin)
            {
                if (origin is not null && seen.Add(where + origin)) findings.Add($"{name}: {where} holds a value of {origin}");
            }

            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".arrow":
                case ".parquet":
                case ".csv":
                    var format = SourceReader.FormatOf(path);
                    var header = TableHeader.Of(path);
                    foreach (var column in header) Found("the header", Check(column, forbidden));
                    var numeric = numericColumns.TryGetValue(name, out var n) ? n : new HashSet<string>();
                    var textColumns = header.Where(c => !numeric.Contains(c)).ToList();
                    if (textColumns.Count == 0 || format == SourceFormat.Csv && new FileInfo(path).Length == 0) break;
                    var table = SourceReader.Read(path, format, textColumns);
                    foreach (var column in textColumns)
                        foreach (var cell in table.Column(column))
                            if (cell is not null) Found($"column {column}", Check(cell, forbidden));
                    break;
                case ".json":
                case ".jsonl":
                    foreach (var line in Path.GetExtension(path) == ".jsonl" ? File.ReadLines(path) : [File.ReadAllText(path)])
                    {
                        if (string.IsNullOrWhiteSpace(line)) continue;
                        using var doc = JsonDocument.Parse(line);
                        Walk(doc.RootElement, s => Found("a JSON string", Check(s, forbidden)));
                    }

                    break;
                default:
                    var lineNumber = 0;
                    foreach (var line in File.ReadLines(path))
                    {
                        lineNumber++;
                        Found($"line {lineNumber}", Check(line, forbidden));
                        foreach (var cell in line.Split('|')) Found($"line {lineNumber}", Check(cell, forbidden));
                    }

                    break;
            }
        }

        return (findings, files);
    }

    /// <summary>The origin of a forbidden value in <paramref name="text"/> (whole, trimmed, or as a token), or null.</summary>
    public static string? Check(string text, ForbiddenValues forbidden)
    {
        var trimmed = text.Trim();
        if (forbidden.OriginOf(trimmed) is { } whole) return whole;
        // Tokens: maximal runs of letters and digits, and up to three runs joined by single separators.
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < trimmed.Length;)
        {
            if (!char.IsLetterOrDigit(trimmed[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < trimmed.Length && char.IsLetterOrDigit(trimmed[i])) i++;
            runs.Add((start, i));
        }

        for (var r = 0; r < runs.Count; r++)
        {
            for (var k = r; k < Math.Min(runs.Count, r + 3); k++)
            {
                if (k > r && (runs[k].Start - runs[k - 1].End != 1 || trimmed[runs[k - 1].End] is not (' ' or '/' or '-'))) break;
                var token = trimmed[runs[r].Start..runs[k].End];
                // Single words are compared whole only: a surname is forbidden as a cell, not inside a sentence.
                if (k == r && token.All(char.IsLetter)) continue;
                if (forbidden.OriginOf(token) is { } origin) return origin;
            }
        }

        return null;
    }

    private static void Walk(JsonElement e, Action<string> visit)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    visit(p.Name);
                    Walk(p.Value, visit);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) Walk(item, visit);
                break;
            case JsonValueKind.String:
                visit(e.GetString()!);
                break;
        }
    }
}
