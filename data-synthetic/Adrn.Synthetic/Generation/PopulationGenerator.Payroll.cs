using System.Globalization;
using Adrn.Synthetic.Noise;
using Adrn.Synthetic.Output;
using Adrn.Synthetic.Payroll;
using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    private void WritePayroll()
    {
        var years = _options.Years;
        var persons = PersonCount;
        var recordWidth = Width(persons * (long)years, 7);
        var personWidth = Width(persons, 6);
        var yearRng = new SeededRandom(Seed, StreamYears);
        _yearEffects = new double[years];
        for (var t = 0; t < years; t++)
        {
            _yearEffects[t] = Math.Round(YearTrend * t + yearRng.NextNormal(0, YearShockSd), 6);
        }

        var moveRng = new SeededRandom(Seed, StreamMoves);
        using var table = OpenTable("employees", TableSchemas.Employees);
        using var truth = OpenTable("truth/employee_employer", TableSchemas.EmployeeEmployerTruth, OutputFormats.Csv);
        var b = table.Batch;
        var tb = truth.Batch;
        var noise = _options.Noise;
        // NOTE: one buffer for last year's employers, reused every year: a fresh clone per year
        // would leave a dead large-object array behind until the next full collection.
        int[]? before = null;

        for (var t = 0; t < years; t++)
        {
            var year = _options.FirstYear + t;
            var stage = "employees " + year.ToString(CultureInfo.InvariantCulture);
            Report(stage);
            if (t > 0)
            {
                before ??= new int[persons];
                Array.Copy(_employerOf, before, persons);
                _movesByYear.Add(JobMatcher.Move(_firms, _people.Skill, _employerOf, _previousEmployer, _options.MoveRate, _options.Sorting, moveRng));
                for (var i = 0; i < persons; i++)
                {
                    if (before[i] != _employerOf[i])
                    {
                        _moves[i]++;
                    }
                }
            }

            var payRng = new SeededRandom(Seed, StreamPay, (ulong)t);
            var spell = new SeededRandom(Seed, StreamSpell, 0);
            // NOTE: the hot loop of the generator (one pass per row of up to millions). It writes
            // into the reusable columnar batch and re-seeds one spell generator in place; the only
            // allocations are the row's own strings, which the batch hands to the writers.
            for (var i = 0; i < persons; i++)
            {
                var j = _employerOf[i];
                var firm = _firms[j];
                var r = table.Row;
                var recordId = Id('E', (long)t * persons + i + 1, recordWidth);
                var female = _people.Female[i];
                b.Text(0)[r] = recordId;
                b.Text(1)[r] = Id('P', i + 1, personWidth);
                b.Text(2)[r] = Identifiers.Nino(i);
                b.Text(3)[r] = PersonNames.Forename(_people.Forename[i], female);
                b.Text(4)[r] = PersonNames.Surnames[_people.Surname[i]];
                b.Ints(5)[r] = _people.BirthDay[i];
                b.Text(6)[r] = female ? "F" : "M";
                b.Text(7)[r] = Postcode.Format(_people.Home[i]);

                // Keyed employer details are drawn per job spell (person, employer): a provider keys
                // them once, so they repeat in every year of the spell.
                spell.Reset(Seed, StreamSpell, (ulong)i * (ulong)_firms.Length + (ulong)j);
                b.Text(8)[r] = RecordedPaye(spell, firm, _previousEmployer[i], noise);
                b.Text(9)[r] = KeyedEmployerName(spell, firm, noise);
                b.Text(10)[r] = RecordedEmployerPostcode(spell, firm, noise);
                if (HandKeyed is { } handKeyed) CorruptHandKeyedPayrollRow(handKeyed, b, r, i, j);
                b.Ints(11)[r] = _people.Soc[i];
                b.Ints(12)[r] = _people.Qualification[i];
                b.Doubles(13)[r] = _people.HoursTenths[i] / 10.0;
                var logPay = _people.WorkerEffect[i] + firm.WageEffect + _yearEffects[t] + payRng.NextNormal(0, PayResidualSd);
                b.Doubles(14)[r] = Math.Round(Math.Exp(logPay));
                b.Ints(15)[r] = year;
                table.EndRow();

                var tr = truth.Row;
                tb.Text(0)[tr] = recordId;
                tb.Text(1)[tr] = firm.EmployerId;
                truth.EndRow();
                Advance(1, stage);
                if ((i & 0xFFFF) == 0)
                {
                    _ct.ThrowIfCancellationRequested();
                }
            }
        }

        Finish(table);
        Finish(truth);
    }

    private string RecordedPaye(SeededRandom spell, Firm firm, int previousEmployer, NoiseOptions noise)
    {
        var u = spell.NextDouble();
        var stale = spell.NextDouble();
        if (u < noise.PayeMissingRate)
        {
            return string.Empty;
        }

        if (u < noise.PayeMissingRate + noise.PayeWrongRate)
        {
            // Stale when the person came from another employer (the old reference was kept),
            // otherwise a keying error in one character.
            if (previousEmployer >= 0 && previousEmployer != firm.Index && stale < 0.7)
            {
                return _firms[previousEmployer].PayeReference;
            }

            return MistypePaye(firm.PayeReference, spell);
        }

        return firm.PayeReference;
    }

    private static string MistypePaye(string paye, SeededRandom rng)
    {
        // Positions 0-2 and 6-10 are digits, 4-5 letters ("123/AB56789").
        var chars = paye.ToCharArray();
        int[] positions = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10];
        var p = positions[rng.NextInt(positions.Length)];
        if (char.IsDigit(chars[p]))
        {
            var digit = chars[p] - '0';
            var replacement = (digit + 1 + rng.NextInt(9)) % 10;
            if (p == 0 && replacement == 0)
            {
                replacement = digit == 1 ? 2 : 1;
            }

            chars[p] = (char)('0' + replacement);
        }
        else
        {
            chars[p] = (char)('A' + (chars[p] - 'A' + 1 + rng.NextInt(25)) % 26);
        }

        return new string(chars);
    }

    private static string KeyedEmployerName(SeededRandom spell, Firm firm, NoiseOptions noise)
    {
        // Draw every decision in a fixed order so rates stay independent of each other.
        var missing = spell.Chance(noise.EmployerNameMissingRate);
        var trading = spell.Chance(noise.EmployerNameTradingNameRate);
        var dropLegal = spell.Chance(noise.EmployerNameLegalFormDroppedRate);
        var abbreviate = spell.Chance(noise.EmployerNameAbbreviationRate);
        var typo = spell.Chance(noise.EmployerNameTypoRate);
        var changeCase = spell.Chance(noise.EmployerNameCaseRate);
        if (missing)
        {
            return string.Empty;
        }

        var name = firm.TradingName is not null && trading ? firm.TradingName : firm.Name.Registered;
        if (dropLegal)
        {
            name = TextNoise.DropLegalForm(name);
        }

        if (abbreviate)
        {
            name = TextNoise.Abbreviate(name, spell);
        }

        if (typo)
        {
            name = TextNoise.Typo(name, spell);
        }

        if (changeCase)
        {
            name = TextNoise.ChangeCase(name, spell);
        }

        return name;
    }

    private static string RecordedEmployerPostcode(SeededRandom spell, Firm firm, NoiseOptions noise)
    {
        var u = spell.NextDouble();
        if (u < noise.EmployerPostcodeMissingRate)
        {
            return string.Empty;
        }

        if (u < noise.EmployerPostcodeMissingRate + noise.EmployerPostcodeWrongRate)
        {
            return Postcode.Format(Postcode.WrongUnit(spell, firm.Postcode));
        }

        return firm.PostcodeText;
    }
}
