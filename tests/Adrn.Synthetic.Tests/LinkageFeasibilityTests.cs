using System.Globalization;
using System.Text;

namespace Adrn.Synthetic.Tests;

/// <summary>
/// The default noise must leave the intended linkage feasible (data contract: employee→employer
/// precision ≥ 0.995 and recall ≥ 0.99; cohort→payroll precision ≥ 0.99 and recall ≥ 0.98). These
/// checks bound the share of records that no reasonable linker could recover.
/// </summary>
public sealed class LinkageFeasibilityTests(GeneratedPopulationFixture population) : IClassFixture<GeneratedPopulationFixture>
{
    private static readonly string[] LegalForms = ["UK LIMITED", "LIMITED", "LTD", "PLC", "LLP", "L L P"];

    [Fact]
    public void Almost_every_payroll_row_keeps_a_correct_paye_reference_postcode_or_employer_name()
    {
        var employers = population.Employers;
        var register = employers.Rows.ToDictionary(r => employers.Get(r, "employer_id"));
        var employees = population.Employees;
        var truth = population.Table("truth/employee_employer.csv");
        var lost = 0;
        for (var i = 0; i < employees.Count; i++)
        {
            var row = employees.Rows[i];
            var firm = register[truth.Rows[i][1]];
            var payeOk = employees.Get(row, "employer_paye_ref") == employers.Get(firm, "paye_ref");
            var postcodeOk = employees.Get(row, "employer_postcode") == employers.Get(firm, "postcode");
            var keyed = Standardise(employees.Get(row, "employer_name"));
            var nameOk = keyed.Length > 0 && (keyed == Standardise(employers.Get(firm, "registered_name")) || keyed == Standardise(employers.Get(firm, "trading_name")));
            if (!payeOk && !postcodeOk && !nameOk)
            {
                lost++;
            }
        }

        // Even these rows usually keep a near-miss name (typo, abbreviation) and postcode sector.
        Assert.True(lost / (double)employees.Count < 0.005, $"{lost} of {employees.Count} rows lost every exact employer key");
    }

    [Fact]
    public void Cohort_members_are_rarely_corrupted_beyond_recognition()
    {
        var employees = population.Employees;
        var person = new Dictionary<string, string[]>();
        foreach (var row in employees.Rows)
        {
            person[employees.Get(row, "person_id")] = row;
        }

        var cohort = population.Cohort;
        var members = cohort.Rows.ToDictionary(r => cohort.Get(r, "cohort_id"));
        var truth = population.Table("truth/cohort_employee.csv");
        var unrecognisable = 0;
        foreach (var pair in truth.Rows)
        {
            var m = members[pair[0]];
            var p = person[pair[1]];
            var disagreements = 0;
            if (!WithinOneEdit(cohort.Get(m, "first_name"), employees.Get(p, "first_name")) && !IsKnownNickname(cohort.Get(m, "first_name")))
            {
                disagreements++;
            }

            if (!WithinOneEdit(cohort.Get(m, "surname"), employees.Get(p, "surname")))
            {
                disagreements++;
            }

            if (!DateNearlyAgrees(cohort.Get(m, "date_of_birth"), employees.Get(p, "date_of_birth")))
            {
                disagreements++;
            }

            if (disagreements >= 2)
            {
                unrecognisable++;
            }
        }

        Assert.True(unrecognisable / (double)truth.Count < 0.01, $"{unrecognisable} of {truth.Count} members disagree on two or more of first name, surname, date of birth");
    }

    private static bool IsKnownNickname(string name) =>
        name is "Bob" or "Rob" or "Robbie" or "Bill" or "Will" or "Billy" or "Rick" or "Dick" or "Rich" or "Jim" or "Jimmy" or "Jamie"
            or "Jack" or "Johnny" or "Mike" or "Mick" or "Chris" or "Steve" or "Dan" or "Danny" or "Tom" or "Tommy" or "Matt" or "Tony"
            or "Andy" or "Drew" or "Jon" or "Ben" or "Sam" or "Joe" or "Ken" or "Phil" or "Alex" or "Ed" or "Ted" or "Eddie" or "Nick"
            or "Tim" or "Pat" or "Fred" or "Freddie" or "Pete" or "Dave" or "Harry" or "Josh" or "Mal" or "Del" or "Liz" or "Beth"
            or "Lizzie" or "Maggie" or "Peggy" or "Kate" or "Kathy" or "Cathy" or "Jenny" or "Jen" or "Becky" or "Becca" or "Vicky"
            or "Tori" or "Sammy" or "Trish" or "Debbie" or "Deb" or "Jackie" or "Sue" or "Susie" or "Mandy" or "Charlie" or "Lottie"
            or "Abbie" or "Ellie" or "Nell" or "Bella" or "Izzy" or "Flo" or "Kath" or "Steph" or "Gill" or "Jo" or "Ali" or "Nat";

    private static bool DateNearlyAgrees(string reported, string actual)
    {
        if (reported.Length == 0)
        {
            return false;
        }

        var r = DateOnly.ParseExact(reported, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var a = DateOnly.ParseExact(actual, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return r == a
            || (r.Year == a.Year && r.Month == a.Day && r.Day == a.Month)
            || Math.Abs(r.DayNumber - a.DayNumber) <= 1
            || (r.Month == a.Month && r.Day == a.Day && Math.Abs(r.Year - a.Year) == 1);
    }

    private static bool WithinOneEdit(string x, string y)
    {
        // Optimal string alignment distance ≤ 1: equal, one substitution, insertion, deletion or adjacent transposition.
        if (x == y)
        {
            return true;
        }

        if (Math.Abs(x.Length - y.Length) > 1)
        {
            return false;
        }

        if (x.Length == y.Length)
        {
            var diffs = Enumerable.Range(0, x.Length).Where(i => x[i] != y[i]).ToList();
            return diffs.Count == 1 || (diffs.Count == 2 && diffs[1] == diffs[0] + 1 && x[diffs[0]] == y[diffs[1]] && x[diffs[1]] == y[diffs[0]]);
        }

        var (shorter, longer) = x.Length < y.Length ? (x, y) : (y, x);
        for (var i = 0; i < longer.Length; i++)
        {
            if (longer.Remove(i, 1) == shorter)
            {
                return true;
            }
        }

        return false;
    }

    private static string Standardise(string name)
    {
        var text = name.ToUpperInvariant().Replace("&", " AND ", StringComparison.Ordinal);
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var form in LegalForms)
        {
            var parts = form.Split(' ');
            if (words.Count >= parts.Length && words.Skip(words.Count - parts.Length).SequenceEqual(parts))
            {
                words.RemoveRange(words.Count - parts.Length, parts.Length);
                break;
            }
        }

        return string.Join(' ', words);
    }
}
