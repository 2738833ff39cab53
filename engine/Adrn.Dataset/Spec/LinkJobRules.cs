using Adrn.Linkage.Configuration;

namespace Adrn.Dataset.Spec;

/// <summary>
/// The rules a linkage job must follow to link a source to a spine: a <c>link_only</c> job in the ordinary job format whose
/// first source is <c>wave</c> (path <c>${wave}</c>) and second <c>spine</c> (path <c>${spine}</c>, id column
/// <c>record_key</c>, reading only spine columns), resolved many-to-one or one-to-one, scored by Fellegi–Sunter.
/// </summary>
internal static class LinkJobRules
{
    public const string WaveSource = "wave";
    public const string SpineSource = "spine";
    public const string SpineIdColumn = "record_key";

    /// <summary>Loads a link job for a run with the given files (both must exist).</summary>
    public static LinkageJobConfig Load(string json, string wavePath, string spinePath, string baseDirectory) =>
        LinkageJobConfig.Parse(json, baseDirectory, new Dictionary<string, string> { ["wave"] = wavePath, ["spine"] = spinePath });

    /// <summary>Every problem of a link job (prefixed with <paramref name="at"/>), checked on empty placeholder files.</summary>
    public static IReadOnlyList<string> Problems(string json, string at, string baseDirectory)
    {
        var config = LoadWithPlaceholders(json, at, baseDirectory, out var problems);
        if (config is null) return problems;
        if (config.LinkType != LinkType.LinkOnly) problems.Add($"{at}.link_type: a link to a spine is link_only (got {config.LinkType})");
        if (config.Sources.Count != 2 || config.Sources[0].Name != WaveSource || config.Sources[1].Name != SpineSource)
            problems.Add($"{at}.sources: the job needs two sources, first '{WaveSource}' (path ${{wave}}) then '{SpineSource}' (path ${{spine}}); got {string.Join(", ", config.Sources.Select(s => s.Name))}");
        else if (config.Sources[1].IdColumn != SpineIdColumn)
            problems.Add($"{at}.sources[1].id_column: the spine's id column is '{SpineIdColumn}' (got '{config.Sources[1].IdColumn}')");
        if (config.Resolution.Method is not (ResolutionMethod.ManyToOne or ResolutionMethod.OneToOne))
            problems.Add($"{at}.resolution.method: a wave record links to at most one entity: use many_to_one or one_to_one (got {config.Resolution.Method})");
        if (config.Scorer != PairScorerKind.FellegiSunter)
            problems.Add($"{at}.scorer: the store links with the Fellegi–Sunter scorer");
        return problems;
    }

    /// <summary>Problems with the spine side of a job: every job column must read a column of <paramref name="spine"/>.</summary>
    public static IReadOnlyList<string> SpineColumnProblems(string json, SpineSpec spine, string at, string baseDirectory)
    {
        var config = LoadWithPlaceholders(json, at, baseDirectory, out var problems);
        if (config is null || config.Sources.Count != 2) return problems;
        var side = config.Sources[1];
        foreach (var column in config.Columns)
        {
            var file = side.FileColumn(column.Name);
            if (!spine.Columns.Contains(file))
                problems.Add($"{at}: job column '{column.Name}' reads spine column '{file}', which spine '{spine.Name}' does not have (columns: {string.Join(", ", spine.Columns)})");
        }

        return problems;
    }

    private static LinkageJobConfig? LoadWithPlaceholders(string json, string at, string baseDirectory, out List<string> problems)
    {
        problems = [];
        var dir = Path.Combine(Path.GetTempPath(), "adrn-job-check-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var wave = Path.Combine(dir, "wave.csv");
            var spine = Path.Combine(dir, "spine.arrow");
            File.WriteAllText(wave, string.Empty);
            File.WriteAllText(spine, string.Empty);
            return Load(json, wave, spine, baseDirectory);
        }
        catch (ConfigValidationException ex)
        {
            problems.AddRange(ex.Problems.Select(p => $"{at}: {p}"));
            return null;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
