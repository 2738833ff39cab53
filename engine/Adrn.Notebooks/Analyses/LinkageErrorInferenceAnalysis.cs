using System.Globalization;
using Adrn.Notebooks.Charts;
using Adrn.Notebooks.Formatting;
using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Adrn.Stats.LinkageError;
using Adrn.Synthetic;
using Adrn.Synthetic.LinkageError;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Adrn.Notebooks.Analyses;

/// <summary>
/// Inference that accounts for linkage error (notebook 04): the same regression across two linked files
/// estimated four ways — naive (best links), weighted by link probability, multiple imputation of the link
/// set (Rubin's rules) and the Lahiri–Larsen bias correction — against the truth. Two settings: the planted
/// linkage-error scenario of the generator (known slope, calibrated probabilities, best-link precision about
/// 0.95, with a coverage study over many draws), and the study's own cohort-to-payroll candidate pairs
/// (truth: the regression on the true links).
/// </summary>
public sealed class LinkageErrorInferenceAnalysis
{
    private static readonly string[] Methods = ["naive (best links)", "weighted by link probability", "multiple imputation", "Lahiri-Larsen"];

    private LinkageErrorInferenceAnalysis(string title, string term, double truth, string truthLabel, IReadOnlyList<(string Method, CoefficientEstimate Estimate)> estimates,
        OutputCheck check, IReadOnlyList<(string Method, double Coverage, double MeanEstimate)>? coverage, int replications, double precision)
    {
        Title = title;
        Term = term;
        Truth = truth;
        TruthLabel = truthLabel;
        Estimates = estimates;
        Check = check;
        Coverage = coverage ?? [];
        Replications = replications;
        BestLinkPrecision = precision;
    }

    /// <summary>What was estimated.</summary>
    public string Title { get; }

    /// <summary>The coefficient compared.</summary>
    public string Term { get; }

    /// <summary>The true value: the planted slope, or the estimate on the true links.</summary>
    public double Truth { get; }

    /// <summary>Where <see cref="Truth"/> comes from.</summary>
    public string TruthLabel { get; }

    /// <summary>The four estimates (naive, weighted, multiple imputation, Lahiri–Larsen).</summary>
    public IReadOnlyList<(string Method, CoefficientEstimate Estimate)> Estimates { get; }

    /// <summary>The output check of the regressions (the worst of them).</summary>
    public OutputCheck Check { get; }

    /// <summary>Share of 95% intervals covering the planted slope, per method (planted scenario only).</summary>
    public IReadOnlyList<(string Method, double Coverage, double MeanEstimate)> Coverage { get; }

    /// <summary>Replications of the coverage study (0 when none).</summary>
    public int Replications { get; }

    /// <summary>Precision of the best links (share of best links that are true).</summary>
    public double BestLinkPrecision { get; }

    /// <summary>The estimate of one method by its position: 0 naive, 1 weighted, 2 multiple imputation, 3 Lahiri–Larsen.</summary>
    /// <param name="method">Position.</param>
    public CoefficientEstimate this[int method] => Estimates[method].Estimate;

