using System.Globalization;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Disclosure;
using Adrn.Tables;
using Apache.Arrow;
using Microsoft.Data.Analysis;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// The cohort enriched with payroll and employer attributes: one row per member with a
/// pseudonymous <c>cohort_key</c>, self-reported <c>occupation</c>, <c>person_link_probability</c>
/// (cohort→payroll), <c>employer_key</c>, <c>employer_link_probability</c> (payroll→employer), their
/// product <c>link_probability</c>, and <c>log_pay</c>, <c>sic_section</c>, <c>itl1</c>,
/// <c>management_score</c>, <c>log_gva_per_worker</c> of the latest payroll year. No names or ids.
/// </summary>
public sealed class EnrichedCohort
{
    private readonly int[] _occupation;
    private readonly double[] _personProbability;
    private readonly double[] _employerProbability;

    private EnrichedCohort(string path, int[] occupation, double[] personProbability, double[] employerProbability)
    {
        Path = path;
        _occupation = occupation;
        _personProbability = personProbability;
        _employerProbability = employerProbability;
    }

    /// <summary>The Arrow file written.</summary>
    public string Path { get; }

    /// <summary>Cohort members.</summary>
    public int Members => _occupation.Length;

    /// <summary>Members linked to a payroll person.</summary>
    public int LinkedToPayroll => _personProbability.Count(p => !double.IsNaN(p));

    /// <summary>Members linked to a payroll person who has an employer.</summary>
    public int LinkedToEmployer => _employerProbability.Count(p => !double.IsNaN(p));

    /// <summary>The table as a DataFrame (for further analysis; do not display rows: they are record-level).</summary>
    public DataFrame Load() => Data.ArrowFrames.Load(Path);

    internal static EnrichedCohort Build(SyntheticStudy study, string?[] cohortIds, double[] occupation,
        Dictionary<string, (string Person, double P)> links, DataFrame panel, Dictionary<string, int> latestRow, string path)
    {
        var employerKey = FirmPanel.Text(panel, "employer_key");
        var employerP = FirmPanel.Numbers(panel, "link_probability");
        var logPay = FirmPanel.Numbers(panel, "log_pay");
        var section = FirmPanel.Text(panel, "sic_section");
        var itl1 = FirmPanel.Text(panel, "itl1");
        var mgmt = FirmPanel.Numbers(panel, "management_score");
        var lgva = FirmPanel.Numbers(panel, "log_gva_per_worker");
        var n = cohortIds.Length;
        var occ = new int[n];
        var pp = new double[n];
        var ep = new double[n];
        var b = new
        {
            Key = new StringArray.Builder(), Occ = new Int32Array.Builder(), PersonP = new DoubleArray.Builder(),
            EmpKey = new StringArray.Builder(), EmpP = new DoubleArray.Builder(), P = new DoubleArray.Builder(),
            Pay = new DoubleArray.Builder(), Sec = new StringArray.Builder(), Itl = new StringArray.Builder(),
            Mgmt = new DoubleArray.Builder(), Lgva = new DoubleArray.Builder(),
        };
        static void D(DoubleArray.Builder builder, double v)
        {
            if (double.IsNaN(v)) builder.AppendNull();
            else builder.Append(v);
        }

        for (var i = 0; i < n; i++)
        {
            var id = cohortIds[i] ?? throw new InvalidDataException($"{study.CohortPath}: row {i} has no cohort_id.");
            occ[i] = double.IsNaN(occupation[i]) ? 0 : (int)occupation[i];
            b.Key.Append(study.Key.Pseudonymise("cohort", id));
            if (double.IsNaN(occupation[i])) b.Occ.AppendNull();
            else b.Occ.Append((int)occupation[i]);
            pp[i] = double.NaN;
            ep[i] = double.NaN;
            var row = -1;
            if (links.TryGetValue(id, out var link))
            {
                pp[i] = link.P;
                if (!latestRow.TryGetValue(study.Key.Pseudonymise("person", link.Person), out row)) row = -1;
            }

            D(b.PersonP, pp[i]);
            if (row >= 0 && employerKey[row] is { } ek)
            {
                ep[i] = employerP[row];
                b.EmpKey.Append(ek);
            }
            else
            {
                b.EmpKey.AppendNull();
            }

            D(b.EmpP, ep[i]);
            D(b.P, pp[i] * ep[i]);
            D(b.Pay, row >= 0 ? logPay[row] : double.NaN);
            if (row >= 0 && section[row] is { } s) b.Sec.Append(s);
            else b.Sec.AppendNull();
            if (row >= 0 && itl1[row] is { } r) b.Itl.Append(r);
            else b.Itl.AppendNull();
            D(b.Mgmt, row >= 0 ? mgmt[row] : double.NaN);
            D(b.Lgva, row >= 0 ? lgva[row] : double.NaN);
        }

        var batch = new RecordBatch.Builder()
            .Append("cohort_key", false, b.Key.Build())
            .Append("occupation", true, b.Occ.Build())
            .Append("person_link_probability", true, b.PersonP.Build())
            .Append("employer_key", true, b.EmpKey.Build())
            .Append("employer_link_probability", true, b.EmpP.Build())
            .Append("link_probability", true, b.P.Build())
            .Append("log_pay", true, b.Pay.Build())
            .Append("sic_section", true, b.Sec.Build())
            .Append("itl1", true, b.Itl.Build())
            .Append("management_score", true, b.Mgmt.Build())
            .Append("log_gva_per_worker", true, b.Lgva.Build())
            .Build();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        using (batch)
        using (var writer = TableWriter.Create(path, TableFormat.Arrow, batch.Schema))
        {
            writer.Write(batch);
            writer.Complete();
        }

        return new EnrichedCohort(path, occ, pp, ep);
    }

