using Adrn.Stats.Data;
using Adrn.Stats.Disclosure;
using Adrn.Stats.Estimation;
using Adrn.Stats.Formulas;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Adrn.Stats.LinkageError;

/// <summary>
/// A linear regression whose variables come from two tables joined by probabilistic links, estimated four
/// ways: on each left record's most probable link (naive), weighted by link probability, by multiple
/// imputation of the link set (Rubin's rules), and with the Lahiri–Larsen bias correction. The formula may
/// name columns of either table; the candidates' probabilities are the prior over each left record's match.
/// </summary>
/// <example>
/// <code>
/// var linked = LinkedRegression.Create(cohort, payroll, CandidateLinks.FromTable(pairs),
///     new LinkedRegressionOptions { LeftId = "cohort_id", RightId = "person_id" });
/// var naive = linked.FitBestLinks("log_pay ~ qualification");
/// var mi = linked.FitMultipleImputation("log_pay ~ qualification");   // valid intervals under linkage error
/// var ll = linked.FitLahiriLarsen("log_pay ~ qualification");         // bias-corrected point estimate
/// </code>
/// </example>
public sealed class LinkedRegression
{
    private readonly LinkedPairData _pairs;
    private readonly IRegressionData _left;
    private readonly IRegressionData _right;
    private readonly LinkedRegressionOptions _options;
    private readonly double[] _probability;
    private readonly int[][] _candidates; // per left record with candidates: its pair indices
    private readonly int[] _bestPair;     // per left record: the most probable pair at or above the threshold, or −1

    private LinkedRegression(LinkedPairData pairs, IRegressionData left, IRegressionData right, LinkedRegressionOptions options, double[] probability, int[][] candidates)
    {
        _pairs = pairs;
        _left = left;
        _right = right;
        _options = options;
        _probability = probability;
        _candidates = candidates;
        _bestPair = candidates.Select(c =>
        {
            var best = c.MaxBy(j => probability[j]);
            return probability[best] >= options.Threshold ? best : -1;
        }).ToArray();
    }

    /// <summary>Left records with at least one candidate.</summary>
    public int LeftRecordsWithCandidates => _candidates.Length;

    /// <summary>Candidate pairs.</summary>
    public int CandidatePairs => _probability.Length;

    /// <summary>Left records whose most probable candidate reaches the threshold (the naive link set).</summary>
    public int BestLinks => _bestPair.Count(p => p >= 0);

    /// <summary>Joins the candidates to the two tables.</summary>
    /// <param name="left">The left table (one row per record, identifier column <see cref="LinkedRegressionOptions.LeftId"/>).</param>
    /// <param name="right">The right table (identifier column <see cref="LinkedRegressionOptions.RightId"/>).</param>
    /// <param name="candidates">Candidate pairs with match probabilities.</param>
    /// <param name="options">Identifiers, threshold, imputation settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">Invalid options, a duplicated identifier, or candidates naming identifiers that are not in the tables.</exception>
    public static LinkedRegression Create(IRegressionData left, IRegressionData right, CandidateLinks candidates, LinkedRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new LinkedRegressionOptions();
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid linked regression options: " + string.Join(" ", problems), nameof(options));
        var leftIndex = Index(left, options.LeftId, "left");
        var rightIndex = Index(right, options.RightId, "right");
        var unknown = new List<string>();
        var leftRows = new List<int>();
        var rightRows = new List<int>();
        var probability = new List<double>();
        var byLeft = new Dictionary<int, List<int>>();
        for (var j = 0; j < candidates.Count; j++)
        {
            if (!leftIndex.TryGetValue(candidates.Left[j], out var l)) { unknown.Add($"left '{candidates.Left[j]}' (pair {j + 1})"); continue; }
            if (!rightIndex.TryGetValue(candidates.Right[j], out var r)) { unknown.Add($"right '{candidates.Right[j]}' (pair {j + 1})"); continue; }
            if (!byLeft.TryGetValue(l, out var list)) byLeft[l] = list = [];
            list.Add(leftRows.Count);
            leftRows.Add(l);
            rightRows.Add(r);
            probability.Add(candidates.Probability[j]);
        }

        // NOTE: a candidate naming a record the tables do not hold means the tables and the pairs do not belong
        // together; dropping it silently would bias every estimate, so it is an error.
        if (unknown.Count > 0)
            throw new ArgumentException($"{unknown.Count} candidate pair(s) name identifiers not in the tables, e.g. {string.Join(", ", unknown.Take(5))}.", nameof(candidates));
        var p = probability.ToArray();
        var pairs = new LinkedPairData(left, [.. leftRows], right, [.. rightRows], p);
        return new LinkedRegression(pairs, left, right, options, p, byLeft.OrderBy(kv => kv.Key).Select(kv => kv.Value.ToArray()).ToArray());
    }