    /// <summary>
    /// The planted scenario (<see cref="SyntheticLinkageError"/>): one draw shown in detail, then
    /// <paramref name="replications"/> draws for the coverage of each method's 95% interval.
    /// </summary>
    /// <param name="replications">Draws of the coverage study (default 100; the test suite runs 200).</param>
    /// <param name="leftRecords">Left records per draw (default 2 000).</param>
    /// <param name="imputations">Imputations M (default 10).</param>
    public static LinkageErrorInferenceAnalysis Planted(int replications = 100, int leftRecords = 2_000, int imputations = 10)
    {
        var scenario = new LinkageErrorScenario { LeftRecords = leftRecords, ExtraRightRecords = leftRecords };
        var options = new LinkedRegressionOptions { Imputations = imputations, BurnIn = 10 };
        (CoefficientEstimate[] Fits, OutputCheck[] Checks, double Precision) Draw(ulong seed, int imputationSeed)
        {
            var pop = SyntheticLinkageError.Simulate(seed, scenario);
            var linked = LinkedRegression.Create(
                RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = pop.LeftId, ["x"] = pop.LeftX }),
                RegressionData.FromArrays(new Dictionary<string, Array> { ["id"] = pop.RightId, ["y"] = pop.RightY }),
                CandidateLinks.FromArrays(pop.PairLeft, pop.PairRight, pop.PairProbability), options with { Seed = imputationSeed });
            var naive = linked.FitBestLinks("y ~ x");
            var weighted = linked.FitWeighted("y ~ x");
            var mi = linked.FitMultipleImputation("y ~ x");
            var ll = linked.FitLahiriLarsen("y ~ x");
            return ([naive["x"], weighted["x"], mi["x"], ll["x"]], [naive.Check, weighted.Check, mi.Check, ll.Check], pop.BestLinkPrecision);
        }

        var shown = Draw(1, 1);
        var draws = new (CoefficientEstimate[] Fits, OutputCheck[] Checks, double Precision)[replications];
        Parallel.For(0, replications, r => draws[r] = Draw((ulong)(1000 + r), r));
        var slope = scenario.Slope;
        var coverage = Enumerable.Range(0, 4).Select(m => (Methods[m],
            draws.Count(d => d.Fits[m].CiLow <= slope && slope <= d.Fits[m].CiHigh) / (double)Math.Max(1, replications),
            replications == 0 ? double.NaN : draws.Average(d => d.Fits[m].Estimate))).ToList();
        return new LinkageErrorInferenceAnalysis(
            string.Create(CultureInfo.InvariantCulture, $"Planted linkage error: y = {scenario.Intercept} + {slope}·x + e across two files, {leftRecords:N0} left records"),
            "x", slope, "planted slope", Methods.Select((m, i) => (m, shown.Fits[i])).ToList(), Worst(shown.Checks), coverage, replications, shown.Precision);
    }

    /// <summary>
    /// The study's cohort-to-payroll linkage: log annual pay in the latest payroll year (right: payroll persons)
    /// on self-reported occupation (left: cohort members, SOC major group 1–9), on the engine's candidate pairs,
    /// against the same regression on the true links (truth/cohort_employee.csv). The pairs' probabilities are
    /// pairwise Fellegi–Sunter posteriors; a member whose candidates' probabilities sum above one has them
    /// rescaled to one for the imputation, and Lahiri–Larsen takes the best link's probability as its chance of
    /// being right, both approximations the notebook states.
    /// </summary>
    /// <param name="study">The study (runs the cohort linkage if needed).</param>
    /// <param name="imputations">Imputations M (default 20).</param>
    public static LinkageErrorInferenceAnalysis OnCohortLinks(SyntheticStudy study, int imputations = 20)
    {
        ArgumentNullException.ThrowIfNull(study);
        const string Formula = "log(annual_pay) ~ occupation";
        var cohort = RegressionData.ReadCsv(Path.Combine(study.DataDirectory, "cohort.csv"));
        var left = RegressionData.FromColumns([cohort.GetColumn("cohort_id"), cohort.GetColumn("occupation")]);
        var right = LatestPayPerPerson(RegressionData.ReadCsv(Path.Combine(study.DataDirectory, "employees.csv")));
        var options = new LinkedRegressionOptions { LeftId = "cohort_id", RightId = "person_id", Imputations = imputations };
        var run = study.LinkCohortToPayroll();
        var pairs = run.Files.TryGetValue("pairs", out var p) ? p[0]
            : throw new InvalidOperationException("The cohort linkage wrote no pairs file; the study's jobs set outputs.write_pairs.");
        var linked = LinkedRegression.Create(left, right, CandidateLinks.FromTable(RegressionData.Load(pairs)), options);

        var truthTable = RegressionData.ReadCsv(study.TruthCohortEmployeePath);
        var truthLinks = CandidateLinks.FromArrays(
            Enumerable.Range(0, truthTable.RowCount).Select(i => truthTable.GetColumn("cohort_id").GetLabel(i)!).ToList(),
            Enumerable.Range(0, truthTable.RowCount).Select(i => truthTable.GetColumn("person_id").GetLabel(i)!).ToList(),
            Enumerable.Repeat(1.0, truthTable.RowCount).ToList());
        var truthFit = LinkedRegression.Create(left, right, truthLinks, options).FitBestLinks(Formula);

        var naive = linked.FitBestLinks(Formula);
        var weighted = linked.FitWeighted(Formula);
        var mi = linked.FitMultipleImputation(Formula);
        var ll = linked.FitLahiriLarsen(Formula);
        var precision = MeasureBestLinkPrecision(run.Files["pairs"][0], truthTable, options.Threshold);
        return new LinkageErrorInferenceAnalysis(
            $"Cohort to payroll ({study.Settings.PopulationName}): {Formula}", "occupation", truthFit["occupation"].Estimate, "estimate on the true links",
            [(Methods[0], naive["occupation"]), (Methods[1], weighted["occupation"]), (Methods[2], mi["occupation"]), (Methods[3], ll["occupation"])],
            Worst([truthFit.Check, naive.Check, weighted.Check, mi.Check, ll.Check]), null, 0, precision);
    }

    // The right file of the cohort linkage: one row per payroll person, annual pay of the latest year.
    private static RegressionData LatestPayPerPerson(RegressionData payroll)
    {
        var person = payroll.GetColumn("person_id");
        var years = new double[payroll.RowCount];
        var pay = new double[payroll.RowCount];
        payroll.GetColumn("year").CopyNumeric(years);
        payroll.GetColumn("annual_pay").CopyNumeric(pay);
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < payroll.RowCount; i++)
        {
            var id = person.GetLabel(i);
            if (id is null) continue;
            if (!latest.TryGetValue(id, out var j) || years[i] > years[j]) latest[id] = i;
        }

        return RegressionData.FromArrays(new Dictionary<string, Array>
        {
            ["person_id"] = latest.Keys.ToArray(),
            ["annual_pay"] = latest.Values.Select(i => pay[i]).ToArray(),
        });
    }

    private static double MeasureBestLinkPrecision(string pairsPath, RegressionData truth, double threshold)
    {
        var pairs = RegressionData.Load(pairsPath);
        var p = new double[pairs.RowCount];
        pairs.GetColumn("match_probability").CopyNumeric(p);
        var best = new Dictionary<string, (string Right, double P)>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.RowCount; i++)
        {
            var l = pairs.GetColumn("id_l").GetLabel(i)!;
            if (!best.TryGetValue(l, out var b) || p[i] > b.P) best[l] = (pairs.GetColumn("id_r").GetLabel(i)!, p[i]);
        }

        var trueRight = Enumerable.Range(0, truth.RowCount).ToDictionary(i => truth.GetColumn("cohort_id").GetLabel(i)!, i => truth.GetColumn("person_id").GetLabel(i)!, StringComparer.Ordinal);
        var linked = best.Where(kv => kv.Value.P >= threshold).ToList();
        return linked.Count == 0 ? double.NaN : linked.Count(kv => trueRight.TryGetValue(kv.Key, out var t) && t == kv.Value.Right) / (double)linked.Count;
    }

    private static OutputCheck Worst(IEnumerable<OutputCheck> checks) =>
        checks.OrderByDescending(c => c.Status == OutputStatus.Fail ? 2 : c.Status == OutputStatus.Review ? 1 : 0).First();

    /// <summary>The four estimates next to the truth: estimate, SE, 95% interval, whether it covers the truth, bias.</summary>
    public CheckedTable EstimatesTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { $"truth ({TruthLabel})", Truth.ToString("F4", inv), string.Empty, string.Empty, string.Empty, string.Empty },
        };
        rows.AddRange(Estimates.Select(e => (IReadOnlyList<string>)new[]
        {
            e.Method, e.Estimate.Estimate.ToString("F4", inv), e.Estimate.StdError.ToString("F4", inv),
            $"[{e.Estimate.CiLow.ToString("F4", inv)}, {e.Estimate.CiHigh.ToString("F4", inv)}]",
            e.Estimate.CiLow <= Truth && Truth <= e.Estimate.CiHigh ? "yes" : "no",
            (e.Estimate.Estimate - Truth).ToString("+0.0000;-0.0000", inv),
        }));
        return new CheckedTable($"{Title}: coefficient of {Term}", ["estimator", "estimate", "std. error", "95% interval", "covers truth", "bias"], rows,
            Check with { Id = "linkage-inference-" + Term },
            string.Create(inv, $"Best-link precision {BestLinkPrecision:P1}. Naive and weighted: HC1 errors on the best links (p ≥ 0.5). Multiple imputation: links drawn from their posterior given the candidates' probabilities and the outcome model, Rubin's rules. Lahiri–Larsen: regressors mixed with their mean by the link probability, HC1 errors."));
    }

    /// <summary>Coverage of the planted slope by each method's 95% interval over the replications.</summary>
    public CheckedTable CoverageTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = Coverage.Select(c => (IReadOnlyList<string>)new[]
        {
            c.Method, c.MeanEstimate.ToString("F4", inv), (c.MeanEstimate - Truth).ToString("+0.0000;-0.0000", inv), c.Coverage.ToString("P1", inv),
        }).ToList();
        return new CheckedTable(string.Create(inv, $"Coverage of the planted slope {Truth} over {Replications} draws (nominal 95%)"),
            ["estimator", "mean estimate", "mean bias", "95% CI coverage"], rows, Check with { Id = "linkage-inference-coverage" },
            "Synthetic data: the planted scenario of Adrn.Synthetic (calibrated record-level link probabilities).");
    }

    /// <summary>Chart of the four estimates with their 95% intervals and the truth.</summary>
    public ChartView Chart()
    {
        var labels = Estimates.Select(e => e.Method).ToList();
        var chart = PlotlyChart.Combine(
            [
                PlotlyChart.Point<string, double, string>(UseDefaults: false, x: labels, y: Estimates.Select(e => e.Estimate.Estimate), Name: "estimate"),
                PlotlyChart.Point<string, double, string>(UseDefaults: false, x: labels, y: Estimates.Select(e => e.Estimate.CiLow), Name: "95% CI low"),
                PlotlyChart.Point<string, double, string>(UseDefaults: false, x: labels, y: Estimates.Select(e => e.Estimate.CiHigh), Name: "95% CI high"),
                PlotlyChart.Line<string, double, string>(UseDefaults: false, x: labels, y: labels.Select(_ => Truth), Name: TruthLabel),
            ])
            .WithYAxisStyle<double, double, double>(TitleText: Term)
            .WithSize(Width: 860, Height: 420);
        return new ChartView($"{Title}: estimates and 95% intervals", chart, Check);
    }
}
