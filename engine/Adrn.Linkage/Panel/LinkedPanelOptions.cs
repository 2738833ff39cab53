using Adrn.Linkage.Configuration;
using Adrn.Linkage.Privacy;

namespace Adrn.Linkage.Panel;

/// <summary>Inputs of a linked panel (<see cref="LinkedPanelBuilder"/>).</summary>
public sealed record LinkedPanelOptions
{
    /// <summary>What the panel holds: its inputs' id and key columns and its variables (e.g. <c>examples/linked-panel.json</c>).</summary>
    public required LinkedPanelDefinition Definition { get; init; }

    /// <summary>The records that make the rows (CSV, Arrow IPC or Parquet), with the columns the definition reads from <see cref="LinkedPanelDefinition.Records"/>.</summary>
    public required string RecordsPath { get; init; }

    /// <summary>The records they are linked to (CSV, Arrow IPC or Parquet), with the columns the definition reads from <see cref="LinkedPanelDefinition.Linked"/>.</summary>
    public required string LinkedPath { get; init; }

    /// <summary>
    /// Resolved links: a <c>links</c> output of <c>adrn link</c> (columns <c>id_l</c>, <c>id_r</c>, <c>match_probability</c>;
    /// either side may be the record), or a truth file whose columns are the two inputs' id columns (probability 1), for the
    /// panel on true links.
    /// </summary>
    public required string LinksPath { get; init; }

    /// <summary>Key of the pseudonymous key columns.</summary>
    public required PseudonymKey Key { get; init; }

    /// <summary>Links below this probability are treated as no link (linked columns null). Default 0.</summary>
    public double MinimumProbability { get; init; }

    /// <summary>
    /// Further columns of the records to carry, as text, after the definition's columns (same names). Each must be an
    /// <see cref="DataClassification.Attribute"/> (see <see cref="Classifications"/>); otherwise the build fails before
    /// any work (<see cref="DisclosureRiskException"/>).
    /// </summary>
    public IReadOnlyList<string> RecordAttributes { get; init; } = [];

    /// <summary>
    /// Further columns of the linked records to carry, as text, written as the linked key's domain + <c>_</c> + column
    /// (e.g. <c>employer_legal_status</c>; null when unlinked). Each must be an attribute, as for <see cref="RecordAttributes"/>.
    /// </summary>
    public IReadOnlyList<string> LinkedAttributes { get; init; } = [];

    /// <summary>
    /// File column -> disclosure class given by the caller (for example from <see cref="ResearchOutputPolicy.ClassificationsOf"/>),
    /// for both inputs. A column absent here takes the class the definition gives it, else the class its name implies
    /// (<see cref="ColumnClassifications.KnownFileColumn"/>); an unclassified column is refused.
    /// </summary>
    public IReadOnlyDictionary<string, DataClassification> Classifications { get; init; } = new Dictionary<string, DataClassification>();
}
