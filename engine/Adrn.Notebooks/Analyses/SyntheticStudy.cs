using System.Globalization;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Panel;
using Adrn.Linkage.Privacy;
using Adrn.Synthetic;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// A synthetic population on disk plus the linkage runs and panels the notebooks need. The
/// population is generated once per <see cref="StudySettings"/> (sizes and seed) and reused; the
/// linkage jobs are the repository's example jobs (<c>examples/*.json</c>) run on it. Pseudonymous
/// keys come from one ephemeral key per study object, so panels built by the same object join.
/// </summary>
public sealed class SyntheticStudy
{
    private const string CompleteMarker = ".adrn-study-complete";
    private LinkageRunResult? _employerLinks;
    private LinkageRunResult? _cohortLinks;
    private LinkageRunResult? _employerLinksWithoutPaye;

    private SyntheticStudy(StudySettings settings, string dataDirectory)
    {
        Settings = settings;
        DataDirectory = dataDirectory;
    }

    /// <summary>The settings the population was generated with.</summary>
    public StudySettings Settings { get; }

    /// <summary>The folder of the generated population.</summary>
    public string DataDirectory { get; }

    /// <summary>The key of every <c>person_key</c>/<c>employer_key</c> this study writes (ephemeral: never stored).</summary>
    public PseudonymKey Key { get; } = PseudonymKey.CreateEphemeral();

    /// <summary>Business register (Arrow).</summary>
    public string EmployersPath => Path.Combine(DataDirectory, "employers.arrow");

    /// <summary>Payroll records (Arrow).</summary>
    public string EmployeesPath => Path.Combine(DataDirectory, "employees.arrow");

    /// <summary>Cohort members (Arrow).</summary>
    public string CohortPath => Path.Combine(DataDirectory, "cohort.arrow");

    /// <summary>True employee-to-employer links (<c>record_id,employer_id</c>).</summary>
    public string TruthEmployeeEmployerPath => Path.Combine(DataDirectory, "truth", "employee_employer.csv");

    /// <summary>True cohort-to-payroll links (<c>cohort_id,person_id</c>).</summary>
    public string TruthCohortEmployeePath => Path.Combine(DataDirectory, "truth", "cohort_employee.csv");

    /// <summary>Planted employer truth (firm wage effect, mean worker skill).</summary>
    public string TruthEmployersPath => Path.Combine(DataDirectory, "truth", "employers.csv");

    /// <summary>The data-generating process parameters.</summary>
    public string DgpPath => Path.Combine(DataDirectory, "dgp.json");

    /// <summary>Folder of this study's linkage outputs and panels.</summary>
    public string OutputDirectory => Path.Combine(DataDirectory, "outputs");

    /// <summary>The planted productivity model from <c>dgp.json</c>.</summary>
    public PlantedProductivityModel Planted => PlantedProductivityModel.Load(DgpPath);

    /// <summary>Opens the population for the settings, generating it first if it is not on disk yet.</summary>
    /// <param name="settings">Sizes, seed and work folder; null for <see cref="StudySettings.FromEnvironment"/>.</param>
    public static SyntheticStudy Open(StudySettings? settings = null)
    {
        settings ??= StudySettings.FromEnvironment();
        var dir = Path.Combine(settings.WorkDirectory, settings.PopulationName);
        if (!File.Exists(Path.Combine(dir, CompleteMarker)))
        {
            // NOTE: the marker is written last, so a run interrupted while generating is redone
            // rather than read half-written.
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            SyntheticPopulation.Generate(new SyntheticPopulationOptions
            {
                Employers = settings.Employers,
                Employees = settings.Employees,
                Cohort = settings.Cohort,
                Years = settings.Years,
                Seed = settings.Seed,
                Formats = OutputFormats.Csv | OutputFormats.Arrow,
                Noise = settings.Noise,
            }, dir);
            File.WriteAllText(Path.Combine(dir, CompleteMarker), settings.PopulationName + "\n");
        }

        return new SyntheticStudy(settings, dir);
    }

    /// <summary>The example job linking payroll records to the register (<c>examples/employee-employer.json</c>) on this population, writing pairs too.</summary>
    public LinkageJobConfig EmployeeEmployerConfig() => LoadExample("employee-employer.json");

