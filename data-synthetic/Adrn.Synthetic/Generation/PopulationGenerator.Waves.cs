using System.Globalization;
using System.Text.Json;
using Adrn.Synthetic.Output;
using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;
using Adrn.Synthetic.Register;
using Adrn.Synthetic.Waves;

namespace Adrn.Synthetic.Generation;

/// <summary>
/// The yearly waves (<c>adrn synth --waves</c>): one register snapshot and one payroll file per year under
/// <c>waves/YEAR/</c>, a cohort sweep, <c>truth/wave_entities.csv</c> and <c>waves/dgp-waves.json</c>. Written after
/// every other file, from streams of their own, so switching waves on changes no other file.
/// </summary>
internal sealed partial class PopulationGenerator
{
    private const ulong StreamWaveStart = 13;
    private const ulong StreamWaveChurn = 14;
    private const ulong StreamWaveRegister = 15;
    private const ulong StreamWaveSpell = 16;
    private const ulong StreamWavePay = 17;
    private const ulong StreamWaveCohort = 18;

    /// <summary>Width of wave payroll record ids (<c>E</c> + digits) and of job-spell references (<c>J</c> + digits).</summary>
    private const int WaveIdWidth = 9;

    private static readonly TableColumn[] WaveEntitiesTruth =
    [
        new("source", Adrn.Tables.TableColumnType.Text), new("record_id", Adrn.Tables.TableColumnType.Text), new("wave", Adrn.Tables.TableColumnType.Text),
        new("entity_type", Adrn.Tables.TableColumnType.Text), new("true_entity_id", Adrn.Tables.TableColumnType.Text),
    ];

    private void WriteWaves(WaveOptions options)
    {
        var world = new WaveWorld(_firms, _people, _firstEmployerOf, options, _options.Sorting, _options.FirstYear, new SeededRandom(Seed, StreamWaveStart));
        var personWidth = Width(PersonCount, 6);
        var statistics = new List<WaveStatistics>();
        long payrollRows = 0;
        using (var truth = OpenTable("truth/wave_entities", WaveEntitiesTruth, OutputFormats.Csv))
        {
            for (var t = 0; t < _options.Years; t++)
            {
                var year = _options.FirstYear + t;
                var label = year.ToString(CultureInfo.InvariantCulture);
                Report("waves " + label);
                if (t > 0)
                {
                    world.Advance(new SeededRandom(Seed, StreamWaveChurn, (ulong)t));
                }

                world.PlanRegister(t == _options.Years - 1, new SeededRandom(Seed, StreamWaveRegister, (ulong)t));
                Directory.CreateDirectory(Path.Combine(_outDir, "waves", label));
                WriteWaveRegister(world, t, label, truth);
                payrollRows = WriteWavePayroll(world, t, label, truth, personWidth, payrollRows);
                statistics.Add(world.Statistics);
                _ct.ThrowIfCancellationRequested();
            }

            Report("waves cohort");
            WriteWaveCohort(world, truth, personWidth);
            Finish(truth);
        }

        WriteWaveDgp(options, statistics);
    }

