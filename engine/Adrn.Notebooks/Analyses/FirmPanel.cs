using Adrn.Notebooks.Data;
using Adrn.Stats.Data;
using Microsoft.Data.Analysis;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// The linked panel aggregated to firms: register attributes plus the linked workforce's
/// composition. Two tables: <see cref="FirmYears"/> (one row per firm and year) and
/// <see cref="Firms"/> (one row per firm, workforce in the first payroll year, the year the register
/// describes). Columns: <c>employer_key</c>, <c>year</c>, <c>sic_section</c>, <c>sic_division</c>,
/// <c>itl1</c>, <c>log_gva_per_worker</c>, <c>management_score</c>, <c>exporter</c>,
/// <c>foreign_owned</c>, <c>log_investment_per_worker</c>, <c>log_employment</c>, <c>log_age</c>
/// (log(1 + first year − birth year)), <c>workers</c> (linked), <c>mean_log_pay</c>,
/// <c>mean_qualification</c>, <c>share_high_skill_soc</c>, <c>share_female</c>, <c>mean_age</c>,
/// <c>mean_link_probability</c>. Worker skill is not observed in payroll: mean log pay and
/// qualification are its proxies.
/// </summary>
public sealed class FirmPanel
{
    private readonly Dictionary<string, Array> _firmColumns;

    private FirmPanel(Dictionary<string, Array> firmYears, Dictionary<string, Array> firms, int firstYear)
    {
        FirmYears = RegressionData.FromArrays(firmYears);
        Firms = RegressionData.FromArrays(firms);
        _firmColumns = firms;
        FirstYear = firstYear;
    }

    /// <summary>One row per firm and year.</summary>
    public RegressionData FirmYears { get; }

    /// <summary>One row per firm (workforce of the first payroll year).</summary>
    public RegressionData Firms { get; }

    /// <summary>The first payroll year (the register's reference year).</summary>
    public int FirstYear { get; }

    /// <summary>Number of firms in <see cref="Firms"/>.</summary>
    public int FirmCount => Firms.RowCount;

    /// <summary>The pseudonymous keys of <see cref="Firms"/>, in row order.</summary>
    public IReadOnlyList<string> EmployerKeys => (string[])_firmColumns["employer_key"];

    /// <summary>A numeric column of <see cref="Firms"/> (NaN = missing), for charts and summaries.</summary>
    /// <param name="name">Column name.</param>
    public IReadOnlyList<double> FirmValues(string name) =>
        _firmColumns.TryGetValue(name, out var a) && a is double[] d ? d
            : throw new KeyNotFoundException($"No numeric firm column '{name}'; columns: {string.Join(", ", _firmColumns.Keys)}.");

    /// <summary>A text column of <see cref="Firms"/>.</summary>
    /// <param name="name">Column name.</param>
    public IReadOnlyList<string?> FirmLabels(string name) =>
        _firmColumns.TryGetValue(name, out var a) && a is string?[] s ? s
            : throw new KeyNotFoundException($"No text firm column '{name}'; columns: {string.Join(", ", _firmColumns.Keys)}.");

