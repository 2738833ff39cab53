namespace Adrn.Linkage.Training;

/// <summary>
/// SplitMix64 pseudo-random generator (Steele, Lea &amp; Flood 2014). Our own, seeded and platform-independent,
/// so sampled pairs (and therefore u estimates) are identical on every machine and .NET version.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">Seed.</param>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Next 64 random bits.</summary>
    /// <returns>The bits.</returns>
    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; bias below 2^-32 for n &lt; 2^32).</summary>
    /// <param name="n">Exclusive bound, positive.</param>
    /// <returns>The integer.</returns>
    public int NextInt(int n) => (int)((UInt128)Next() * (uint)n >> 64);

    /// <summary>Uniform double in [0, 1).</summary>
    /// <returns>The double.</returns>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