    /// <summary>The example job linking cohort members to payroll persons (<c>examples/cohort-employee.json</c>) on this population, writing pairs too.</summary>
    public LinkageJobConfig CohortEmployeeConfig() => LoadExample("cohort-employee.json");

    /// <summary>Runs (once per study object) the employee-to-employer linkage; outputs in <c>outputs/employee-employer</c>.</summary>
    public LinkageRunResult LinkEmployeesToEmployers() =>
        _employerLinks ??= LinkageJob.Run(EmployeeEmployerConfig(), Path.Combine(OutputDirectory, "employee-employer"));

    /// <summary>
    /// The employee-to-employer job without the PAYE reference (as for payroll sources that do not
    /// carry it): the <c>paye_ref</c> comparison and blocking rules are dropped, λ is estimated from
    /// exact agreement on employer name and postcode, and EM runs on the postcode and name blocks.
    /// Names and postcodes alone link less precisely, which is what notebook 04 needs to show.
    /// </summary>
    public LinkageJobConfig EmployeeEmployerConfigWithoutPaye()
    {
        var config = EmployeeEmployerConfig();
        static bool UsesPaye(BlockingRuleConfig rule) => rule.Parts.Any(p => p.Column == "paye_ref");
        var rules = config.BlockingRules.Where(r => !UsesPaye(r)).ToList();
        var postcode = rules.FirstOrDefault(r => r.Parts.Count == 1 && r.Parts[0].Column == "employer_postcode" && r.Parts[0].Method == BlockingKeyMethod.Exact);
        var name = rules.FirstOrDefault(r => r.Parts.Count == 1 && r.Parts[0].Column == "employer_name" && r.Parts[0].Method == BlockingKeyMethod.Exact);
        if (postcode is null || name is null)
            throw new InvalidDataException("examples/employee-employer.json no longer has the exact employer_postcode and employer_name blocking rules this variant trains on.");
        return config with
        {
            Name = config.Name + "-without-paye",
            Comparisons = config.Comparisons.Where(c => c.Column != "paye_ref").ToList(),
            BlockingRules = rules,
            Training = config.Training with
            {
                DeterministicRules = [new BlockingRuleConfig { Name = "employer_name+employer_postcode", Parts = [.. name.Parts, .. postcode.Parts] }],
                EmRounds = [new EmRoundConfig { BlockingRule = postcode }, new EmRoundConfig { BlockingRule = name }],
            },
        };
    }

    /// <summary>Runs (once per study object) <see cref="EmployeeEmployerConfigWithoutPaye"/>; outputs in <c>outputs/employee-employer-without-paye</c>.</summary>
    public LinkageRunResult LinkEmployeesToEmployersWithoutPaye() =>
        _employerLinksWithoutPaye ??= LinkageJob.Run(EmployeeEmployerConfigWithoutPaye(), Path.Combine(OutputDirectory, "employee-employer-without-paye"));

    /// <summary>Runs (once per study object) the cohort-to-payroll linkage; outputs in <c>outputs/cohort-employee</c>.</summary>
    public LinkageRunResult LinkCohortToPayroll() =>
        _cohortLinks ??= LinkageJob.Run(CohortEmployeeConfig(), Path.Combine(OutputDirectory, "cohort-employee"));

    /// <summary>
    /// Builds the linked panel (one row per payroll record, pseudonymous keys, no names or NINOs) on
    /// the given links with this study's key.
    /// </summary>
    /// <param name="label">Name of the link set, used in tables.</param>
    /// <param name="linksPath">An adrn links or pairs file (<c>id_l,id_r,match_probability</c>) or the truth file.</param>
    /// <param name="minimumProbability">Links below this probability are dropped; where a record has several, the most probable is kept.</param>
    public LinkedPanel BuildLinkedPanel(string label, string linksPath, double minimumProbability = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(linksPath);
        var name = "linked_panel-" + string.Concat(label.Where(char.IsLetterOrDigit)).ToLowerInvariant() + ".arrow";
        var path = Path.Combine(OutputDirectory, "panels", name);
        var summary = LinkedPanelBuilder.Build(new LinkedPanelOptions
        {
            Definition = LinkedPanelDefinition.Load(ExamplePath("linked-panel.json")),
            RecordsPath = EmployeesPath,
            LinkedPath = EmployersPath,
            LinksPath = linksPath,
            Key = Key,
            MinimumProbability = minimumProbability,
        }, path);
        return new LinkedPanel(label, path, summary);
    }

