using Adrn.Synthetic.Noise;
using Adrn.Synthetic.Payroll;
using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Reference;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Waves;

/// <summary>
/// The population that the yearly waves observe: firms that are born, die, are renamed, move and are taken over,
/// and persons who enter, leave, move job, hold second jobs, change surname and move home. It starts from the
/// generator's first-year state (every firm and person of the base population) and is advanced one year at a time
/// by <see cref="Advance"/>, drawing only from its own streams.
/// </summary>
internal sealed class WaveWorld
{
    /// <summary>Offset between the register record ids of consecutive waves (firm ids stay below it).</summary>
    public const long RecordIdWaveStride = 10_000_000;

    private const double DisplacedSeekShare = 0.8;
    private const double ExitReplacementShare = 0.9;
    private const double OldAgeExtraExitRate = 0.25;

    private readonly WaveOptions _options;
    private readonly double _sorting;
    private readonly int _firstYear;
    private readonly CompanyNameGenerator _names = new();
    private readonly HashSet<string> _takenNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<bool> _alive = [];
    private readonly List<int> _bornWave = [];
    private readonly List<double> _shock = [];
    private readonly List<bool> _dyingNext = [];
    private readonly List<bool> _listed = [];
    private PersonPopulation _people;
    private int[] _main;
    private int[] _second;
    private long[] _mainSpell;
    private long[] _secondSpell;
    private Firm?[] _mainKeyed;
    private Firm?[] _secondKeyed;
    private int[] _previousFirm;
    private short[] _secondHoursTenths;
    private int[] _ninoFromWave;
    private bool[] _everEmployed;

    public WaveWorld(Firm[] firms, PersonPopulation people, int[] firstEmployerOf, WaveOptions options, double sorting, int firstYear, SeededRandom rng)
    {
        _options = options;
        _sorting = sorting;
        _firstYear = firstYear;
        Firms = [.. firms];
        foreach (var firm in firms)
        {
            _takenNames.Add(firm.Name.Registered);
            _alive.Add(true);
            _bornWave.Add(-1);
            _shock.Add(0);
            _dyingNext.Add(false);
            _listed.Add(true);
        }

        PersonCount = people.Count;
        _people = new PersonPopulation(people.Count);
        CopyPeople(people, _people, people.Count);
        _main = (int[])firstEmployerOf.Clone();
        _second = new int[PersonCount];
        Array.Fill(_second, -1);
        _mainSpell = new long[PersonCount];
        _secondSpell = new long[PersonCount];
        _mainKeyed = new Firm?[PersonCount];
        _secondKeyed = new Firm?[PersonCount];
        _previousFirm = new int[PersonCount];
        Array.Fill(_previousFirm, -1);
        _secondHoursTenths = new short[PersonCount];
        _ninoFromWave = new int[PersonCount];
        _everEmployed = new bool[PersonCount];
        for (var i = 0; i < PersonCount; i++)
        {
            StartMainSpell(i, _main[i]);
            _everEmployed[i] = true;
        }

        // First-wave second jobs: a share of the employed hold one at another firm.
        for (var i = 0; i < PersonCount; i++)
        {
            if (rng.Chance(options.SecondJobShare))
            {
                StartSecondJob(i, rng);
            }
        }

        Statistics = new WaveStatistics { Year = firstYear };
        CountState(Statistics);
    }

    /// <summary>Every firm ever active, indexed by firm id (= <see cref="Firm.Index"/>), in its current form.</summary>
    public List<Firm> Firms { get; }

    /// <summary>Persons ever observed (base persons first, entrants after).</summary>
    public int PersonCount { get; private set; }

    /// <summary>The persons' attributes (current surname and home).</summary>
    public PersonPopulation People => _people;

    /// <summary>Wave index (0 = first year).</summary>
    public int Wave { get; private set; }

    /// <summary>Counts of what happened in the current wave.</summary>
    public WaveStatistics Statistics { get; private set; }

    /// <summary>Whether firm <paramref name="firm"/> appears in the current register snapshot.</summary>
    public bool IsListed(int firm) => _listed[firm];

    /// <summary>Whether firm <paramref name="firm"/> is active this wave.</summary>
    public bool IsAlive(int firm) => _alive[firm];

    /// <summary>The firm's shock to log GVA per worker this wave.</summary>
    public double ProductivityShock(int firm) => _shock[firm];

    /// <summary>Main employer of a person this wave, or -1.</summary>
    public int MainJob(int person) => _main[person];

