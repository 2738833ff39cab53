namespace Adrn.Synthetic.LinkageError;

/// <summary>
/// A planted regression across two files joined by probabilistic links, for studying linkage error:
/// a left file (cohort members with a regressor x ~ N(0, 1)) and a right file (payroll persons, a superset
/// of the cohort, with y = intercept + slope·x + e, e ~ N(0, σ²)). Each left record gets its true partner as a
/// candidate with probability <see cref="BlockingRecall"/> and 1 + Poisson(<see cref="ExtraFalseCandidates"/>)
/// false candidates drawn at random from the right file (exchangeable errors). Comparison evidence is a
/// score s ~ N(<see cref="ScoreSeparation"/>, 1) for a true pair and N(0, 1) for a false one, turned into the
/// exact record-level posterior of the generating model: p_r = P(candidate r is the partner | the record's
/// scores), which sums to at most one per record and is calibrated. The defaults give best links (p ≥ 0.5)
/// with a precision of about 0.95.
/// </summary>
public sealed record LinkageErrorScenario
{
    /// <summary>Left (cohort) records (default 1 500).</summary>
    public int LeftRecords { get; init; } = 1_500;

    /// <summary>Right (payroll) records that are nobody's partner (default 1 500).</summary>
    public int ExtraRightRecords { get; init; } = 1_500;

    /// <summary>Intercept of the planted regression (default 10).</summary>
    public double Intercept { get; init; } = 10;

    /// <summary>Planted slope of y on x (default 0.5).</summary>
    public double Slope { get; init; } = 0.5;

    /// <summary>Residual standard deviation (default 0.5).</summary>
    public double ResidualSd { get; init; } = 0.5;

    /// <summary>Probability that the true partner is among the candidates (default 0.98).</summary>
    public double BlockingRecall { get; init; } = 0.98;

    /// <summary>Mean number of false candidates beyond the first (default 0.5: 1.5 false candidates per record).</summary>
    public double ExtraFalseCandidates { get; init; } = 0.5;

    /// <summary>Separation d of true and false comparison scores (default 2.6).</summary>
    public double ScoreSeparation { get; init; } = 2.6;
}
