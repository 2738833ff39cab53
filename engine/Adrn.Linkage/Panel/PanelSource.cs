using Adrn.Linkage.Configuration;

namespace Adrn.Linkage.Panel;

/// <summary>One input of a linked panel (<see cref="LinkedPanelDefinition"/>): the records that make its rows, or the records they are linked to.</summary>
public sealed record PanelSource
{
    /// <summary>Name of the input (e.g. <c>payroll</c>), as variables refer to it and messages name it.</summary>
    public required string Name { get; init; }

    /// <summary>File column holding the record id, as links (<c>id_l</c>, <c>id_r</c>) and truth files name the record.</summary>
    public required string IdColumn { get; init; }

    /// <summary>Panel column of the record's pseudonymous key (e.g. <c>person_key</c>).</summary>
    public required string KeyName { get; init; }

    /// <summary>File column whose value is pseudonymised into the key (e.g. <c>person_id</c>); by default <see cref="IdColumn"/>.</summary>
    public required string KeyColumn { get; init; }

    /// <summary>Pseudonym domain of the key (e.g. <c>person</c>), so keys of different inputs never coincide.</summary>
    public required string KeyDomain { get; init; }

    /// <summary>One sentence on the key column, written into the panel's files as its description.</summary>
    public string KeyLabel { get; init; } = string.Empty;

    /// <summary>Disclosure class of the input's file columns (docs/privacy.md); only attributes may be copied into the panel.</summary>
    public IReadOnlyDictionary<string, DataClassification> Classifications { get; init; } = new Dictionary<string, DataClassification>();
}