    /// <summary>Second employer of a person this wave, or -1.</summary>
    public int SecondJob(int person) => _second[person];

    /// <summary>Job spell of the main job (new on a job move), the payroll's employee reference.</summary>
    public long MainSpell(int person) => _mainSpell[person];

    /// <summary>Job spell of the second job.</summary>
    public long SecondSpell(int person) => _secondSpell[person];

    /// <summary>The firm as it was when the main spell started (employer details were keyed then).</summary>
    public Firm MainKeyedFirm(int person) => _mainKeyed[person]!;

    /// <summary>The firm as it was when the second spell started.</summary>
    public Firm SecondKeyedFirm(int person) => _secondKeyed[person]!;

    /// <summary>The firm of the person's job before the current main spell, or -1.</summary>
    public int PreviousFirm(int person) => _previousFirm[person];

    /// <summary>Weekly hours of the second job in tenths.</summary>
    public short SecondHoursTenths(int person) => _secondHoursTenths[person];

    /// <summary>Whether the person has no National Insurance number on record yet (a recent migrant).</summary>
    public bool NinoPending(int person) => _ninoFromWave[person] > Wave;

    /// <summary>Employment (main jobs) of every firm this wave.</summary>
    public int[] Employment()
    {
        var employment = new int[Firms.Count];
        for (var i = 0; i < PersonCount; i++)
        {
            if (_main[i] >= 0)
            {
                employment[_main[i]]++;
            }
        }

        return employment;
    }

    /// <summary>
    /// Decides which active firms die before the next wave and which of this wave's births and next deaths the register
    /// snapshot does not list (it lags births and leads deaths).
    /// </summary>
    public void PlanRegister(bool lastWave, SeededRandom rng)
    {
        var employment = Employment();
        for (var f = 0; f < Firms.Count; f++)
        {
            _dyingNext[f] = false;
            _listed[f] = _alive[f];
            if (!_alive[f])
            {
                continue;
            }

            var dies = rng.Chance(DeathRate(employment[f]));
            var lead = rng.Chance(_options.RegisterDeathLeadShare);
            var lag = rng.Chance(_options.RegisterBirthLagShare);
            if (!lastWave && dies)
            {
                _dyingNext[f] = true;
                if (lead)
                {
                    _listed[f] = false;
                    Statistics.RegisterDroppedBeforeDeath++;
                }
            }

            if (_bornWave[f] == Wave && Wave > 0 && lag)
            {
                _listed[f] = false;
                Statistics.RegisterMissingBirths++;
            }
        }
    }

    /// <summary>Moves the world on by one year.</summary>
    public void Advance(SeededRandom rng)
    {
        Wave++;
        var stats = new WaveStatistics { Year = _firstYear + Wave };
        Statistics = stats;
        var year = _firstYear + Wave;
        var seekers = new List<int>();
        var vacancies = new List<int>();
        var seeking = new bool[PersonCount];

        // Births are a share of the firms active at the start of the year (ONS: births / active enterprises).
        var activeAtStart = _alive.Count(a => a);

        // Deaths planned at the end of the last wave; their workers are displaced.
        for (var f = 0; f < Firms.Count; f++)
        {
            if (_alive[f] && _dyingNext[f])
            {
                _alive[f] = false;
                stats.FirmDeaths++;
            }
        }

        for (var i = 0; i < PersonCount; i++)
        {
            if (_second[i] >= 0 && !_alive[_second[i]])
            {
                _second[i] = -1;
            }

            var job = _main[i];
            if (job < 0)
            {
                continue;
            }

            if (!_alive[job])
            {
                Leave(i);
                if (rng.Chance(DisplacedSeekShare))
                {
                    seekers.Add(i);
                    seeking[i] = true;
                }

                continue;
            }

            var age = year - DateOnly.FromDayNumber(_people.BirthDay[i]).Year;
            var exitRate = _options.ExitRate + (age >= 64 ? OldAgeExtraExitRate : 0);
            var exits = rng.Chance(exitRate);
            var moves = rng.Chance(_options.JobMoveRate);
            if (exits)
            {
                Leave(i);
                _second[i] = -1;
                stats.Exits++;
                if (rng.Chance(ExitReplacementShare))
                {
                    vacancies.Add(job);
                }
            }
            else if (moves)
            {
                seekers.Add(i);
                seeking[i] = true;
                vacancies.Add(job);
            }
        }

        // Returners: inactive persons of working age seen in work before.
        for (var i = 0; i < PersonCount; i++)
        {
            var returns = rng.Chance(_options.ReturnRate);
            if (_main[i] < 0 && _everEmployed[i] && !seeking[i] && returns && year - DateOnly.FromDayNumber(_people.BirthDay[i]).Year < 66)
            {
                seekers.Add(i);
                stats.Returners++;
            }
        }

        for (var f = 0; f < Firms.Count; f++)
        {
            if (_alive[f])
            {
                ChangeSurvivor(f, rng, stats);
            }
        }

        var births = Births(activeAtStart, year, rng, vacancies);
        stats.FirmBirths = births.Count;

        var employed = 0;
        for (var i = 0; i < PersonCount; i++)
        {
            if (_main[i] >= 0)
            {
                employed++;
            }
        }

        var entrants = (int)Math.Floor(_options.EntryRate * (employed + seekers.Count) + rng.NextDouble());
        for (var k = 0; k < entrants; k++)
        {
            var i = AddPerson(year, rng);
            seekers.Add(i);
            stats.Entrants++;
            if (rng.Chance(_options.EntrantWithoutNinoShare))
            {
                // A migrant's number is on record from the next wave.
                _ninoFromWave[i] = Wave + 1;
                stats.EntrantsWithoutNino++;
            }
        }

        Match(seekers, vacancies, rng, stats);
        SettleBirths(births, year, rng);
        UpdateSecondJobs(rng, stats);
        UpdatePersons(year, rng, stats);
        for (var f = 0; f < Firms.Count; f++)
        {
            _shock[f] = _alive[f] ? rng.NextNormal(0, _options.ProductivityShockSd) : 0;
        }

        CountState(stats);
    }

