namespace Adrn.Dataset.Spec;

/// <summary>
/// What a research release carries: a panel with one row per record of <see cref="PanelSource"/> over all waves, keyed by
/// per-release pseudonyms of its entities, with the <see cref="Variables"/> (attributes only) and the summary
/// <see cref="Tables"/>; optionally the shape of a cohort study's release.
/// </summary>
public sealed record ReleaseSpec
{
    /// <summary>The source whose records are the panel's rows (e.g. <c>payroll</c>: one row per person-job-wave).</summary>
    public required string PanelSource { get; init; }

    /// <summary>Spine → name of the pseudonymous key column for that spine's entity (e.g. <c>person</c> → <c>person_key</c>).</summary>
    public required IReadOnlyDictionary<string, string> Keys { get; init; }

    /// <summary>Spine → name of the column holding the match probability of the panel record's link to that spine.</summary>
    public required IReadOnlyDictionary<string, string> Probabilities { get; init; }

    /// <summary>The variables, in column order (after the keys and <c>wave</c>).</summary>
    public required IReadOnlyList<ReleaseVariableSpec> Variables { get; init; }

    /// <summary>Summary tables written with their output checks.</summary>
    public IReadOnlyList<SummaryTableSpec> Tables { get; init; } = [];

    /// <summary>The cohort release (<c>adrn dataset release --cohort</c>), or null when the dataset has none.</summary>
    public CohortReleaseSpec? Cohort { get; init; }
}
