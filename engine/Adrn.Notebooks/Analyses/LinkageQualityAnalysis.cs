using System.Globalization;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Evaluation;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Data;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Disclosure;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// Linkage quality of the employee-to-employer job (notebook 01): blocking, the trained model,
/// precision and recall against truth, the explanation of the hardest decision and a clerical
/// review sample.
/// </summary>
public sealed class LinkageQualityAnalysis
{
    private readonly SyntheticStudy _study;

    private LinkageQualityAnalysis(SyntheticStudy study, BlockingReport blocking, LinkageRunResult result)
    {
        _study = study;
        Blocking = blocking;
        Result = result;
    }

    /// <summary>Blocking analysis: comparisons each rule generates, before any comparison is made.</summary>
    public BlockingReport Blocking { get; }

    /// <summary>The linkage run (outputs, counts, timings, model, evaluation).</summary>
    public LinkageRunResult Result { get; }

    /// <summary>The trained model.</summary>
    public MatchModel Model => Result.Model;

    /// <summary>Precision, recall and F1 against the truth file, with the table by threshold.</summary>
    public EvaluationReport Evaluation => Result.Evaluation;

    /// <summary>Runs the blocking analysis and the linkage job of the study.</summary>
    /// <param name="study">The synthetic study.</param>
    public static LinkageQualityAnalysis Run(SyntheticStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var blocking = BlockingAnalysis.Analyse(study.EmployeeEmployerConfig());
        return new LinkageQualityAnalysis(study, blocking, study.LinkEmployeesToEmployers());
    }

    /// <summary>Match weights chart of the model.</summary>
    public ChartView MatchWeightChart() => LinkageCharts.MatchWeights(Model);

    /// <summary>m and u chart of the model.</summary>
    public ChartView MAndUChart() => LinkageCharts.MAndU(Model);

    /// <summary>Precision–recall chart against truth.</summary>
    public ChartView PrecisionRecallChart() => LinkageCharts.PrecisionRecall(Evaluation);

    /// <summary>
    /// Explains the hardest accepted link: the link whose match probability is closest to the
    /// threshold (ties: the first in file order), with each comparison's level and weight.
    /// </summary>
    public MatchWeightExplanation ExplainHardestLink()
    {
        var links = ArrowFrames.Load(Result.Files["links"][0]);
        var probability = FirmPanel.Numbers(links, "match_probability");
        if (probability.Length == 0) throw new InvalidOperationException("The run produced no links to explain.");
        var threshold = Evaluation.Threshold;
        var best = 0;
        for (var i = 1; i < probability.Length; i++)
            if (Math.Abs(probability[i] - threshold) < Math.Abs(probability[best] - threshold)) best = i;
        return Explain(links, best);
    }

    /// <summary>
    /// A clerical review sample of scored pairs, stratified by match probability band (equal numbers
    /// per band, seeded): per pair its band, probability, each comparison's agreement level and
    /// whether the truth file calls it a match. Record ids and values are not shown.
    /// </summary>
    /// <param name="perBand">Pairs drawn per probability band (default 4).</param>
    /// <param name="seed">Seed of the draw (default 7).</param>
    public CheckedTable ClericalSample(int perBand = 4, int seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perBand);
        var pairs = ArrowFrames.Load(Result.Files.TryGetValue("pairs", out var p) ? p[0] : Result.Files["links"][0]);
        var probability = FirmPanel.Numbers(pairs, "match_probability");
        var left = FirmPanel.Text(pairs, "id_l");
        var right = FirmPanel.Text(pairs, "id_r");
        var truth = TruthPairSet.Load(_study.TruthEmployeeEmployerPath);
        double[] bands = [0, 0.2, 0.5, 0.8, 0.99, 1.0000001];
        var random = new Random(seed);
        var columns = new List<string> { "pair", "probability band", "match probability" };
        columns.AddRange(Model.Comparisons.Select(c => c.Name));
        columns.Add("truth");
        var gammas = Model.Comparisons.Select(c => FirmPanel.Numbers(pairs, "gamma_" + c.Name)).ToList();
        var rows = new List<IReadOnlyList<string>>();
        var inv = CultureInfo.InvariantCulture;
        for (var b = 0; b + 1 < bands.Length; b++)
        {
            var members = Enumerable.Range(0, probability.Length).Where(i => probability[i] >= bands[b] && probability[i] < bands[b + 1]).ToList();
            // Partial Fisher–Yates: the first perBand entries become a uniform sample without replacement.
            for (var k = 0; k < Math.Min(perBand, members.Count); k++)
            {
                var j = k + random.Next(members.Count - k);
                (members[k], members[j]) = (members[j], members[k]);
                var i = members[k];
                var row = new List<string>
                {
                    (rows.Count + 1).ToString(inv),
                    $"[{bands[b].ToString("G2", inv)}, {Math.Min(1, bands[b + 1]).ToString("G2", inv)})",
                    probability[i].ToString("F4", inv),
                };
                for (var c = 0; c < Model.Comparisons.Count; c++)
                {
                    var g = gammas[c][i];
                    row.Add(double.IsNaN(g) ? string.Empty : Model.Comparisons[c].Level((int)g).Label);
                }

                row.Add(left[i] is { } l && right[i] is { } r && truth.Contains(l, r) ? "match" : "non-match");
                rows.Add(row);
            }
        }

        var check = new OutputCheck("clerical-sample", "record-level", OutputStatus.Review,
            ["record-level pairs for clerical review inside the secure environment; not for release"]);
        return new CheckedTable("Clerical review sample (stratified by match probability)", columns, rows, check,
            "Levels say how the fields agreed; record ids and values are withheld.");
    }

    private MatchWeightExplanation Explain(Microsoft.Data.Analysis.DataFrame links, int row)
    {
        string Get(string column) => FirmPanel.Text(links, column)[row]
            ?? throw new InvalidDataException($"{Result.Files["links"][0]}: row {row} has no {column}.");
        return LinkageJob.Explain(_study.EmployeeEmployerConfig(), Model, Get("source_l"), Get("id_l"), Get("source_r"), Get("id_r"));
    }
}
