namespace Adrn.Dataset;

/// <summary>One split or merge: the entity and the entities on the other side with the records they share.</summary>
/// <param name="Entity">The split entity (before) or the merged entity (after).</param>
/// <param name="Parts">The other side's ids with the number of shared records.</param>
public sealed record EntityChange(string Entity, IReadOnlyDictionary<string, long> Parts);