    /// <summary>The panel on the engine's employee-to-employer links (running the linkage if needed).</summary>
    public LinkedPanel EngineLinkedPanel() =>
        BuildLinkedPanel("engine links", LinkEmployeesToEmployers().Files["links"][0]);

    /// <summary>
    /// The panel the analyses run on: the release's <c>panel.arrow</c> when <see cref="StudySettings.ReleaseDirectory"/> is
    /// set (a persistent dataset's release, all waves), otherwise <see cref="EngineLinkedPanel"/>.
    /// </summary>
    public LinkedPanel Panel() => Settings.ReleaseDirectory is { } release ? ReleasePanel(release) : EngineLinkedPanel();

    /// <summary>The panel of a research release (<c>panel.arrow</c>, with <c>person_key</c>, <c>employer_key</c> and the linked panel's columns).</summary>
    /// <param name="releaseDirectory">The release folder.</param>
    public static LinkedPanel ReleasePanel(string releaseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(releaseDirectory);
        var path = Path.Combine(releaseDirectory, "panel.arrow");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: the release has no Arrow panel; make it with 'adrn dataset release --formats arrow' (or add arrow to --formats).", path);
        var keys = Adrn.Stats.Data.RegressionData.ReadArrowFile(path).GetColumn("employer_key");
        long rows = keys.Length, linked = 0;
        for (var i = 0; i < keys.Length; i++)
            if (keys.GetLabel(i) is not null) linked++;
        return new LinkedPanel("release " + Path.GetFileName(Path.GetFullPath(releaseDirectory)), path, new LinkedPanelSummary(path, rows, linked, 0));
    }

    /// <summary>A truth column keyed by the release's employer keys (<see cref="StudySettings.ReleaseTruthPath"/>).</summary>
    /// <param name="column">A column of <c>truth/employers.csv</c>, for example <c>mean_worker_skill</c>.</param>
    /// <exception cref="InvalidOperationException">No release truth was given.</exception>
    public IReadOnlyDictionary<string, double> ReleaseTruth(string column)
    {
        var path = Settings.ReleaseTruthPath
                   ?? throw new InvalidOperationException(
                       "The planted comparisons on a release need the truth keyed by the release's employer keys (ADRN_STUDY_RELEASE_TRUTH): a research release never carries it; for synthetic data the trusted linker, who holds the release key, can write it (docs/dataset.md).");
        var data = Adrn.Stats.Data.RegressionData.ReadCsv(path);
        var keys = data.GetColumn("employer_key");
        var values = new double[data.RowCount];
        data.GetColumn(column).CopyNumeric(values);
        var result = new Dictionary<string, double>(data.RowCount, StringComparer.Ordinal);
        for (var i = 0; i < data.RowCount; i++)
            if (keys.GetLabel(i) is { } key) result[key] = values[i];
        return result;
    }

    /// <summary>The panel on the true employee-to-employer links (probability 1).</summary>
    public LinkedPanel TrueLinkedPanel() => BuildLinkedPanel("true links", TruthEmployeeEmployerPath);

    private LinkageJobConfig LoadExample(string file)
    {
        var config = LinkageJobConfig.Load(ExamplePath(file), new Dictionary<string, string> { ["data"] = DataDirectory });
        return config with
        {
            Outputs = config.Outputs with { Formats = [SourceFormat.Arrow], WritePairs = true },
            Name = config.Name + "-" + Settings.PopulationName.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An example file (a job, the linked panel definition) copied beside the assembly from the repository's examples/.</summary>
    private static string ExamplePath(string file)
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(SyntheticStudy).Assembly.Location)!, "examples", file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: the example file is missing beside Adrn.Notebooks.dll; rebuild engine/Adrn.Notebooks.", path);
        return path;
    }
}