    /// <summary>Adds a person who has never been in payroll (a cohort member outside payroll), with a home near a random firm.</summary>
    public int AddOutsider(SeededRandom rng)
    {
        var i = AddPerson(_firstYear + Wave, rng);
        _everEmployed[i] = false;
        return i;
    }

    private void CountState(WaveStatistics stats)
    {
        var employment = Employment();
        for (var f = 0; f < Firms.Count; f++)
        {
            if (_alive[f] && employment[f] > 0)
            {
                stats.ActiveFirms++;
            }
        }

        for (var i = 0; i < PersonCount; i++)
        {
            if (_main[i] >= 0)
            {
                stats.Employed++;
                if (_second[i] >= 0)
                {
                    stats.SecondJobs++;
                }
            }
        }
    }

    private double DeathRate(int employment) => employment switch
    {
        < 10 => _options.MicroFirmDeathRate,
        < 50 => _options.MicroFirmDeathRate / 4,
        < 250 => _options.MicroFirmDeathRate / 10,
        _ => _options.MicroFirmDeathRate / 30,
    };

    private void Leave(int person)
    {
        _previousFirm[person] = _main[person];
        _main[person] = -1;
    }

    private void ChangeSurvivor(int f, SeededRandom rng, WaveStatistics stats)
    {
        // Draw every decision in a fixed order so the rates stay independent of each other.
        var rename = rng.Chance(_options.RenameRate);
        var legal = rng.Chance(_options.LegalFormChangeRate);
        var move = rng.Chance(_options.SiteMoveRate);
        var takeover = rng.Chance(_options.TakeoverRate);
        var firm = Firms[f];
        if (takeover)
        {
            // A new PAYE scheme for the same workforce: a different tax office reference.
            var office = (short)(100 + (firm.TaxOffice - 100 + 1 + rng.NextInt(898)) % 900);
            firm = Copy(firm, taxOffice: office);
            stats.Takeovers++;
            rename |= rng.Chance(0.5);
        }

        if (rename)
        {
            var section = SicCatalogue.Sections[firm.Section];
            var name = NewName(rng, section, UkGeography.Areas[firm.Area].Town, firm.Employment, firm.ForeignOwned == 1);
            firm = Copy(firm, name: name, tradingName: firm.TradingName ?? TextNoise.DropLegalForm(firm.Name.Registered));
            stats.Renames++;
        }
        else if (legal && firm.Name.LegalForm is "Ltd" or "Limited")
        {
            var form = firm.Employment >= 50 && rng.Chance(0.3) ? "PLC" : firm.Name.LegalForm == "Ltd" ? "Limited" : "Ltd";
            var registered = firm.Name.Registered[..^firm.Name.LegalForm.Length] + form;
            if (_takenNames.Add(registered))
            {
                firm = Copy(firm, name: firm.Name with { LegalForm = form, Registered = registered });
                stats.LegalFormChanges++;
            }
        }

        if (move)
        {
            var area = rng.Chance(0.7) ? firm.Area : rng.PickCumulative(UkGeography.AreaCumulative);
            var postcode = Postcode.RandomIn(rng, area);
            if (postcode == firm.Postcode)
            {
                postcode = Postcode.WrongUnit(rng, postcode);
            }

            firm = Copy(firm, area: area, postcode: postcode, addressCode: CompanyNameGenerator.CreateAddress(rng, SicCatalogue.Sections[firm.Section]));
            stats.SiteMoves++;
        }

        Firms[f] = firm;
    }