    /// <summary><see cref="Firms"/> with one more numeric column (for example a truth value joined by key).</summary>
    /// <param name="name">New column name.</param>
    /// <param name="values">Values in <see cref="Firms"/> row order (NaN = missing).</param>
    public RegressionData FirmsWith(string name, IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != FirmCount) throw new ArgumentException($"{values.Count} values for {FirmCount} firms.", nameof(values));
        var columns = new Dictionary<string, Array>(_firmColumns) { [name] = values.ToArray() };
        return RegressionData.FromArrays(columns);
    }

    /// <summary>Aggregates a linked panel (<c>linked_panel</c> Arrow file) to firms.</summary>
    /// <param name="linkedPanelPath">The panel written by the linked panel builder.</param>
    /// <param name="options">Aggregation options; null for the defaults.</param>
    public static FirmPanel FromLinkedPanel(string linkedPanelPath, FirmPanelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linkedPanelPath);
        options ??= new FirmPanelOptions();
        var frame = ArrowFrames.Load(linkedPanelPath);
        var key = Text(frame, "employer_key");
        var year = Numbers(frame, "year");
        var rows = key.Length;
        if (rows == 0) throw new InvalidDataException($"{linkedPanelPath}: the panel has no rows.");
        var firstYear = (int)year.Min();

        var logPay = Numbers(frame, "log_pay");
        var qual = Numbers(frame, "qualification_level");
        var soc = Numbers(frame, "soc_major");
        var sex = Text(frame, "sex");
        var age = Numbers(frame, "age");
        var prob = Numbers(frame, "link_probability");
        var section = Text(frame, "sic_section");
        var division = Text(frame, "sic_division");
        var itl1 = Text(frame, "itl1");
        var lgva = Numbers(frame, "log_gva_per_worker");
        var mgmt = Numbers(frame, "management_score");
        var exporter = Numbers(frame, "exporter");
        var foreign = Numbers(frame, "foreign_owned");
        var linv = Numbers(frame, "log_investment_per_worker");
        var employment = Numbers(frame, "employment");
        var birth = Numbers(frame, "employer_birth_year");

        // Group rows by (employer, year); register attributes are the same on every row of a firm.
        var groups = new Dictionary<(string Key, int Year), List<int>>();
        for (var i = 0; i < rows; i++)
        {
            if (key[i] is not { } k) continue;
            var g = (k, (int)year[i]);
            if (!groups.TryGetValue(g, out var list)) groups[g] = list = [];
            list.Add(i);
        }

        var ordered = groups.OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Year).ToList();
        var firmYears = Build(ordered);
        var firms = Build(ordered.Where(g => g.Key.Year == firstYear).ToList());
        return new FirmPanel(firmYears, firms, firstYear);

        Dictionary<string, Array> Build(List<KeyValuePair<(string Key, int Year), List<int>>> list)
        {
            var n = list.Count;
            var c = new Dictionary<string, Array>(StringComparer.Ordinal);
            var keys = new string?[n];
            var years = new double[n];
            var sec = new string?[n];
            var div = new string?[n];
            var reg = new string?[n];
            string[] numeric =
            [
                "log_gva_per_worker", "management_score", "exporter", "foreign_owned", "log_investment_per_worker", "log_employment",
                "log_age", "workers", "mean_log_pay", "mean_qualification", "share_high_skill_soc", "share_female", "mean_age", "mean_link_probability",
            ];
            var v = numeric.ToDictionary(name => name, _ => new double[n], StringComparer.Ordinal);
            for (var r = 0; r < n; r++)
            {
                var ((k, y), members) = (list[r].Key, list[r].Value);
                var first = members[0];
                keys[r] = k;
                years[r] = y;
                sec[r] = section[first];
                div[r] = division[first];
                reg[r] = itl1[first];
                v["log_gva_per_worker"][r] = lgva[first];
                v["management_score"][r] = mgmt[first];
                v["exporter"][r] = exporter[first];
                v["foreign_owned"][r] = foreign[first];
                v["log_investment_per_worker"][r] = linv[first];
                v["log_employment"][r] = employment[first] > 0 ? Math.Log(employment[first]) : double.NaN;
                v["log_age"][r] = double.IsNaN(birth[first]) ? double.NaN : Math.Log(1 + Math.Max(0, firstYear - birth[first]));
                v["workers"][r] = members.Count;
                double w = 0, payW = 0, payS = 0, qualW = 0, qualS = 0, socW = 0, socS = 0, sexW = 0, sexS = 0, ageW = 0, ageS = 0, probS = 0;
                foreach (var i in members)
                {
                    w = options.WeightByLinkProbability ? (double.IsNaN(prob[i]) ? 0 : prob[i]) : 1.0;
                    if (!double.IsNaN(logPay[i])) { payW += w; payS += w * logPay[i]; }
                    if (!double.IsNaN(qual[i])) { qualW += w; qualS += w * qual[i]; }
                    if (!double.IsNaN(soc[i])) { socW += w; socS += w * (soc[i] <= options.HighSkillSocMax ? 1 : 0); }
                    if (sex[i] is { } s) { sexW += w; sexS += w * (s == "F" ? 1 : 0); }
                    if (!double.IsNaN(age[i])) { ageW += w; ageS += w * age[i]; }
                    probS += double.IsNaN(prob[i]) ? 0 : prob[i];
                }

                v["mean_log_pay"][r] = payW > 0 ? payS / payW : double.NaN;
                v["mean_qualification"][r] = qualW > 0 ? qualS / qualW : double.NaN;
                v["share_high_skill_soc"][r] = socW > 0 ? socS / socW : double.NaN;
                v["share_female"][r] = sexW > 0 ? sexS / sexW : double.NaN;
                v["mean_age"][r] = ageW > 0 ? ageS / ageW : double.NaN;
                v["mean_link_probability"][r] = probS / members.Count;
            }

            c["employer_key"] = keys;
            c["year"] = years;
            c["sic_section"] = sec;
            c["sic_division"] = div;
            c["itl1"] = reg;
            foreach (var (name, values) in v) c[name] = values;
            return c;
        }
    }

    internal static double[] Numbers(DataFrame frame, string name)
    {
        var column = frame.Columns[name];
        var values = new double[column.Length];
        for (long i = 0; i < column.Length; i++)
            values[i] = column[i] is { } o ? Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
        return values;
    }

    internal static string?[] Text(DataFrame frame, string name)
    {
        var column = frame.Columns[name];
        var values = new string?[column.Length];
        for (long i = 0; i < column.Length; i++) values[i] = column[i] as string;
        return values;
    }
}