    private void WriteWaveRegister(WaveWorld world, int t, string label, TableWriter truth)
    {
        using var table = OpenTable($"waves/{label}/employers", TableSchemas.Employers);
        var b = table.Batch;
        var tb = truth.Batch;
        var employment = world.Employment();
        var columns = TableSchemas.Employers;
        for (var f = 0; f < world.Firms.Count; f++)
        {
            if (!world.IsListed(f))
            {
                continue;
            }

            var firm = world.Firms[f];
            var recordId = Identifiers.EmployerId(checked((int)((t + 1) * WaveWorld.RecordIdWaveStride + f)));
            var (employees, gva, turnover, investment) = WaveFinancials(firm, employment[f], world.ProductivityShock(f));
            var section = SicCatalogue.Sections[firm.Section];
            var area = UkGeography.Areas[firm.Area];
            var r = table.Row;
            for (var c = 0; c < columns.Length; c++)
            {
                switch (columns[c].Name)
                {
                    case "employer_id": b.Text(c)[r] = recordId; break;
                    case "paye_ref": b.Text(c)[r] = firm.PayeReference; break;
                    case "ch_number": b.Text(c)[r] = firm.CompanyNumber; break;
                    case "registered_name": b.Text(c)[r] = firm.Name.Registered; break;
                    case "trading_name": b.Text(c)[r] = firm.TradingName; break;
                    case "address": b.Text(c)[r] = firm.Address; break;
                    case "town": b.Text(c)[r] = area.Town; break;
                    case "postcode": b.Text(c)[r] = firm.PostcodeText; break;
                    case "itl1": b.Text(c)[r] = area.Itl1; break;
                    case "sic_section": b.Text(c)[r] = section.Code; break;
                    case "sic_division": b.Text(c)[r] = firm.Division; break;
                    case "birth_year": b.Ints(c)[r] = firm.BirthYear; break;
                    case "employment": b.Ints(c)[r] = employees; break;
                    case "turnover": b.Doubles(c)[r] = turnover; break;
                    case "gva": b.Doubles(c)[r] = gva; break;
                    case "exporter": b.Ints(c)[r] = firm.Exporter; break;
                    case "foreign_owned": b.Ints(c)[r] = firm.ForeignOwned; break;
                    case "investment": b.Doubles(c)[r] = investment; break;
                    case "management_score": b.Doubles(c)[r] = firm.Management; break;
                    default: throw UnknownWaveColumn("employers", columns[c].Name);
                }
            }

            table.EndRow();
            AddTruth(truth, tb, "register", recordId, label, "employer", firm.EmployerId);
            world.Statistics.ListedFirms++;
        }

        Finish(table);
    }

    /// <summary>
    /// Register figures of a firm in a wave. The first wave repeats the base register exactly (same workforce, no
    /// shock); later waves scale turnover and investment with employment and draw GVA from the planted productivity
    /// plus the firm's yearly shock (loss-making firms scale their loss).
    /// </summary>
    private static (int Employment, double Gva, double Turnover, double Investment) WaveFinancials(Firm firm, int employment, double shock)
    {
        if (employment == firm.Employment && shock == 0)
        {
            return (employment, firm.Gva, firm.Turnover, firm.Investment);
        }

        var scale = employment / (double)firm.Employment;
        var gva = firm.LossMaking ? Math.Round(firm.Gva * scale) : Math.Round(Math.Exp(firm.LogGvaPerWorker + shock) * employment);
        return (employment, gva, Math.Round(firm.Turnover * scale * Math.Exp(shock)), Math.Max(1, Math.Round(firm.Investment * scale)));
    }

