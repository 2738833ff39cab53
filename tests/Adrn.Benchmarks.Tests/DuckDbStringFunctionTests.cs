using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Adrn.Benchmarks.Tests;

/// <summary>
/// The peer's SQL relies on DuckDB's string functions having the engine's semantics. Both are checked against
/// the same independent reference: Python jellyfish 0.8.9 (tests/reference/string-metrics/metrics_expected.csv,
/// made by make_reference.py). The engine's side is checked in Adrn.Linkage.Tests; here DuckDB's.
/// </summary>
public sealed class DuckDbStringFunctionTests
{
    [Fact]
    public void DuckDB_jaro_winkler_jaro_and_edit_distances_match_jellyfish_on_ascii_reference_pairs()
    {
        var rows = ReadReference();
        // DuckDB works on bytes while jellyfish and the engine work on UTF-16 characters, so only ASCII pairs
        // are comparable; the benchmark's standardised values are ASCII upper case (TextFolding). Empty strings
        // are excluded: the engine never compares a null/empty value (gamma -1), and the libraries differ there.
        var ascii = rows.Where(r => r.A.Length > 0 && r.B.Length > 0 && IsAscii(r.A) && IsAscii(r.B)).ToList();
        Assert.True(ascii.Count > 200, $"only {ascii.Count} reference pairs");

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE p (i INTEGER, a VARCHAR, b VARCHAR)";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("p"))
        {
            for (var i = 0; i < ascii.Count; i++) appender.CreateRow().AppendValue(i).AppendValue(ascii[i].A).AppendValue(ascii[i].B).EndRow();
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT i, jaro_similarity(a, b), jaro_winkler_similarity(a, b), levenshtein(a, b), damerau_levenshtein(a, b) FROM p ORDER BY i";
        using var reader = cmd.ExecuteReader();
        var failures = new StringBuilder();
        var checkedRows = 0;
        while (reader.Read())
        {
            var r = ascii[reader.GetInt32(0)];
            var jaro = reader.GetDouble(1);
            var jw = reader.GetDouble(2);
            var lev = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
            var dl = Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
            if (Math.Abs(jaro - r.Jaro) > 1e-12) failures.Append(CultureInfo.InvariantCulture, $"jaro('{r.A}','{r.B}') duckdb {jaro:R} jellyfish {r.Jaro:R}\n");
            if (Math.Abs(jw - r.JaroWinkler) > 1e-12) failures.Append(CultureInfo.InvariantCulture, $"jaro_winkler('{r.A}','{r.B}') duckdb {jw:R} jellyfish {r.JaroWinkler:R}\n");
            if (lev != r.Levenshtein) failures.Append(CultureInfo.InvariantCulture, $"levenshtein('{r.A}','{r.B}') duckdb {lev} jellyfish {r.Levenshtein}\n");
            if (dl != r.DamerauLevenshtein) failures.Append(CultureInfo.InvariantCulture, $"damerau_levenshtein('{r.A}','{r.B}') duckdb {dl} jellyfish {r.DamerauLevenshtein}\n");
            checkedRows++;
        }

        Assert.Equal(ascii.Count, checkedRows);
        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static bool IsAscii(string s) => s.All(c => c < 128);

    private sealed record Reference(string A, string B, double Jaro, double JaroWinkler, long Levenshtein, long DamerauLevenshtein);

    private static List<Reference> ReadReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reference", "metrics_expected.csv");
        var lines = File.ReadAllLines(path);
        var header = ParseCsvLine(lines[0]);
        int Col(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no column '{name}'");
        var (a, b, jaro, jw, lev, dl) = (Col("a"), Col("b"), Col("jf_jaro"), Col("jf_jaro_winkler"), Col("jf_levenshtein"), Col("jf_damerau_levenshtein"));
        var result = new List<Reference>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = ParseCsvLine(line);
            result.Add(new Reference(f[a], f[b], double.Parse(f[jaro], CultureInfo.InvariantCulture), double.Parse(f[jw], CultureInfo.InvariantCulture),
                long.Parse(f[lev], CultureInfo.InvariantCulture), long.Parse(f[dl], CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>RFC 4180 fields of one line (quoted fields, doubled quotes; the reference file has no embedded newlines).</summary>
    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