    private static Dictionary<string, int> Index(IRegressionData table, string column, string side)
    {
        var ids = table.GetColumn(column);
        var index = new Dictionary<string, int>(table.RowCount, StringComparer.Ordinal);
        for (var i = 0; i < table.RowCount; i++)
        {
            var id = ids.GetLabel(i) ?? throw new ArgumentException($"The {side} table, row {i + 1}, column '{column}': the identifier is missing.", nameof(table));
            if (!index.TryAdd(id, i)) throw new ArgumentException($"The {side} table, rows {index[id] + 1} and {i + 1}, column '{column}': identifier '{id}' appears twice.", nameof(table));
        }

        return index;
    }

    private RegressionOptions RegressionOptions(string id, bool weighted = false) => new()
    {
        Vcov = _options.Vcov, ConfidenceLevel = _options.ConfidenceLevel, DisclosureRules = _options.DisclosureRules,
        OutputId = id, Weights = weighted ? LinkedPairData.ProbabilityColumn : null,
    };

    private IRegressionData BestLinkRows() => new RowSubsetData(_pairs, _bestPair.Where(p => p >= 0).ToArray());

    /// <summary>The naive estimate: each left record's most probable candidate, if at or above the threshold, is taken as true.</summary>
    /// <param name="formula">A fixest formula over columns of either table.</param>
    public RegressionResult FitBestLinks(string formula) =>
        Regression.Fit(BestLinkRows(), formula, RegressionOptions($"linked:best:{formula}"));

    /// <summary>The best links, each observation weighted by its link probability (column <c>link_probability</c>).</summary>
    /// <param name="formula">A fixest formula over columns of either table.</param>
    public RegressionResult FitWeighted(string formula) =>
        Regression.Fit(BestLinkRows(), formula, RegressionOptions($"linked:weighted:{formula}", weighted: true));