    private long WriteWavePayroll(WaveWorld world, int t, string label, TableWriter truth, int personWidth, long rowsBefore)
    {
        using var table = OpenTable($"waves/{label}/employees", TableSchemas.Employees);
        var b = table.Batch;
        var tb = truth.Batch;
        var columns = TableSchemas.Employees;
        var people = world.People;
        var noise = _options.Noise;
        var payRng = new SeededRandom(Seed, StreamWavePay, (ulong)t);
        var spell = new SeededRandom(Seed, StreamWaveSpell, 0);
        var year = _options.FirstYear + t;
        var rows = rowsBefore;
        for (var i = 0; i < world.PersonCount; i++)
        {
            for (var job = 0; job < 2; job++)
            {
                var firmIndex = job == 0 ? world.MainJob(i) : world.SecondJob(i);
                if (firmIndex < 0 || (job == 1 && world.MainJob(i) < 0))
                {
                    continue;
                }

                var firm = world.Firms[firmIndex];
                var keyed = job == 0 ? world.MainKeyedFirm(i) : world.SecondKeyedFirm(i);
                var spellId = job == 0 ? world.MainSpell(i) : world.SecondSpell(i);
                var previous = job == 0 && world.PreviousFirm(i) >= 0 ? world.Firms[world.PreviousFirm(i)] : null;
                var recordId = Id('E', ++rows, WaveIdWidth);
                var female = people.Female[i];
                var hours = job == 0 ? people.HoursTenths[i] / 10.0 : world.SecondHoursTenths(i) / 10.0;
                // Keyed employer details are drawn per job spell, as in the base payroll: the provider keyed them when
                // the spell began (a renamed or moved employer keeps its old name and postcode here), while the PAYE
                // reference is the scheme's current one.
                spell.Reset(Seed, StreamWaveSpell, (ulong)spellId);
                var paye = WavePaye(spell, firm, previous, noise);
                var employerName = KeyedEmployerName(spell, keyed, noise);
                var employerPostcode = RecordedEmployerPostcode(spell, keyed, noise);
                var logPay = people.WorkerEffect[i] + firm.WageEffect + _yearEffects[t] + payRng.NextNormal(0, PayResidualSd)
                    + (job == 0 ? 0 : Math.Log(hours / (people.HoursTenths[i] / 10.0)));
                var r = table.Row;
                for (var c = 0; c < columns.Length; c++)
                {
                    switch (columns[c].Name)
                    {
                        case "record_id": b.Text(c)[r] = recordId; break;
                        case "person_id": b.Text(c)[r] = Id('J', spellId, WaveIdWidth); break;
                        case "nino": b.Text(c)[r] = world.NinoPending(i) ? string.Empty : Identifiers.Nino(i); break;
                        case "first_name": b.Text(c)[r] = PersonNames.Forename(people.Forename[i], female); break;
                        case "surname": b.Text(c)[r] = PersonNames.Surnames[people.Surname[i]]; break;
                        case "date_of_birth": b.Ints(c)[r] = people.BirthDay[i]; break;
                        case "sex": b.Text(c)[r] = female ? "F" : "M"; break;
                        case "home_postcode": b.Text(c)[r] = Postcode.Format(people.Home[i]); break;
                        case "employer_paye_ref": b.Text(c)[r] = paye; break;
                        case "employer_name": b.Text(c)[r] = employerName; break;
                        case "employer_postcode": b.Text(c)[r] = employerPostcode; break;
                        case "soc_major": b.Ints(c)[r] = people.Soc[i]; break;
                        case "qualification_level": b.Ints(c)[r] = people.Qualification[i]; break;
                        case "hours": b.Doubles(c)[r] = hours; break;
                        case "annual_pay": b.Doubles(c)[r] = Math.Round(Math.Exp(logPay)); break;
                        case "year": b.Ints(c)[r] = year; break;
                        default: throw UnknownWaveColumn("employees", columns[c].Name);
                    }
                }

                table.EndRow();
                AddTruth(truth, tb, "payroll", recordId, label, "person", Id('P', i + 1, personWidth));
                AddTruth(truth, tb, "payroll", recordId, label, "employer", firm.EmployerId);
                world.Statistics.PayrollRows++;
            }
        }

        Finish(table);
        return rows;
    }

    /// <summary>
    /// The PAYE reference a payroll spell records: missing, wrong (the previous employer's reference when the person
    /// moved, else one mistyped character) or right, with the base payroll's rates and draws.
    /// </summary>
    private static string WavePaye(SeededRandom spell, Firm firm, Firm? previous, NoiseOptions noise)
    {
        var u = spell.NextDouble();
        var stale = spell.NextDouble();
        if (u < noise.PayeMissingRate)
        {
            return string.Empty;
        }

        if (u >= noise.PayeMissingRate + noise.PayeWrongRate)
        {
            return firm.PayeReference;
        }

        return previous is not null && previous.Index != firm.Index && stale < 0.7 ? previous.PayeReference : MistypePaye(firm.PayeReference, spell);
    }

