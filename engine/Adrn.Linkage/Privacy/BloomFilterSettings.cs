namespace Adrn.Linkage.Privacy;

/// <summary>
/// Shape of a field-level Bloom-filter encoding (a cryptographic long-term key in the style of
/// Schnell, Bachteler and Reiher 2009): the filter length, how many keyed hash functions set bits for
/// each q-gram, and q.
/// </summary>
public sealed record BloomFilterSettings
{
    /// <summary>Filter length in bits; a multiple of 64 between 64 and 65,536. Default 1,024.</summary>
    public int LengthBits { get; init; } = 1024;

    /// <summary>Bits set per q-gram (hash functions); 1 to 100. Default 20.</summary>
    public int HashCount { get; init; } = 20;

    /// <summary>q-gram length for text fields; 1 to 4. Default 2 (bigrams, with padding at both ends).</summary>
    public int Q { get; init; } = 2;

    /// <summary>Every problem with these settings (empty when valid).</summary>
    /// <returns>The problems, each a sentence naming the setting and the allowed range.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LengthBits < 64 || LengthBits > 65_536 || LengthBits % 64 != 0)
            problems.Add($"length must be a multiple of 64 between 64 and 65536 bits (got {LengthBits}).");
        if (HashCount is < 1 or > 100)
            problems.Add($"hash count must be between 1 and 100 (got {HashCount}).");
        if (Q is < 1 or > 4)
            problems.Add($"q must be between 1 and 4 (got {Q}).");
        return problems;
    }
}