    /// <summary>Members, links and mean link probabilities by self-reported occupation group (frequency-checked; failing cells suppressed).</summary>
    public CheckedTable Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        static string Group(int soc) => soc switch { >= 1 and <= 3 => "SOC 1-3", >= 4 and <= 6 => "SOC 4-6", >= 7 and <= 9 => "SOC 7-9", _ => "not reported" };
        var groups = Enumerable.Range(0, Members).GroupBy(i => Group(_occupation[i])).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var check = OutputChecker.CheckFrequencyTable("enriched-cohort-summary",
            groups.SelectMany(g => new[]
            {
                new FrequencyCell(g.Key + " members", g.Count()),
                new FrequencyCell(g.Key + " linked to payroll", g.Count(i => !double.IsNaN(_personProbability[i]))),
            })).Suppress();
        var suppressed = check.Cells.Where(c => c.Suppressed).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var rows = groups.Select(g =>
        {
            var linked = g.Where(i => !double.IsNaN(_personProbability[i])).ToList();
            var withEmployer = g.Where(i => !double.IsNaN(_employerProbability[i])).ToList();
            var hide = suppressed.Contains(g.Key + " members") || suppressed.Contains(g.Key + " linked to payroll");
            return (IReadOnlyList<string>)(hide
                ? [g.Key, "suppressed", "suppressed", "suppressed", "suppressed", "suppressed"]
                :
                [
                    g.Key, g.Count().ToString("N0", inv), linked.Count.ToString("N0", inv), withEmployer.Count.ToString("N0", inv),
                    linked.Count == 0 ? string.Empty : linked.Average(i => _personProbability[i]).ToString("F4", inv),
                    withEmployer.Count == 0 ? string.Empty : withEmployer.Average(i => _personProbability[i] * _employerProbability[i]).ToString("F4", inv),
                ]);
        }).ToList();
        return new CheckedTable("Enriched cohort by self-reported occupation", ["occupation", "members", "linked to payroll", "linked to employer",
            "mean person-link probability", "mean joint link probability"], rows, check.Check,
            "Joint probability = P(cohort→payroll link) × P(payroll→employer link), carried on every enriched row.");
    }
}
