using System.Diagnostics;
using System.Globalization;
using Adrn.Synthetic.Output;
using Adrn.Synthetic.Payroll;
using Adrn.Synthetic.Randomness;
using Adrn.Synthetic.Register;

namespace Adrn.Synthetic.Generation;

/// <summary>
/// One generation run. Stages run in a fixed order on one thread, each from its own seeded
/// stream, so output depends only on the options.
/// </summary>
internal sealed partial class PopulationGenerator
{
    private const ulong StreamSizes = 1;
    private const ulong StreamRegister = 2;
    private const ulong StreamPersons = 3;
    private const ulong StreamMatching = 4;
    private const ulong StreamHomes = 5;
    private const ulong StreamProductivity = 6;
    private const ulong StreamYears = 7;
    private const ulong StreamMoves = 8;
    private const ulong StreamPay = 9;
    private const ulong StreamSpell = 10;
    private const ulong StreamCohort = 11;
    private const ulong StreamOutsiders = 12;

    /// <summary>Year effects: a common trend in log pay per year plus a small shock.</summary>
    private const double YearTrend = 0.025;
    private const double YearShockSd = 0.01;

    /// <summary>Standard deviation of the person-year error in log pay.</summary>
    private const double PayResidualSd = 0.10;

    private readonly SyntheticPopulationOptions _options;
    private readonly string _outDir;
    private readonly IProgress<GenerationProgress>? _progress;
    private readonly CancellationToken _ct;
    private readonly List<string> _files = [];
    private readonly SortedDictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly long _totalWork;
    private long _done;

    private Firm[] _firms = [];
    private PersonPopulation _people = new(0);
    private int[] _employerOf = [];
    private int[] _firstEmployerOf = [];
    private int[] _previousEmployer = [];
    private int[] _moves = [];
    private readonly List<int> _movesByYear = [];
    private double[] _yearEffects = [];
    private double _firstYearSortingCorrelation;
    private (double Intercept, double ResidualSd, double SystematicVariance) _productivity;
    private int[] _sizes = [];
    private int _cohortFromPayroll;
    private int _cohortOutsiders;

    public PopulationGenerator(SyntheticPopulationOptions options, string outDir, IProgress<GenerationProgress>? progress, CancellationToken ct)
    {
        _options = options;
        _outDir = outDir;
        _progress = progress;
        _ct = ct;
        _totalWork = options.Employers + options.Persons * options.Years + options.Cohort;
    }

    private ulong Seed => _options.Seed;

    private int PersonCount => (int)_options.Persons;

    public SyntheticPopulationSummary Run()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_outDir);
        Directory.CreateDirectory(Path.Combine(_outDir, "truth"));

        Report("register");
        _sizes = FirmSizeDistribution.Draw(_options.Employers, _options.Persons, new SeededRandom(Seed, StreamSizes));
        _firms = BusinessRegisterBuilder.Build(_sizes, _options.FirstYear, new SeededRandom(Seed, StreamRegister));
        _ct.ThrowIfCancellationRequested();

        Report("persons");
        _people = PersonPopulation.Create(PersonCount, _options.FirstYear, new SeededRandom(Seed, StreamPersons));
        _employerOf = JobMatcher.InitialAssignment(_firms, _people.Skill, _options.Sorting, new SeededRandom(Seed, StreamMatching));
        _firstEmployerOf = (int[])_employerOf.Clone();
        _previousEmployer = new int[PersonCount];
        Array.Fill(_previousEmployer, -1);
        _moves = new int[PersonCount];
        _people.PlaceHomes(_employerOf, _firms, new SeededRandom(Seed, StreamHomes));
        _firstYearSortingCorrelation = WorkerFirmEffectCorrelation();
        _ct.ThrowIfCancellationRequested();

        SetMeanSkill();
        _productivity = BusinessRegisterBuilder.PlantProductivity(_firms, _options.FirstYear, new SeededRandom(Seed, StreamProductivity));
        WriteEmployers();
        WriteBusinessSurvey();
        WritePayroll();
        WriteCohort();
        Report("truth files");
        WritePersonsTruth();
        WriteEmployersTruth();
        WriteDgp();
        if (_options.Waves is not null)
        {
            WriteWaves(_options.Waves);
        }

        clock.Stop();
        _files.Sort(StringComparer.Ordinal);
        return new SyntheticPopulationSummary(_outDir, _files.ToArray(), _rows.ToList(), clock.Elapsed.TotalSeconds);
    }

    private void SetMeanSkill()
    {
        var sums = new double[_firms.Length];
        for (var i = 0; i < PersonCount; i++)
        {
            sums[_employerOf[i]] += _people.Skill[i];
        }

        for (var j = 0; j < _firms.Length; j++)
        {
            _firms[j].MeanSkill = sums[j] / _firms[j].Employment;
        }
    }

    private double WorkerFirmEffectCorrelation()
    {
        double sa = 0, sp = 0, saa = 0, spp = 0, sap = 0;
        var n = PersonCount;
        for (var i = 0; i < n; i++)
        {
            var a = _people.WorkerEffect[i];
            var p = _firms[_employerOf[i]].WageEffect;
            sa += a;
            sp += p;
            saa += a * a;
            spp += p * p;
            sap += a * p;
        }

        var cov = sap / n - sa / n * (sp / n);
        var va = saa / n - sa / n * (sa / n);
        var vp = spp / n - sp / n * (sp / n);
        return va > 0 && vp > 0 ? cov / Math.Sqrt(va * vp) : 0;
    }

    private TableWriter OpenTable(string name, IReadOnlyList<TableColumn> columns, OutputFormats? formats = null) =>
        new(_outDir, name, columns, formats ?? _options.Formats, _files);

    private void Finish(TableWriter writer) => _rows[writer.Name] = writer.Rows;

    private void Advance(long units, string stage)
    {
        var before = _done;
        _done += units;
        if (_progress is not null && (_done >> 16) != (before >> 16))
        {
            _progress.Report(new GenerationProgress(stage, _done, _totalWork));
        }
    }

    private void Report(string stage) => _progress?.Report(new GenerationProgress(stage, _done, _totalWork));

    private static string Id(char prefix, long number, int width) =>
        prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    private static int Width(long count, int minimum) =>
        Math.Max(minimum, count.ToString(CultureInfo.InvariantCulture).Length);
}