    private void WriteWaveCohort(WaveWorld world, TableWriter truth, int personWidth)
    {
        var rng = new SeededRandom(Seed, StreamWaveCohort);
        var cohort = _options.Cohort;
        var label = (_options.FirstYear + _options.Years - 1).ToString(CultureInfo.InvariantCulture);
        var employed = new List<int>();
        for (var i = 0; i < world.PersonCount; i++)
        {
            if (world.MainJob(i) >= 0)
            {
                employed.Add(i);
            }
        }

        // Members: persons employed in the last wave by a partial Fisher–Yates draw, then people never in payroll.
        var fromPayroll = (int)Math.Min(Math.Round(cohort * _options.CohortInPayrollShare), employed.Count);
        var members = new int[cohort];
        for (var k = 0; k < fromPayroll; k++)
        {
            var pick = k + rng.NextInt(employed.Count - k);
            (employed[k], employed[pick]) = (employed[pick], employed[k]);
            members[k] = employed[k];
        }

        var listed = Enumerable.Range(0, world.Firms.Count).Where(world.IsListed).ToArray();
        var outsiderFirm = new Dictionary<int, int>();
        for (var k = fromPayroll; k < cohort; k++)
        {
            var i = world.AddOutsider(rng);
            members[k] = i;
            outsiderFirm[i] = listed[rng.NextInt(listed.Length)];
        }

        rng.Shuffle(members);
        var people = world.People;
        var noise = _options.Noise;
        var columns = TableSchemas.Cohort;
        var cohortWidth = Width(cohort, 6);
        using var table = OpenTable("waves/cohort", columns);
        var b = table.Batch;
        for (var k = 0; k < cohort; k++)
        {
            var i = members[k];
            var firm = world.Firms[outsiderFirm.TryGetValue(i, out var f) ? f : world.MainJob(i)];
            var cohortId = Id('C', k + 1, cohortWidth);
            var female = people.Female[i];
            var firstName = ReportedFirstName(rng, PersonNames.Forename(people.Forename[i], female), noise);
            var surname = ReportedSurname(rng, PersonNames.Surnames[people.Surname[i]], noise);
            var birthDay = ReportedBirthDay(rng, people.BirthDay[i], noise);
            var sex = rng.Chance(noise.CohortSexErrorRate) ^ female ? "F" : "M";
            var postcodeDraw = rng.NextDouble();
            var postcode = postcodeDraw < noise.CohortPostcodeMissingRate
                ? string.Empty
                : Postcode.Format(rng.Chance(noise.CohortPreviousPostcodeRate) ? people.PreviousHome[i] : people.Home[i]);
            var employer = ReportedEmployer(rng, firm, noise);
            var occupation = ReportedOccupation(rng, people.Soc[i], noise);
            var r = table.Row;
            for (var c = 0; c < columns.Length; c++)
            {
                switch (columns[c].Name)
                {
                    case "cohort_id": b.Text(c)[r] = cohortId; break;
                    case "first_name": b.Text(c)[r] = firstName; break;
                    case "surname": b.Text(c)[r] = surname; break;
                    case "date_of_birth": b.Ints(c)[r] = birthDay; break;
                    case "sex": b.Text(c)[r] = sex; break;
                    case "postcode": b.Text(c)[r] = postcode; break;
                    case "employer_name": b.Text(c)[r] = employer; break;
                    case "occupation": b.Ints(c)[r] = occupation; break;
                    default: throw UnknownWaveColumn("cohort", columns[c].Name);
                }
            }

            table.EndRow();
            AddTruth(truth, truth.Batch, "cohort", cohortId, label, "person", Id('P', i + 1, personWidth));
        }

        Finish(table);
    }

    private static void AddTruth(TableWriter truth, TableBatch tb, string source, string recordId, string wave, string entityType, string trueId)
    {
        var r = truth.Row;
        tb.Text(0)[r] = source;
        tb.Text(1)[r] = recordId;
        tb.Text(2)[r] = wave;
        tb.Text(3)[r] = entityType;
        tb.Text(4)[r] = trueId;
        truth.EndRow();
    }

    private static InvalidOperationException UnknownWaveColumn(string table, string column) =>
        new($"The wave writer does not know the {table} column '{column}': give it a value in PopulationGenerator.Waves.cs.");

    private void WriteWaveDgp(WaveOptions options, IReadOnlyList<WaveStatistics> statistics)
    {
        var path = Path.Combine(_outDir, "waves", "dgp-waves.json");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("description", "Churn between the yearly waves: the rates used and what each wave achieved. Wave 1 repeats the base register and the first-year payroll assignment (plus second jobs).");
            json.WriteStartObject("rates");
            foreach (var (name, rate) in options.Rates())
            {
                json.WriteNumber(name, rate);
            }

            json.WriteNumber(nameof(WaveOptions.ProductivityShockSd), options.ProductivityShockSd);
            json.WriteEndObject();
            json.WriteString("record_ids", "register employer_id: a new opaque 10-digit reference per firm and wave; payroll record_id: E + 9 digits, running over the waves; person_id: J + 9 digits, the payroll's employee reference, one per job spell");
            json.WriteString("truth", "truth/wave_entities.csv: source,record_id,wave,entity_type,true_entity_id; true employers are the base employer_id (births continue the scheme), true persons the base person_id (entrants continue the numbering)");
            json.WriteStartArray("waves");
            foreach (var wave in statistics)
            {
                json.WriteStartObject();
                foreach (var (name, count) in wave.Counts())
                {
                    json.WriteNumber(name, count);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        _files.Add("waves/dgp-waves.json");
    }
}