    private List<int> Births(int activeAtStart, int year, SeededRandom rng, List<int> vacancies)
    {
        var count = (int)Math.Floor(_options.FirmBirthRate * activeAtStart + rng.NextDouble());
        if (count == 0)
        {
            return [];
        }

        // Births are mostly micro: 90% with 1-9 workers, the rest 10-49.
        var sizes = new int[count];
        for (var k = 0; k < count; k++)
        {
            sizes[k] = rng.Chance(0.9) ? 1 + Math.Min(8, (int)Math.Floor(-Math.Log(1 - rng.NextDouble()) * 2.5)) : rng.NextInt(10, 49);
        }

        var drawn = BusinessRegisterBuilder.Build(sizes, year, rng);
        var births = new List<int>(count);
        foreach (var template in drawn)
        {
            var index = Firms.Count;
            var name = template.Name;
            if (!_takenNames.Add(name.Registered))
            {
                name = NewName(rng, SicCatalogue.Sections[template.Section], UkGeography.Areas[template.Area].Town, template.Employment, template.ForeignOwned == 1);
            }

            var firm = Copy(template, index: index, name: name, birthYear: year, lookAlikeOf: -1);
            Firms.Add(firm);
            _alive.Add(true);
            _bornWave.Add(Wave);
            _shock.Add(0);
            _dyingNext.Add(false);
            _listed.Add(true);
            births.Add(index);
            for (var s = 0; s < firm.Employment; s++)
            {
                vacancies.Add(index);
            }
        }

        return births;
    }

    private CompanyName NewName(SeededRandom rng, SicSection section, string town, int size, bool foreign)
    {
        while (true)
        {
            var name = _names.Create(rng, section, town, size, foreign);
            if (_takenNames.Add(name.Registered))
            {
                return name;
            }
        }
    }

    private void Match(List<int> seekers, List<int> vacancies, SeededRandom rng, WaveStatistics stats)
    {
        // Balance the two sides at random: surplus seekers stay out of work this year, surplus vacancies go unfilled —
        // except that a firm left with nobody (a birth, or a survivor all of whose workers left) fills one vacancy first,
        // so closures come from the death rate rather than from the draw.
        var seekerArray = seekers.ToArray();
        var vacancyArray = vacancies.ToArray();
        rng.Shuffle(seekerArray);
        rng.Shuffle(vacancyArray);
        var staying = Employment();
        foreach (var i in seekers)
            if (_main[i] >= 0) staying[_main[i]]--;
        var first = new bool[Firms.Count];
        var priority = new int[vacancyArray.Length];
        for (var k = 0; k < vacancyArray.Length; k++)
        {
            var f = vacancyArray[k];
            priority[k] = staying[f] <= 0 && !first[f] ? 0 : 1;
            first[f] = true;
        }

        var order = Enumerable.Range(0, vacancyArray.Length).OrderBy(k => priority[k]).ThenBy(k => k).ToArray();
        vacancyArray = order.Select(k => vacancyArray[k]).ToArray();
        var n = Math.Min(seekerArray.Length, vacancyArray.Length);
        stats.UnfilledVacancies = vacancyArray.Length - n;
        stats.SeekersWithoutJob = seekerArray.Length - n;
        for (var k = n; k < seekerArray.Length; k++)
        {
            var i = seekerArray[k];
            if (_main[i] >= 0)
            {
                Leave(i);
            }
        }

        // Assortative matching as in the first year: seekers ranked by sorting·skill + noise fill vacancies ranked by
        // the firm wage effect.
        var seekerKeys = new double[n];
        var seekerOrder = new int[n];
        var slotKeys = new double[n];
        var slotFirm = new int[n];
        var spread = Math.Sqrt(1 - _sorting * _sorting);
        for (var k = 0; k < n; k++)
        {
            seekerOrder[k] = seekerArray[k];
            seekerKeys[k] = _sorting * _people.Skill[seekerArray[k]] + spread * rng.NextNormal();
            slotFirm[k] = vacancyArray[k];
            slotKeys[k] = Firms[vacancyArray[k]].WageEffect;
        }

        Array.Sort(seekerKeys, seekerOrder);
        Array.Sort(slotKeys, slotFirm);
        for (var k = 0; k < n; k++)
        {
            var i = seekerOrder[k];
            var firm = slotFirm[k];
            var current = _main[i];
            if (current == firm)
            {
                continue;
            }

            if (current >= 0)
            {
                stats.JobMoves++;
                _previousFirm[i] = current;
            }

            _main[i] = firm;
            _everEmployed[i] = true;
            if (_second[i] == firm)
            {
                _second[i] = -1;
            }

            StartMainSpell(i, firm);
        }
    }

