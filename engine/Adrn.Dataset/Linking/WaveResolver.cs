namespace Adrn.Dataset.Linking;

/// <summary>
/// Turns a wave's links into one entity per record (docs/dataset.md, "Id rules"):
/// <list type="number">
/// <item>a record linked to a spine record joins that record's entity (<c>linked</c>);</item>
/// <item>when the wave is also linked to itself, a record without a spine link joins the entity of its within-wave cluster,
/// taken from the cluster's most probable spine link (ties: the smaller spine record key, never the entity id, so that a
/// relink replaying history under provisional ids decides alike) (<c>linked_within_wave</c>);</item>
/// <item>a cluster (or, without within-wave links, a record) with no spine link founds a new entity when the link mints
/// (<c>minted</c>), ids minted in the order of each new entity's smallest record id; otherwise it stays <c>unlinked</c>.</item>
/// </list>
/// Existing entities are never merged or split here; that is what a relink may do.
/// </summary>
internal static class WaveResolver
{
    public static IReadOnlyList<RecordAssignment> Resolve(IReadOnlyList<string> records, WaveLinkRun? spineLinks, SpineTable spine, string? linkModel,
        WaveLinkRun? withinWave, string? dedupeModel, bool mint, EntityIdMinter minter)
    {
        var assignments = new RecordAssignment?[records.Count];
        var linkedEntity = new string?[records.Count];
        var linkedKey = new string?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            if (spineLinks is not null && spineLinks.Links.TryGetValue(records[i], out var link))
            {
                linkedKey[i] = link.Other;
                linkedEntity[i] = spine.EntityOfKey(link.Other);
                assignments[i] = new RecordAssignment(records[i], linkedEntity[i], link.Probability, link.Rule, linkModel, RecordAssignment.Linked);
            }
        }

        // Groups of records that must share an entity: within-wave clusters, or each record alone.
        var groups = new List<List<int>>();
        if (withinWave?.Clusters is { } clusters)
        {
            var byCluster = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < records.Count; i++)
            {
                var cluster = clusters.TryGetValue(records[i], out var c) ? c : "\u0000" + records[i];
                if (!byCluster.TryGetValue(cluster, out var members)) byCluster[cluster] = members = [];
                members.Add(i);
            }

            groups.AddRange(byCluster.Values);
        }
        else
        {
            for (var i = 0; i < records.Count; i++) groups.Add([i]);
        }

        var founding = new List<List<int>>();
        foreach (var members in groups)
        {
            var best = -1;
            foreach (var m in members)
            {
                if (linkedEntity[m] is null) continue;
                if (best < 0 || assignments[m]!.Probability > assignments[best]!.Probability
                    || (assignments[m]!.Probability == assignments[best]!.Probability && string.CompareOrdinal(linkedKey[m], linkedKey[best]) < 0))
                    best = m;
            }

            if (best >= 0)
            {
                foreach (var m in members)
                    if (assignments[m] is null) assignments[m] = WithinWave(records[m], linkedEntity[best], withinWave, dedupeModel, RecordAssignment.LinkedWithinWave);
            }
            else
            {
                founding.Add(members);
            }
        }

        // New entities in the order of their smallest record id, so a rerun mints the same ids.
        foreach (var members in founding.OrderBy(g => g.Select(m => records[m]).Min(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            var entity = mint ? minter.Mint() : null;
            foreach (var m in members)
            {
                assignments[m] = entity is null
                    ? new RecordAssignment(records[m], null, null, null, null, RecordAssignment.Unlinked)
                    : members.Count == 1
                        ? new RecordAssignment(records[m], entity, null, null, null, RecordAssignment.Minted)
                        : WithinWave(records[m], entity, withinWave, dedupeModel, RecordAssignment.Minted);
            }
        }

        return assignments!;
    }

    private static RecordAssignment WithinWave(string record, string? entity, WaveLinkRun? withinWave, string? model, string method) =>
        withinWave is not null && withinWave.Links.TryGetValue(record, out var pair)
            ? new RecordAssignment(record, entity, pair.Probability, pair.Rule, model, method)
            : new RecordAssignment(record, entity, null, null, null, method);
}
