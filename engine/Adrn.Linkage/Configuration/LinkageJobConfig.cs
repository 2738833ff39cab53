namespace Adrn.Linkage.Configuration;

/// <summary>
/// A validated linkage job, loaded from a JSON file documented field by field in <c>docs/config.md</c>.
/// Everything here is plain data; the stages that execute it live in the Preparation, Blocking, Comparison,
/// Training, Scoring and Resolution folders.
/// </summary>
public sealed record LinkageJobConfig
{
    /// <summary>Job name (used in reports).</summary>
    public required string Name { get; init; }

    /// <summary>Folder of the configuration file (relative paths were resolved against it).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Which pairs are compared.</summary>
    public required LinkType LinkType { get; init; }

    /// <summary>Input tables (two for link_only, one for dedupe_only).</summary>
    public required IReadOnlyList<SourceConfig> Sources { get; init; }

    /// <summary>Job columns read from every source.</summary>
    public required IReadOnlyList<ColumnConfig> Columns { get; init; }

    /// <summary>Blocking rules, in priority order.</summary>
    public required IReadOnlyList<BlockingRuleConfig> BlockingRules { get; init; }

    /// <summary>Comparisons, in gamma-vector order.</summary>
    public required IReadOnlyList<ComparisonConfig> Comparisons { get; init; }

    /// <summary>Term-frequency options.</summary>
    public TermFrequencyConfig TermFrequency { get; init; } = new();

    /// <summary>Training steps.</summary>
    public TrainingConfig Training { get; init; } = new();

    /// <summary>Resolution and thresholds.</summary>
    public required ResolutionConfig Resolution { get; init; }

    /// <summary>Outputs to write.</summary>
    public OutputConfig Outputs { get; init; } = new();

    /// <summary>Ground truth, if any.</summary>
    public TruthConfig? Truth { get; init; }

    /// <summary>Scorer of candidate pairs (<c>scorer</c>: <c>fellegi-sunter</c>, the default, or <c>learned</c>).</summary>
    public PairScorerKind Scorer { get; init; } = PairScorerKind.FellegiSunter;

    /// <summary>
    /// The job file's <c>learning</c> object as raw JSON text, or null. Its fields are those of Adrn.Learning's
    /// <c>LearnedScoringOptions</c> (docs/learned-scoring.md), which reads and validates them: Adrn.Linkage does not
    /// depend on Adrn.Learning, so the one definition of those fields stays there.
    /// </summary>
    public string? LearningJson { get; init; }

    /// <summary>A job refuses to run when blocking would produce more comparisons than this (default 500,000,000).</summary>
    public long MaxComparisons { get; init; } = 500_000_000;

    /// <summary>Number of hash partitions of the blocking key space (default 64).</summary>
    public int Partitions { get; init; } = 64;

    /// <summary>Default of <see cref="MaxRejectedShare"/>.</summary>
    public const double DefaultMaxRejectedShare = 0.05;

    /// <summary>
    /// The largest share of a column's non-empty values in a source that may be unparseable or rejected by its
    /// standardiser (default 0.05) before the job stops, naming the column: a date written in another format or a
    /// column mapped to the wrong field must not silently cost recall. A source or a column may set its own.
    /// </summary>
    public double MaxRejectedShare { get; init; } = DefaultMaxRejectedShare;

    /// <summary>The limit of <see cref="MaxRejectedShare"/> for one column of one source: the column's, else the source's, else the job's.</summary>
    /// <param name="source">The source.</param>
    /// <param name="column">The job column.</param>
    /// <returns>The share, in [0, 1].</returns>
    public double MaxRejectedShareFor(SourceConfig source, ColumnConfig column)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(column);
        return column.MaxRejectedShare ?? source.MaxRejectedShare ?? MaxRejectedShare;
    }

    /// <summary>
    /// Reads and validates a job file. Strings may contain <c>${name}</c> variables, replaced from
    /// <paramref name="variables"/> (plus the built-in <c>${config_dir}</c>) before relative paths are resolved.
    /// </summary>
    /// <param name="path">Path of the JSON job file.</param>
    /// <param name="variables">Values for <c>${name}</c> placeholders (e.g. <c>data</c> -> a folder), or null.</param>
    /// <param name="requireInputFiles">Whether every source file must exist (false on a worker node, which reads a prepared job instead of the inputs).</param>
    /// <returns>The validated job.</returns>
    /// <exception cref="ConfigValidationException">Listing every problem found at once.</exception>
    public static LinkageJobConfig Load(string path, IReadOnlyDictionary<string, string>? variables = null, bool requireInputFiles = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new ConfigValidationException($"job file '{path}' does not exist");
        var full = System.IO.Path.GetFullPath(path);
        return new LinkageJobConfigParser(System.IO.Path.GetDirectoryName(full)!, variables) { RequireInputFiles = requireInputFiles }.Parse(File.ReadAllText(full));
    }

    /// <summary>Validates a job given as JSON text.</summary>
    /// <param name="json">The job JSON.</param>
    /// <param name="baseDirectory">Folder against which relative paths resolve.</param>
    /// <param name="variables">Values for <c>${name}</c> placeholders, or null.</param>
    /// <returns>The validated job.</returns>
    /// <exception cref="ConfigValidationException">Listing every problem found at once.</exception>
    public static LinkageJobConfig Parse(string json, string baseDirectory, IReadOnlyDictionary<string, string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        return new LinkageJobConfigParser(baseDirectory, variables).Parse(json);
    }

    /// <summary>Returns a copy whose source paths are replaced (CLI <c>--source name=path</c> overrides).</summary>
    /// <param name="paths">Source name -> new path (relative paths resolve against the current directory).</param>
    /// <returns>The modified job.</returns>
    /// <exception cref="ConfigValidationException">When a name matches no source.</exception>
    public LinkageJobConfig WithSourcePaths(IReadOnlyDictionary<string, string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var problems = new List<string>();
        foreach (var name in paths.Keys)
        {
            var found = false;
            foreach (var s in Sources) found |= s.Name == name;
            if (!found) problems.Add($"source override '{name}' matches no source of job '{Name}'");
        }

        if (problems.Count > 0) throw new ConfigValidationException(problems);
        var list = new List<SourceConfig>(Sources.Count);
        foreach (var s in Sources)
            list.Add(paths.TryGetValue(s.Name, out var p) ? s with { Path = System.IO.Path.GetFullPath(p) } : s);
        return this with { Sources = list };
    }

    /// <summary>
    /// Every classified column: job columns by name, and each source's <c>classifications</c> entries as
    /// <c>source.file_column</c>, with their class names (written to <c>report.json</c>).
    /// </summary>
    /// <returns>Column -> class name, in configuration order.</returns>
    public IReadOnlyDictionary<string, string> ClassificationReport()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in Columns) result[c.Name] = c.Classification.ToConfigName();
        foreach (var s in Sources)
            foreach (var (column, classification) in s.Classifications)
                result[$"{s.Name}.{column}"] = classification.ToConfigName();
        return result;
    }

    /// <summary>Finds a job column by name.</summary>
    /// <param name="name">Column name.</param>
    /// <returns>The column, or null.</returns>
    public ColumnConfig? FindColumn(string name)
    {
        foreach (var c in Columns)
            if (c.Name == name) return c;
        return null;
    }
}
