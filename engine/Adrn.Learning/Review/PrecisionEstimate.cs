using System.Globalization;
using System.Text;
using Adrn.Learning.Labels;

namespace Adrn.Learning.Review;

/// <summary>
/// Precision of a set of links estimated from a stratified clerical sample, with a confidence interval.
/// <para>
/// Method: with strata h of N_h links (weights W_h = N_h / N) and n_h reviewed pairs of which x_h are matches, the
/// point estimate is the stratified mean P = Σ W_h p_h with p_h = x_h / n_h. Each stratum gets a Wilson score interval
/// [L_h, U_h] at level z; its distances below and above p_h, scaled by the finite-population correction
/// f_h = √((N_h − n_h)/(N_h − 1)) (a stratum reviewed in full is known exactly), are treated as that stratum's
/// z-scaled standard errors on each side and combined in quadrature like the variance of a stratified mean:
/// lower = P − √Σ (W_h f_h (p_h − L_h))², upper = P + √Σ (W_h f_h (U_h − p_h))², clipped to [0, 1]. Wilson rather than
/// Wald distances keep the interval honest when a stratum's reviewed pairs are all matches (Wald would give zero
/// width) while the centre stays at the unbiased stratified mean.
/// </para>
/// </summary>
public sealed record PrecisionEstimate
{
    /// <summary>Stratified point estimate of precision.</summary>
    public required double Precision { get; init; }

    /// <summary>Lower end of the interval.</summary>
    public required double Lower { get; init; }

    /// <summary>Upper end of the interval.</summary>
    public required double Upper { get; init; }

    /// <summary>Confidence level (e.g. 0.95).</summary>
    public required double Confidence { get; init; }

    /// <summary>Links in the population (Σ N_h).</summary>
    public required long Population { get; init; }

    /// <summary>Reviewed pairs (Σ n_h).</summary>
    public required int Reviewed { get; init; }

    /// <summary>Per-stratum figures.</summary>
    public required IReadOnlyList<StratumPrecision> Strata { get; init; }

    /// <summary>Estimates precision from per-stratum counts.</summary>
    /// <param name="strata">Per stratum: name, population N_h, reviewed n_h, matches x_h.</param>
    /// <param name="confidence">Confidence level in (0, 1) (default 0.95).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">Counts are inconsistent, or a non-empty stratum has no reviewed pair.</exception>
    public static PrecisionEstimate FromCounts(IReadOnlyList<(string Name, long Population, int Reviewed, int Matches)> strata, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(strata);
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1)");
        var z = NormalQuantile(1 - (1 - confidence) / 2);
        long total = 0;
        foreach (var s in strata)
        {
            if (s.Population < 0 || s.Reviewed < 0 || s.Matches < 0 || s.Matches > s.Reviewed || s.Reviewed > s.Population)
                throw new ArgumentException($"stratum {s.Name}: need 0 <= matches ({s.Matches}) <= reviewed ({s.Reviewed}) <= population ({s.Population})", nameof(strata));
            if (s.Population > 0 && s.Reviewed == 0)
                throw new ArgumentException($"stratum {s.Name} holds {s.Population} links but none was reviewed; its precision cannot be estimated — review at least one pair of it", nameof(strata));
            total += s.Population;
        }

        if (total == 0) throw new ArgumentException("the strata hold no links", nameof(strata));
        double point = 0, below = 0, above = 0;
        var rows = new List<StratumPrecision>();
        foreach (var s in strata)
        {
            if (s.Population == 0)
            {
                rows.Add(new StratumPrecision(s.Name, 0, 0, 0, double.NaN, double.NaN, double.NaN));
                continue;
            }

            var w = (double)s.Population / total;
            var p = (double)s.Matches / s.Reviewed;
            var (lo, hi) = Wilson(s.Matches, s.Reviewed, z);
            // A stratum reviewed in full (fpc = 0) is known exactly.
            var fpc = s.Population > 1 ? Math.Sqrt((double)(s.Population - s.Reviewed) / (s.Population - 1)) : 0;
            var down = (p - lo) * fpc;
            var up = (hi - p) * fpc;
            point += w * p;
            below += Math.Pow(w * down, 2);
            above += Math.Pow(w * up, 2);
            rows.Add(new StratumPrecision(s.Name, s.Population, s.Reviewed, s.Matches, p, p - down, p + up));
        }

        var lower = Math.Clamp(point - Math.Sqrt(below), 0, 1);
        var upper = Math.Clamp(point + Math.Sqrt(above), 0, 1);
        return new PrecisionEstimate
        {
            Precision = point,
            Lower = lower,
            Upper = upper,
            Confidence = confidence,
            Population = total,
            Reviewed = strata.Sum(s => s.Reviewed),
            Strata = rows,
        };
    }

    /// <summary>Estimates the precision of a stratified sample's links from reviewers' labels.</summary>
    /// <param name="sample">A stratified sample.</param>
    /// <param name="labels">Labels (by record index) — those of pairs outside the sample are not used.</param>
    /// <param name="lookup">Record lookup of the job.</param>
    /// <param name="confidence">Confidence level (default 0.95).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The sample is not stratified, or a non-empty stratum has no labelled pair.</exception>
    public static PrecisionEstimate FromSample(ClericalSample sample, IReadOnlyList<PairLabel> labels, RecordLookup lookup, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(lookup);
        if (sample.Strategy != ClericalSampleStrategy.Stratified)
            throw new ArgumentException("a precision estimate needs a stratified sample ('--strategy stratified'); an uncertainty sample is not random", nameof(sample));
        var byPair = new Dictionary<(int, int), bool>();
        foreach (var l in labels) byPair[(l.Left, l.Right)] = l.IsMatch;
        var reviewed = new int[sample.Strata.Count];
        var matches = new int[sample.Strata.Count];
        foreach (var pair in sample.Pairs)
        {
            var key = lookup.Normalise(lookup.FindLeft(pair.IdLeft), lookup.FindRight(pair.IdRight));
            if (!byPair.TryGetValue(key, out var isMatch)) continue;
            reviewed[pair.Stratum]++;
            if (isMatch) matches[pair.Stratum]++;
        }

        return FromCounts(sample.Strata.Select((s, i) => (s.Name, s.Population, reviewed[i], matches[i])).ToList(), confidence);
    }

    /// <summary>A short text report.</summary>
    /// <returns>The report.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"precision of {Population} links: {Precision:0.0000} ({Confidence:P0} interval {Lower:0.0000} .. {Upper:0.0000}) from {Reviewed} reviewed pairs"));
        foreach (var s in Strata)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Name,-16} links {s.Population,8}  reviewed {s.Reviewed,5}  matches {s.Matches,5}  precision {s.Precision:0.0000} (Wilson {s.WilsonLower:0.0000} .. {s.WilsonUpper:0.0000})"));
        return sb.ToString();
    }

    /// <summary>Wilson score interval for x successes in n trials.</summary>
    private static (double Lower, double Upper) Wilson(int x, int n, double z)
    {
        var p = (double)x / n;
        var z2 = z * z;
        var denom = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denom;
        var half = z / denom * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
