using Adrn.Synthetic.Noise;
using Adrn.Synthetic.Output;
using Adrn.Synthetic.Payroll;
using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    private void WriteCohort()
    {
        Report("cohort");
        var rng = new SeededRandom(Seed, StreamCohort);
        var persons = PersonCount;
        var cohort = _options.Cohort;
        _cohortFromPayroll = (int)Math.Min(Math.Round(cohort * _options.CohortInPayrollShare), persons);
        _cohortOutsiders = cohort - _cohortFromPayroll;

        // Members: payroll persons by a partial Fisher–Yates draw, then people not in payroll.
        var pool = new int[persons];
        for (var i = 0; i < persons; i++)
        {
            pool[i] = i;
        }

        var members = new int[cohort];
        for (var k = 0; k < _cohortFromPayroll; k++)
        {
            var pick = k + rng.NextInt(persons - k);
            (pool[k], pool[pick]) = (pool[pick], pool[k]);
            members[k] = pool[k];
        }

        for (var k = 0; k < _cohortOutsiders; k++)
        {
            members[_cohortFromPayroll + k] = -1 - k;
        }

        rng.Shuffle(members);

        var outsiderRng = new SeededRandom(Seed, StreamOutsiders);
        var outsiders = new PersonPopulation(_cohortOutsiders);
        var outsiderEmployer = new int[_cohortOutsiders];
        for (var k = 0; k < _cohortOutsiders; k++)
        {
            outsiders.DrawPerson(k, _options.FirstYear, outsiderRng);
            outsiderEmployer[k] = outsiderRng.NextInt(_firms.Length);
        }

        outsiders.PlaceHomes(outsiderEmployer, _firms, outsiderRng);

        var cohortWidth = Width(cohort, 6);
        var personWidth = Width(persons, 6);
        using var table = OpenTable("cohort", TableSchemas.Cohort);
        using var truth = OpenTable("truth/cohort_employee", TableSchemas.CohortEmployeeTruth, OutputFormats.Csv);
        var noise = _options.Noise;
        var b = table.Batch;
        for (var k = 0; k < cohort; k++)
        {
            var member = members[k];
            var people = member >= 0 ? _people : outsiders;
            var i = member >= 0 ? member : -1 - member;
            var firm = _firms[member >= 0 ? _employerOf[i] : outsiderEmployer[i]];
            var cohortId = Id('C', k + 1, cohortWidth);
            var r = table.Row;
            var female = people.Female[i];
            b.Text(0)[r] = cohortId;
            b.Text(1)[r] = ReportedFirstName(rng, PersonNames.Forename(people.Forename[i], female), noise);
            b.Text(2)[r] = ReportedSurname(rng, PersonNames.Surnames[people.Surname[i]], noise);
            b.Ints(3)[r] = ReportedBirthDay(rng, people.BirthDay[i], noise);
            b.Text(4)[r] = rng.Chance(noise.CohortSexErrorRate) ^ female ? "F" : "M";
            var postcodeDraw = rng.NextDouble();
            b.Text(5)[r] = postcodeDraw < noise.CohortPostcodeMissingRate
                ? string.Empty
                : Postcode.Format(rng.Chance(noise.CohortPreviousPostcodeRate) ? people.PreviousHome[i] : people.Home[i]);
            b.Text(6)[r] = ReportedEmployer(rng, firm, noise);
            if (HandKeyed is { } handKeyed) b.Text(6)[r] = handKeyed.CorruptCohortEmployer(k, b.Text(6)[r]);
            b.Ints(7)[r] = ReportedOccupation(rng, people.Soc[i], noise);
            table.EndRow();

            if (member >= 0)
            {
                var tr = truth.Row;
                truth.Batch.Text(0)[tr] = cohortId;
                truth.Batch.Text(1)[tr] = Id('P', i + 1, personWidth);
                truth.EndRow();
            }

            Advance(1, "cohort");
        }

        Finish(table);
        Finish(truth);
    }

    private static string ReportedFirstName(SeededRandom rng, string name, NoiseOptions noise)
    {
        var nickname = rng.Chance(noise.CohortNicknameRate);
        var typo = rng.Chance(noise.CohortFirstNameTypoRate);
        if (nickname && PersonNames.Nicknames.TryGetValue(name, out var nicknames))
        {
            name = nicknames[rng.NextInt(nicknames.Length)];
        }

        return typo ? TextNoise.Typo(name, rng) : name;
    }

    private static string ReportedSurname(SeededRandom rng, string surname, NoiseOptions noise)
    {
        var change = rng.Chance(noise.CohortSurnameChangeRate);
        var typo = rng.Chance(noise.CohortSurnameTypoRate);
        if (change)
        {
            var other = PersonNames.Surnames[PersonNames.PickSurname(rng)];
            surname = other == surname ? PersonNames.Surnames[(Array.IndexOf(PersonNames.Surnames, surname) + 1) % PersonNames.Surnames.Length] : other;
        }

        return typo ? TextNoise.Typo(surname, rng) : surname;
    }

    private static int ReportedBirthDay(SeededRandom rng, int dayNumber, NoiseOptions noise)
    {
        var missing = rng.Chance(noise.CohortDobMissingRate);
        var swap = rng.Chance(noise.CohortDobSwapRate);
        var typo = rng.Chance(noise.CohortDobTypoRate);
        var typoKind = rng.NextInt(4);
        if (missing)
        {
            return TableBatch.MissingDate;
        }

        var date = DateOnly.FromDayNumber(dayNumber);
        if (swap && date.Day <= 12 && date.Day != date.Month)
        {
            date = new DateOnly(date.Year, date.Day, date.Month);
        }

        if (typo)
        {
            // Day or year off by one, the commonest slips when a date is written by hand.
            date = typoKind switch
            {
                0 => date.Day > 1 ? date.AddDays(-1) : date.AddDays(1),
                1 => date.Day < 28 ? date.AddDays(1) : date.AddDays(-1),
                2 => date.AddYears(-1),
                _ => date.AddYears(1),
            };
        }

        return date.DayNumber;
    }

    private static string ReportedEmployer(SeededRandom rng, Firm firm, NoiseOptions noise)
    {
        var missing = rng.Chance(noise.CohortEmployerMissingRate);
        var trading = rng.Chance(noise.CohortEmployerTradingNameRate);
        var abbreviate = rng.Chance(noise.CohortEmployerAbbreviationRate);
        var acronym = rng.Chance(0.4);
        if (missing)
        {
            return string.Empty;
        }

        var name = firm.TradingName is not null && trading ? firm.TradingName : firm.Name.Registered;
        if (abbreviate)
        {
            name = acronym ? TextNoise.Acronym(name) : TextNoise.Abbreviate(TextNoise.DropLegalForm(name), rng);
        }

        return name;
    }

    private static int ReportedOccupation(SeededRandom rng, int soc, NoiseOptions noise)
    {
        if (!rng.Chance(noise.CohortOccupationErrorRate))
        {
            return soc;
        }

        if (rng.Chance(0.5))
        {
            return soc == 1 ? 2 : soc == 9 ? 8 : soc + (rng.Chance(0.5) ? 1 : -1);
        }

        return 1 + (soc + rng.NextInt(8)) % 9;
    }
}
