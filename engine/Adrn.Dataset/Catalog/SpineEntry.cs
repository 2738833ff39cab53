namespace Adrn.Dataset.Catalog;

/// <summary>A spine in one version: its representative file (null while it has no entity), entity count and next id number.</summary>
internal sealed record SpineEntry(string Spine, string? SpineObject, long Entities, long NextId);
