namespace Adrn.Stats.Production;

/// <summary>
/// The firm-block bootstrap: a replicate draws as many firms as there are, with replacement, and keeps all
/// years of each drawn firm (prodest's block bootstrap). A firm drawn k times enters with weight k, which is
/// the same estimate as copying its rows k times. Replicate b's draws depend only on the seed and b.
/// </summary>
internal static class FirmBootstrap
{
    public static int[] Counts(int firms, int seed, int replicate)
    {
        var random = new Random(unchecked((seed * 1_000_003) ^ ((replicate * 7919) + 104_729)));
        var counts = new int[firms];
        for (var i = 0; i < firms; i++) counts[random.Next(firms)]++;
        return counts;
    }
}
