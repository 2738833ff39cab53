namespace Adrn.Dataset.Spec;

/// <summary>
/// An entity spine: the stable entities (persons, employers) that records of several sources and waves are linked to.
/// Each entity is represented, for linking the next wave, by one record in the spine's <see cref="Columns"/>.
/// </summary>
public sealed record SpineSpec
{
    /// <summary>Spine name, e.g. <c>person</c>; also the pseudonym domain in releases.</summary>
    public required string Name { get; init; }

    /// <summary>What the entities are, for the codebook.</summary>
    public string Label { get; init; } = string.Empty;

    /// <summary>Prefix of minted entity ids (letters and digits, default the name's first three letters upper-cased).</summary>
    public required string IdPrefix { get; init; }

    /// <summary>The spine's columns: what its representative records hold and what linkage jobs compare against.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>
    /// Sources whose records may represent an entity, in priority order: an entity's representative is the latest record
    /// of the first of these sources that has one. A link that mints entities must come from one of them.
    /// </summary>
    public required IReadOnlyList<RepresentativeSpec> Representatives { get; init; }
}
