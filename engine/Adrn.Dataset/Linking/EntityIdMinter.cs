using System.Globalization;

namespace Adrn.Dataset.Linking;

/// <summary>
/// Mints entity ids of one spine: the spine's prefix and a 9-digit (or longer) sequence number, never reused. Callers mint
/// in a fixed order (the smallest record id of each new entity), so the same history gives the same ids.
/// </summary>
internal sealed class EntityIdMinter(string prefix, long next)
{
    public string Prefix { get; } = prefix;

    /// <summary>The number the next id will carry.</summary>
    public long Next { get; private set; } = next;

    public string Mint() => Prefix + (Next++).ToString("D9", CultureInfo.InvariantCulture);
}
