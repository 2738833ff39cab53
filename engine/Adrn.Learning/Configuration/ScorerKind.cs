namespace Adrn.Learning.Configuration;

/// <summary>Which model turns a candidate pair's comparisons into a match probability.</summary>
public enum ScorerKind
{
    /// <summary>The job's Fellegi–Sunter model (<c>model.json</c>): prior plus level weights.</summary>
    FellegiSunter,

    /// <summary>A gradient-boosted tree classifier (ML.NET FastTree) calibrated on a held-out fold (<c>learned-model.zip</c>).</summary>
    Learned,
}
