namespace Adrn.Linkage.Configuration;

/// <summary>What happens to a row whose id was already seen in the same source.</summary>
public enum DuplicateIdPolicy
{
    /// <summary>Every row after the first with the same id goes to quarantine (reason <c>duplicate id</c>).</summary>
    Quarantine,

    /// <summary>
    /// One row per id is kept: the one with the largest <see cref="SourceConfig.OrderBy"/> value (ties: the
    /// later row). The others are counted as superseded, not quarantined. Used to collapse a person-year panel
    /// to one (latest) row per person.
    /// </summary>
    KeepLatest,
}