    private void SettleBirths(List<int> births, int year, SeededRandom rng)
    {
        var employment = Employment();
        var skillSums = new double[Firms.Count];
        for (var i = 0; i < PersonCount; i++)
        {
            if (_main[i] >= 0)
            {
                skillSums[_main[i]] += _people.Skill[i];
            }
        }

        var born = new List<Firm>();
        foreach (var f in births)
        {
            if (employment[f] == 0)
            {
                // Never took anyone on: not an employing business.
                _alive[f] = false;
                continue;
            }

            Firms[f].MeanSkill = skillSums[f] / employment[f];
            born.Add(Firms[f]);
        }

        if (born.Count > 0)
        {
            BusinessRegisterBuilder.PlantProductivity([.. born], year, rng);
        }

        // A surviving firm left without workers closes.
        for (var f = 0; f < Firms.Count; f++)
        {
            if (_alive[f] && employment[f] == 0)
            {
                _alive[f] = false;
                Statistics.FirmDeaths++;
            }
        }
    }

    private void UpdateSecondJobs(SeededRandom rng, WaveStatistics stats)
    {
        var startRate = _options.SecondJobShare * (1 - _options.SecondJobPersistence) / Math.Max(1e-9, 1 - _options.SecondJobShare);
        for (var i = 0; i < PersonCount; i++)
        {
            var keep = rng.Chance(_options.SecondJobPersistence);
            var start = rng.Chance(startRate);
            if (_main[i] < 0)
            {
                _second[i] = -1;
                continue;
            }

            if (_second[i] >= 0)
            {
                if (!keep || _second[i] == _main[i])
                {
                    _second[i] = -1;
                }
            }
            else if (start)
            {
                StartSecondJob(i, rng);
                if (_second[i] >= 0)
                {
                    stats.SecondJobsStarted++;
                }
            }
        }
    }

    private void UpdatePersons(int year, SeededRandom rng, WaveStatistics stats)
    {
        for (var i = 0; i < PersonCount; i++)
        {
            var marry = rng.Chance(_options.SurnameChangeRate);
            var move = rng.Chance(_options.HomeMoveRate);
            var age = year - DateOnly.FromDayNumber(_people.BirthDay[i]).Year;
            if (marry && _people.Female[i] && age is >= 20 and <= 45)
            {
                var surname = PersonNames.PickSurname(rng);
                if (surname != _people.Surname[i])
                {
                    _people.Surname[i] = (short)surname;
                    stats.SurnameChanges++;
                }
            }

            if (move)
            {
                var home = _people.Home[i];
                var area = Postcode.Area(home);
                var u = rng.NextDouble();
                if (u >= 0.6)
                {
                    area = u < 0.85
                        ? UkGeography.AreasByRegion[UkGeography.RegionIndex(UkGeography.Areas[area].Itl1)][rng.NextInt(UkGeography.AreasByRegion[UkGeography.RegionIndex(UkGeography.Areas[area].Itl1)].Length)]
                        : rng.PickCumulative(UkGeography.AreaCumulative);
                }

                var moved = Postcode.RandomIn(rng, area);
                _people.PreviousHome[i] = home;
                _people.Home[i] = moved == home ? Postcode.WrongUnit(rng, moved) : moved;
                stats.HomeMoves++;
            }
        }
    }

