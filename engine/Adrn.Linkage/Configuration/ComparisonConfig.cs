namespace Adrn.Linkage.Configuration;

/// <summary>
/// A comparison: an ordered list of levels evaluated best first; the first level that holds gives the pair's
/// gamma. Gamma follows Splink: -1 = null (either value missing), 0 = else (no level holds), and the best
/// listed level gets the highest gamma (= number of listed levels).
/// </summary>
public sealed record ComparisonConfig
{
    /// <summary>Name, used in the <c>gamma_&lt;name&gt;</c> output column and the model.</summary>
    public required string Name { get; init; }

    /// <summary>Job column compared.</summary>
    public required string Column { get; init; }

    /// <summary>Levels best first (excluding the implicit null and else levels).</summary>
    public required IReadOnlyList<ComparisonLevelConfig> Levels { get; init; }

    /// <summary>Hand-set m probabilities by gamma (index 0 = else ... last = best level), or null to train them.</summary>
    public IReadOnlyList<double>? FixedM { get; init; }

    /// <summary>Hand-set u probabilities by gamma (index 0 = else ... last = best level), or null to train them.</summary>
    public IReadOnlyList<double>? FixedU { get; init; }
}
