namespace Adrn.Dataset.Linking;

/// <summary>
/// Where one record of a wave went for one spine. <see cref="Method"/>: <c>linked</c> (to an entity already in the spine),
/// <c>linked_within_wave</c> (to another record of the wave that was linked or founded an entity), <c>minted</c> (founded
/// a new entity), <c>unlinked</c> (no entity: the link does not mint).
/// </summary>
internal sealed record RecordAssignment(string RecordId, string? EntityId, double? Probability, string? Rule, string? Model, string Method)
{
    public const string Linked = "linked";
    public const string LinkedWithinWave = "linked_within_wave";
    public const string Minted = "minted";
    public const string Unlinked = "unlinked";
}
