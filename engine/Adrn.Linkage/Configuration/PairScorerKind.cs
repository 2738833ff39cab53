namespace Adrn.Linkage.Configuration;

/// <summary>
/// The job file's <c>scorer</c>: which model turns a candidate pair's comparisons into a match probability.
/// The learned scorer lives in Adrn.Learning, which supplies it to a run as a <see cref="IPairScorer"/>.
/// </summary>
public enum PairScorerKind
{
    /// <summary><c>fellegi-sunter</c> (default): the job's prior plus level weights (<c>model.json</c>).</summary>
    FellegiSunter,

    /// <summary><c>learned</c>: gradient-boosted trees trained by Adrn.Learning from the job's <c>learning</c> object.</summary>
    Learned,
}
