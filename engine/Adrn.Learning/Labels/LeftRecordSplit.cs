namespace Adrn.Learning.Labels;

/// <summary>
/// Assigns left records to folds by a seeded hash of their id (not their row), so the same record lands in the same
/// fold whatever the file order, and truth rows can be assigned by id alone: a held-out fold (never used for
/// training labels, used to compare scorers), a rule subset (whose candidate pairs the identifier rule labels), and
/// a calibration fold (labelled pairs kept out of tree fitting to fit the calibration).
/// </summary>
public sealed class LeftRecordSplit
{
    private readonly ulong _seed;

    /// <summary>Creates a split.</summary>
    /// <param name="seed">Seed.</param>
    /// <param name="holdoutShare">Share of left records held out, in [0, 1).</param>
    /// <param name="ruleShare">Share of the other left records labelled by the identifier rule, in (0, 1].</param>
    /// <param name="calibrationShare">Share of labelled left records used for calibration, in (0, 1).</param>
    public LeftRecordSplit(int seed, double holdoutShare, double ruleShare, double calibrationShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(holdoutShare, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(holdoutShare, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ruleShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ruleShare, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calibrationShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(calibrationShare, 1);
        _seed = (ulong)(uint)seed;
        HoldoutShare = holdoutShare;
        RuleShare = ruleShare;
        CalibrationShare = calibrationShare;
    }

    /// <summary>Share of left records held out.</summary>
    public double HoldoutShare { get; }

    /// <summary>Share of the non-held-out left records in the rule subset.</summary>
    public double RuleShare { get; }

    /// <summary>Share of labelled left records in the calibration fold.</summary>
    public double CalibrationShare { get; }

    /// <summary>Whether a left record is held out from training.</summary>
    /// <param name="id">Left record id.</param>
    /// <returns>True when held out.</returns>
    public bool IsHeldOut(string id) => Uniform(id, 1) < HoldoutShare;

    /// <summary>Whether the identifier rule labels a left record's candidate pairs (never for held-out records).</summary>
    /// <param name="id">Left record id.</param>
    /// <returns>True when in the rule subset.</returns>
    public bool InRuleSubset(string id) => !IsHeldOut(id) && Uniform(id, 2) < RuleShare;

    /// <summary>Whether a labelled left record's pairs fit the calibration instead of the trees.</summary>
    /// <param name="id">Left record id.</param>
    /// <returns>True when in the calibration fold.</returns>
    public bool InCalibrationFold(string id) => Uniform(id, 3) < CalibrationShare;

    /// <summary>A uniform number in [0, 1) from the id, the seed and a salt (FNV-1a then a SplitMix64 finaliser).</summary>
    private double Uniform(string id, ulong salt)
    {
        ArgumentNullException.ThrowIfNull(id);
        var h = 14695981039346656037UL ^ (_seed * 0x9E3779B97F4A7C15UL) ^ (salt * 0xD1B54A32D192ED03UL);
        foreach (var c in id)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