    /// <summary>
    /// Multiple imputation of the link set by data augmentation (a Gibbs sampler; prior-informed imputation as
    /// in Goldstein, Harron and Wade 2012). Each left record's link is drawn from its posterior over its
    /// candidates and "no match": prior P(r) = p_r / max(1, Σp), P(none) = max(0, 1 − Σp), times the likelihood
    /// ratio f(y | x, β, σ²) / g(y) of the linked row under the regression (the formula without absorbed fixed
    /// effects) against the response's marginal normal distribution in its own table; then (β, σ²) are drawn
    /// from their posterior (flat prior) given the links. After <see cref="LinkedRegressionOptions.BurnIn"/> sweeps,
    /// every <see cref="LinkedRegressionOptions.Thin"/>-th link set is one of M imputations; the regression is
    /// fitted on each and combined by Rubin's rules.
    /// </summary>
    /// <param name="formula">A fixest formula over columns of either table.</param>
    /// <exception cref="InvalidOperationException">Too few linked rows to fit the model.</exception>
    public MultipleImputationResult FitMultipleImputation(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var parsed = Formula.Parse(formula);
        var linkModel = Formula.Parse(parsed.Text.Split('|')[0]);
        var frame = ModelFrame.Build(_pairs, linkModel, null, [], removeSingletons: false);
        var k = frame.Exogenous.Count;
        var rowOfPair = new int[_probability.Length];
        Array.Fill(rowOfPair, -1);
        for (var r = 0; r < frame.N; r++) rowOfPair[frame.SourceRows[r]] = r;

        // The response's marginal distribution in its own table: g(y) of an unlinked value.
        var responseTable = _pairs.IsLeft(parsed.Response.Variable) ? _left : _right;
        var all = ModelFrame.EvaluateNumeric(responseTable, parsed.Response).Where(double.IsFinite).ToArray();
        var meanY = all.Average();
        var varY = all.Sum(v => (v - meanY) * (v - meanY)) / (all.Length - 1);

        var random = new Random(_options.Seed);
        var x = frame.Exogenous.Select(c => c.Values).ToArray();
        var y = frame.Y;
        // Start from the best links (or the most probable usable candidate).
        var link = _candidates.Select((c, i) =>
        {
            var usable = c.Where(j => rowOfPair[j] >= 0).ToArray();
            return usable.Length == 0 ? -1 : rowOfPair[usable.MaxBy(j => _probability[j])];
        }).ToArray();

        var kept = new List<int[]>();
        var sweeps = _options.BurnIn + (_options.Thin * (_options.Imputations - 1)) + 1;
        var weights = new List<double>();
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            var (beta, sigma2) = DrawParameters(x, y, link, k, random);
            var sd = Math.Sqrt(sigma2);
            for (var i = 0; i < _candidates.Length; i++)
            {
                var c = _candidates[i];
                double priorSum = 0;
                foreach (var j in c) priorSum += _probability[j];
                var scale = Math.Max(1, priorSum);
                weights.Clear();
                double total = 0;
                foreach (var j in c)
                {
                    var r = rowOfPair[j];
                    double w = 0;
                    if (r >= 0)
                    {
                        double fitted = 0;
                        for (var a = 0; a < k; a++) fitted += beta[a] * x[a][r];
                        var e = (y[r] - fitted) / sd;
                        var d = (y[r] - meanY) * (y[r] - meanY) / varY;
                        // f(y|x)/g(y) for normal densities, on the log scale for safety.
                        w = _probability[j] / scale * Math.Exp((-0.5 * e * e) + (0.5 * d) - Math.Log(sd) + (0.5 * Math.Log(varY)));
                    }

                    weights.Add(w);
                    total += w;
                }

                var none = Math.Max(0, 1 - priorSum);
                total += none;
                if (!(total > 0)) { link[i] = -1; continue; }
                var u = random.NextDouble() * total;
                link[i] = -1;
                for (var a = 0; a < c.Length; a++)
                {
                    u -= weights[a];
                    if (u < 0) { link[i] = rowOfPair[c[a]]; break; }
                }
            }

            if (sweep >= _options.BurnIn && (sweep - _options.BurnIn) % _options.Thin == 0) kept.Add((int[])link.Clone());
        }

