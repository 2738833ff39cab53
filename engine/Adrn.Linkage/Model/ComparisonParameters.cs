namespace Adrn.Linkage.Model;

/// <summary>One comparison of the model: levels with m and u.</summary>
public sealed record ComparisonParameters
{
    /// <summary>Comparison name.</summary>
    public required string Name { get; init; }

    /// <summary>Job column compared.</summary>
    public required string Column { get; init; }

    /// <summary>Levels: the null level, then best first down to else.</summary>
    public required IReadOnlyList<LevelParameters> Levels { get; init; }

    /// <summary>Number of non-null levels including else (= highest gamma + 1).</summary>
    public int GammaCount => Levels.Count - 1;

    /// <summary>The level with a given gamma.</summary>
    /// <param name="gamma">Gamma (-1 .. highest).</param>
    /// <returns>The level.</returns>
    public LevelParameters Level(int gamma)
    {
        foreach (var l in Levels)
            if (l.Gamma == gamma) return l;
        throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"comparison '{Name}' has no level with gamma {gamma}");
    }
}
