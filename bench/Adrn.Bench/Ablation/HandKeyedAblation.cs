using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Adrn.Linkage;
using Adrn.Linkage.Configuration;
using Adrn.Synthetic;

namespace Adrn.Bench.Ablation;

/// <summary>
/// The before/after table of issue 16 (docs/methodology.md, "Hand-keyed employer fields"): precision, recall and F1 of
/// employee → employer (many-to-one) and cohort → payroll person (one-to-one) as the four parts are added one at a
/// time — the hand-keyed noise profile, typo-tolerant blocking, fuzzy name levels, the register posterior. The jobs of
/// each row are derived from the shipped examples: the rows before the last take the listed sections of
/// <c>employee-employer-hand-keyed.json</c> / <c>cohort-employee-hand-keyed.json</c> into <c>employee-employer.json</c> /
/// <c>cohort-employee.json</c>; the last row is the hand-keyed examples themselves.
/// </summary>
public static class HandKeyedAblation
{
    /// <summary>One row of the table.</summary>
    /// <param name="Stage">What the row adds.</param>
    /// <param name="Employer">Employee → employer figures.</param>
    /// <param name="Cohort">Cohort → payroll figures.</param>
    public sealed record Row(string Stage, Figures Employer, Figures Cohort);

    /// <summary>Figures of one linkage run.</summary>
    /// <param name="Precision">Precision of the links.</param>
    /// <param name="Recall">Recall of the links.</param>
    /// <param name="F1">F1.</param>
    /// <param name="Pairs">Candidate pairs compared.</param>
    /// <param name="Seconds">Wall-clock seconds of the run.</param>
    public sealed record Figures(double Precision, double Recall, double F1, long Pairs, double Seconds);

    /// <summary>Generates the default and hand-keyed populations and runs the five rows.</summary>
    /// <param name="examples">The repository's <c>examples</c> folder.</param>
    /// <param name="work">Folder for data and outputs.</param>
    /// <param name="options">Population size and seed (the noise is set per row).</param>
    /// <param name="log">Progress lines.</param>
    /// <returns>The rows, in order.</returns>
    public static IReadOnlyList<Row> Run(string examples, string work, SyntheticPopulationOptions options, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(examples);
        ArgumentException.ThrowIfNullOrWhiteSpace(work);
        ArgumentNullException.ThrowIfNull(options);
        var defaultData = Path.Combine(work, "data-default");
        var handKeyedData = Path.Combine(work, "data-hand-keyed");
        SyntheticPopulation.Generate(options with { Noise = new NoiseOptions(), HandKeyed = null }, defaultData);
        SyntheticPopulation.Generate(NoiseProfiles.HandKeyed(options), handKeyedData);

        var oldEmployer = Json(Path.Combine(examples, "employee-employer.json"));
        var newEmployer = Json(Path.Combine(examples, "employee-employer-hand-keyed.json"));
        var oldCohort = Json(Path.Combine(examples, "cohort-employee.json"));
        var newCohort = Json(Path.Combine(examples, "cohort-employee-hand-keyed.json"));
        (string Stage, string Data, JsonObject Employer, JsonObject Cohort)[] stages =
        [
            ("shipped jobs, default noise", defaultData, oldEmployer, oldCohort),
            ("+ hand-keyed noise (part 4)", handKeyedData, oldEmployer, oldCohort),
            ("+ typo-tolerant blocking (part 1)", handKeyedData, Take(oldEmployer, newEmployer, "blocking_rules"), Take(oldCohort, newCohort, "blocking_rules")),
            ("+ fuzzy name levels, synonyms, register TF (part 2)", handKeyedData,
                Take(oldEmployer, newEmployer, "blocking_rules", "columns", "comparisons", "term_frequency", "training"),
                Take(oldCohort, newCohort, "blocking_rules", "columns", "comparisons", "term_frequency", "training")),
            ("+ register posterior (part 3) = the hand-keyed examples", handKeyedData, newEmployer, newCohort),
        ];

        var rows = new List<Row>();
        for (var s = 0; s < stages.Length; s++)
        {
            var (stage, data, employer, cohort) = stages[s];
            var e = RunJob(employer, data, Path.Combine(work, $"stage{s}-employer"));
            var c = RunJob(cohort, data, Path.Combine(work, $"stage{s}-cohort"));
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{stage}: employer P {e.Precision:F4} R {e.Recall:F4} F1 {e.F1:F4} ({e.Pairs:N0} pairs, {e.Seconds:F1} s); cohort P {c.Precision:F4} R {c.Recall:F4} F1 {c.F1:F4} ({c.Pairs:N0} pairs, {c.Seconds:F1} s)"));
            rows.Add(new Row(stage, e, c));
        }

        return rows;
    }

    /// <summary>The rows as a Markdown table.</summary>
    /// <param name="rows">Rows from <see cref="Run"/>.</param>
    /// <returns>The table.</returns>
    public static string ToMarkdown(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| stage | employee → employer P | R | F1 | pairs | cohort → payroll P | R | F1 | pairs |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
            sb.AppendLine(ci, $"| {r.Stage} | {r.Employer.Precision:F4} | {r.Employer.Recall:F4} | {r.Employer.F1:F4} | {r.Employer.Pairs:N0} | {r.Cohort.Precision:F4} | {r.Cohort.Recall:F4} | {r.Cohort.F1:F4} | {r.Cohort.Pairs:N0} |");
        return sb.ToString();
    }

    private static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>A copy of <paramref name="baseJob"/> with the named top-level sections of <paramref name="from"/>.</summary>
    private static JsonObject Take(JsonObject baseJob, JsonObject from, params string[] sections)
    {
        var job = baseJob.DeepClone().AsObject();
        foreach (var section in sections)
        {
            job.Remove(section);
            if (from[section] is { } value) job[section] = value.DeepClone();
        }

        return job;
    }

    private static Figures RunJob(JsonObject job, string data, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "job.json");
        File.WriteAllText(path, job.ToJsonString());
        var config = LinkageJobConfig.Load(path, new Dictionary<string, string> { ["data"] = data });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = LinkageJob.Run(config, outDir);
        var e = result.Evaluation;
        return new Figures(e.Precision ?? double.NaN, e.Recall ?? double.NaN, e.F1 ?? double.NaN, result.PairsCompared, clock.Elapsed.TotalSeconds);
    }
}