        var fits = kept.Select((l, m) =>
            Regression.Fit(new RowSubsetData(_pairs, l.Where(r => r >= 0).Select(r => frame.SourceRows[r]).ToArray()), parsed,
                RegressionOptions($"linked:imputation{m + 1}:{formula}"))).ToList();
        var terms = fits[0].Coefficients.Select(c => c.Term).Where(t => fits.All(f => f.Coefficients.Any(c => c.Term == t))).ToList();
        var completeDf = fits.Min(f => f.TDistributionDf);
        var combined = terms.Select(t => RubinsRules.Combine(t, fits.Select(f => f[t].Estimate).ToList(), fits.Select(f => f[t].StdError).ToList(), completeDf, _options.ConfidenceLevel)).ToList();
        var minDf = fits.Min(f => f.ResidualDf);
        return new MultipleImputationResult
        {
            Coefficients = combined.Select(c => c.Estimate).ToList(),
            BetweenImputationShare = combined.ToDictionary(c => c.Estimate.Term, c => c.BetweenShare),
            DegreesOfFreedom = combined.ToDictionary(c => c.Estimate.Term, c => c.Df),
            Fits = fits,
            MeanLinked = kept.Average(l => l.Count(r => r >= 0)),
            Check = OutputChecker.CheckRegression($"linked:mi:{formula}", minDf, _options.DisclosureRules),
        };
    }

    // Posterior draw under a flat prior: σ² = SSR / χ²(n − k), β ~ N(β̂, σ² (X'X)⁻¹).
    private static (double[] Beta, double Sigma2) DrawParameters(double[][] x, double[] y, int[] link, int k, Random random)
    {
        var xtx = Matrix<double>.Build.Dense(k, k);
        var xty = Vector<double>.Build.Dense(k);
        var n = 0;
        foreach (var r in link)
        {
            if (r < 0) continue;
            n++;
            for (var a = 0; a < k; a++)
            {
                xty[a] += x[a][r] * y[r];
                for (var b = 0; b <= a; b++) xtx[a, b] += x[a][r] * x[b][r];
            }
        }

        if (n <= k + 1) throw new InvalidOperationException($"Only {n} linked rows for {k} regressors: too few to impute the links.");
        for (var a = 0; a < k; a++)
            for (var b = a + 1; b < k; b++) xtx[a, b] = xtx[b, a];
        var cholesky = xtx.Cholesky();
        var betaHat = cholesky.Solve(xty);
        double ssr = 0;
        foreach (var r in link)
        {
            if (r < 0) continue;
            double fitted = 0;
            for (var a = 0; a < k; a++) fitted += betaHat[a] * x[a][r];
            ssr += (y[r] - fitted) * (y[r] - fitted);
        }

        var sigma2 = ssr / ChiSquared.Sample(random, n - k);
        // β = β̂ + L⁻ᵀ z σ with X'X = L L': Var = σ² (L Lᵀ)⁻¹.
        var z = Vector<double>.Build.Dense(k, _ => Normal.Sample(random, 0, 1));
        var lower = cholesky.Factor;
        var shift = lower.Transpose().Solve(z) * Math.Sqrt(sigma2);
        return ((betaHat + shift).ToArray(), sigma2);
    }

    /// <summary>
    /// The Lahiri–Larsen (2005) estimator under exchangeable linkage errors (Chambers 2009): if the best link of
    /// record i is right with probability λ_i (its match probability) and otherwise points to a random record of
    /// the right table, E[y*_i] = λ_i x_i'β + (1 − λ_i) x̄'β, so y* is regressed on w_i = λ_i x_i + (1 − λ_i) x̄
    /// (x̄ the mean regressor row over the linked records), with heteroskedasticity-robust (HC1) errors. The
    /// response must come from the right table and every regressor from the left; no absorbed fixed effects.
    /// </summary>
    /// <param name="formula">A fixest formula: response from the right table, regressors from the left.</param>
    /// <exception cref="ArgumentException">The response is not a right-table column, a regressor is not a left-table column, or the formula absorbs fixed effects.</exception>
    public RegressionResult FitLahiriLarsen(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var parsed = Formula.Parse(formula);
        if (parsed.FixedEffects.Count > 0 || parsed.IsInstrumental)
            throw new ArgumentException("The Lahiri–Larsen estimator takes a formula without absorbed fixed effects or instruments.", nameof(formula));
        if (!_pairs.IsRight(parsed.Response.Variable))
            throw new ArgumentException($"Lahiri–Larsen corrects a response that comes through the link: '{parsed.Response.Variable}' must be a column of the right table only.", nameof(formula));
        var notLeft = parsed.Terms.SelectMany(t => t.Atoms).Select(a => a.Variable).Where(v => !_pairs.IsLeft(v)).Distinct().ToList();
        if (notLeft.Count > 0)
            throw new ArgumentException($"Lahiri–Larsen needs every regressor from the left table; not left-table columns: {string.Join(", ", notLeft)}.", nameof(formula));

        var rows = BestLinkRows();
        var frame = ModelFrame.Build(rows, parsed, null, [], removeSingletons: false);
        var lambda = new double[frame.N];
        var probability = new double[rows.RowCount];
        rows.GetColumn(LinkedPairData.ProbabilityColumn).CopyNumeric(probability);
        for (var i = 0; i < frame.N; i++) lambda[i] = probability[frame.SourceRows[i]];
        var table = new Dictionary<string, Array> { ["y"] = frame.Y };
        for (var j = 0; j < frame.Exogenous.Count; j++)
        {
            var column = frame.Exogenous[j].Values;
            var mean = column.Average();
            var w = new double[frame.N];
            for (var i = 0; i < frame.N; i++) w[i] = (lambda[i] * column[i]) + ((1 - lambda[i]) * mean);
            table[$"w{j}"] = w;
        }

        var fit = Regression.Fit(RegressionData.FromArrays(table), "y ~ 0 + " + string.Join(" + ", Enumerable.Range(0, frame.Exogenous.Count).Select(j => $"w{j}")),
            RegressionOptions($"linked:lahiri-larsen:{formula}"));
        var names = frame.Exogenous.Select(c => c.Name).ToArray();
        return fit.WithTerms(parsed, fit.Coefficients.Select(c => c with { Term = names[int.Parse(c.Term[1..], System.Globalization.CultureInfo.InvariantCulture)] }).ToList());
    }
}
