using Adrn.Dataset.Linking;

namespace Adrn.Dataset.Relinking;

/// <summary>
/// Gives the entities found by a relink their ids (docs/dataset.md, "Id rules"): each new entity inherits the old id it
/// shares most records with, pairs taken greedily by overlap (ties: the smaller old id, then the new entity whose smallest
/// record key is smaller), each old id at most once; the rest get fresh ids in the order of their smallest record key.
/// An unchanged relink therefore keeps every id.
/// </summary>
internal static class IdInheritance
{
    /// <param name="before">Record key → entity before the relink (records without an entity left out).</param>
    /// <param name="after">Record key → provisional entity found by the relink.</param>
    /// <param name="minter">Mints fresh ids, continuing the spine's sequence.</param>
    /// <returns>Provisional entity → final id.</returns>
    public static Dictionary<string, string> Assign(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, EntityIdMinter minter)
    {
        var overlap = new Dictionary<(string New, string Old), long>();
        var smallestKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, provisional) in after)
        {
            if (!smallestKey.TryGetValue(provisional, out var k) || string.CompareOrdinal(key, k) < 0) smallestKey[provisional] = key;
            if (before.TryGetValue(key, out var old)) overlap[(provisional, old)] = overlap.GetValueOrDefault((provisional, old)) + 1;
        }

        var final = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ((provisional, old), _) in overlap
                     .OrderByDescending(kv => kv.Value)
                     .ThenBy(kv => kv.Key.Old, StringComparer.Ordinal)
                     .ThenBy(kv => smallestKey[kv.Key.New], StringComparer.Ordinal))
        {
            if (final.ContainsKey(provisional) || taken.Contains(old)) continue;
            final[provisional] = old;
            taken.Add(old);
        }

        foreach (var provisional in smallestKey.Keys.Where(p => !final.ContainsKey(p)).OrderBy(p => smallestKey[p], StringComparer.Ordinal).ToList())
            final[provisional] = minter.Mint();
        return final;
    }
}
