namespace Adrn.Notebooks.Analyses;

/// <summary>How <see cref="FirmPanel.FromLinkedPanel"/> aggregates workers to firms.</summary>
public sealed record FirmPanelOptions
{
    /// <summary>
    /// Weight each worker by the probability of their employer link when averaging workforce
    /// characteristics (a correction for linkage error: doubtful links count less). Default false.
    /// </summary>
    public bool WeightByLinkProbability { get; init; }

    /// <summary>SOC 2020 major groups counted as managers, professionals and associate professionals (default 1–3).</summary>
    public int HighSkillSocMax { get; init; } = 3;
}
