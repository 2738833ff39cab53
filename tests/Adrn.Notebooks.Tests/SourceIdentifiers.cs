using System.Text.RegularExpressions;
using Adrn.Notebooks.Charts;
using Adrn.Stats.Data;

namespace Adrn.Notebooks.Tests;

/// <summary>
/// Direct identifiers in the synthetic inputs: full names (first name + surname) of payroll and
/// cohort records, NINOs, postcodes (home, employer, cohort) and person/cohort ids. Finds any of
/// them in an output by scanning for text shaped like one and looking it up.
/// </summary>
internal sealed partial class SourceIdentifiers
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);

    public int Count => _names.Count + _codes.Count;

    public static SourceIdentifiers Load(string dataDirectory)
    {
        var ids = new SourceIdentifiers();
        var employees = RegressionData.ReadCsv(Path.Combine(dataDirectory, "employees.csv"));
        ids.AddNames(employees);
        ids.AddCodes(employees, "nino", "home_postcode", "employer_postcode", "person_id");
        var cohort = RegressionData.ReadCsv(Path.Combine(dataDirectory, "cohort.csv"));
        ids.AddNames(cohort);
        ids.AddCodes(cohort, "postcode", "cohort_id");
        ids.AddCodes(RegressionData.ReadCsv(Path.Combine(dataDirectory, "employers.csv")), "postcode");
        return ids;
    }

    public IReadOnlyList<string> FindIn(string output)
    {
        // The inlined plotly.js library is not an output of ours; leave it out of the scan.
        var text = output.Replace(Adrn.Linkage.Reporting.PlotlyJs.Source, string.Empty, StringComparison.Ordinal);
        var found = new List<string>();
        // The lookahead makes matches overlap, so "Report Jane Smith" still yields "Jane Smith".
        foreach (Match m in NameShape().Matches(text))
            if (_names.Contains(m.Groups[1].Value)) found.Add(m.Groups[1].Value);
        foreach (Match m in CodeShape().Matches(text))
            if (_codes.Contains(m.Value)) found.Add(m.Value);
        return found;
    }

    private void AddNames(RegressionData table)
    {
        var first = table.GetColumn("first_name");
        var surname = table.GetColumn("surname");
        for (var i = 0; i < table.RowCount; i++)
            if (first.GetLabel(i) is { Length: > 0 } f && surname.GetLabel(i) is { Length: > 0 } s) _names.Add(f + " " + s);
    }

    private void AddCodes(RegressionData table, params string[] columns)
    {
        foreach (var name in columns)
        {
            var column = table.GetColumn(name);
            for (var i = 0; i < table.RowCount; i++)
                if (column.GetLabel(i) is { Length: > 0 } v) _codes.Add(v);
        }
    }

    // Two capitalised words (a full name as written in the sources).
    [GeneratedRegex(@"\b(?=([A-Z][A-Za-z'\-]+ [A-Z][A-Za-z'\-]+)\b)")]
    private static partial Regex NameShape();

    // A postcode, a NINO, or a person/cohort id.
    [GeneratedRegex(@"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|Q[A-Z][0-9]{6}[A-D]|[PC][0-9]{6,})\b")]
    private static partial Regex CodeShape();
}