    private int AddPerson(int year, SeededRandom rng)
    {
        EnsureCapacity(PersonCount + 1);
        var i = PersonCount++;
        _people.DrawPerson(i, year, rng);
        // School leavers (half of the entrants) are 16 to 21; the rest (returners, migrants) any working age.
        if (rng.Chance(0.5))
        {
            var birthYear = year - rng.NextInt(16, 21);
            _people.BirthDay[i] = new DateOnly(birthYear, 1, 1).DayNumber + rng.NextInt(DateTime.IsLeapYear(birthYear) ? 366 : 365);
        }

        var area = rng.PickCumulative(UkGeography.AreaCumulative);
        _people.Home[i] = Postcode.RandomIn(rng, area);
        _people.PreviousHome[i] = Postcode.WrongUnit(rng, _people.Home[i]);
        _main[i] = -1;
        _second[i] = -1;
        _previousFirm[i] = -1;
        _ninoFromWave[i] = Wave;
        return i;
    }

    private void StartMainSpell(int person, int firm)
    {
        _mainSpell[person] = NextSpell++;
        _mainKeyed[person] = Firms[firm];
    }

    private void StartSecondJob(int person, SeededRandom rng)
    {
        // Another active firm, chosen in proportion to employment (the main employer of a random employed person).
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var other = rng.NextInt(PersonCount);
            var firm = _main[other];
            if (firm >= 0 && firm != _main[person] && _alive[firm])
            {
                _second[person] = firm;
                _secondSpell[person] = NextSpell++;
                _secondKeyed[person] = Firms[firm];
                _secondHoursTenths[person] = (short)(60 + rng.NextInt(101));
                return;
            }
        }
    }

    /// <summary>The next job-spell number (spells are numbered from 1 in the order they start).</summary>
    public long NextSpell { get; private set; } = 1;

    private void EnsureCapacity(int count)
    {
        if (count <= _main.Length)
        {
            return;
        }

        var capacity = Math.Max(count, _main.Length + _main.Length / 4 + 16);
        var people = new PersonPopulation(capacity);
        CopyPeople(_people, people, PersonCount);
        _people = people;
        Array.Resize(ref _main, capacity);
        Array.Resize(ref _second, capacity);
        Array.Resize(ref _mainSpell, capacity);
        Array.Resize(ref _secondSpell, capacity);
        Array.Resize(ref _mainKeyed, capacity);
        Array.Resize(ref _secondKeyed, capacity);
        Array.Resize(ref _previousFirm, capacity);
        Array.Resize(ref _secondHoursTenths, capacity);
        Array.Resize(ref _ninoFromWave, capacity);
        Array.Resize(ref _everEmployed, capacity);
    }

    private static void CopyPeople(PersonPopulation from, PersonPopulation to, int count)
    {
        Array.Copy(from.Forename, to.Forename, count);
        Array.Copy(from.Surname, to.Surname, count);
        Array.Copy(from.Female, to.Female, count);
        Array.Copy(from.BirthDay, to.BirthDay, count);
        Array.Copy(from.Skill, to.Skill, count);
        Array.Copy(from.WorkerEffect, to.WorkerEffect, count);
        Array.Copy(from.Qualification, to.Qualification, count);
        Array.Copy(from.Soc, to.Soc, count);
        Array.Copy(from.HoursTenths, to.HoursTenths, count);
        Array.Copy(from.Home, to.Home, count);
        Array.Copy(from.PreviousHome, to.PreviousHome, count);
    }

    private static Firm Copy(Firm f, int? index = null, CompanyName? name = null, string? tradingName = null, short? taxOffice = null,
        int? area = null, int? postcode = null, int? addressCode = null, int? birthYear = null, int? lookAlikeOf = null)
    {
        var newArea = area ?? f.Area;
        return new Firm
        {
            Index = index ?? f.Index,
            LookAlikeOf = lookAlikeOf ?? f.LookAlikeOf,
            TaxOffice = taxOffice ?? f.TaxOffice,
            CompanyNumberPrefix = f.CompanyNumberPrefix,
            AddressCode = addressCode ?? f.AddressCode,
            Name = name ?? f.Name,
            TradingName = tradingName ?? f.TradingName,
            Area = newArea,
            Postcode = postcode ?? f.Postcode,
            Region = UkGeography.RegionIndex(UkGeography.Areas[newArea].Itl1),
            Section = f.Section,
            Division = f.Division,
            BirthYear = birthYear ?? f.BirthYear,
            Employment = f.Employment,
            Exporter = f.Exporter,
            ForeignOwned = f.ForeignOwned,
            Management = f.Management,
            Investment = f.Investment,
            WageEffect = f.WageEffect,
            MeanSkill = f.MeanSkill,
            LogGvaPerWorker = f.LogGvaPerWorker,
            LossMaking = f.LossMaking,
            Gva = f.Gva,
            Turnover = f.Turnover,
        };
    }
}
