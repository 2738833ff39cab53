namespace Adrn.Synthetic.Randomness;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own implementation so that the stream of numbers
/// for a seed never changes with the .NET version (System.Random's algorithm is not a contract).
/// </summary>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator for the run seed and a named stream, so stages do not share draws.</summary>
    public SeededRandom(ulong seed, ulong stream, ulong index = 0) => Reset(seed, stream, index);

    /// <summary>
    /// Restarts the generator on the stream for (seed, stream, index): the same state a new
    /// instance would have. Lets a hot loop re-seed per entity without allocating.
    /// </summary>
    public void Reset(ulong seed, ulong stream, ulong index)
    {
        _hasSpareNormal = false;
        // NOTE: mixing seed, stream and index through SplitMix64 gives independent-looking
        // sub-streams; a stage that draws per entity (a job spell) can recreate its stream at will.
        var x = SplitMix(seed ^ SplitMix(stream * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL) ^ SplitMix(index + 0xD1B54A32D192ED03UL));
        _s0 = SplitMixNext(ref x);
        _s1 = SplitMixNext(ref x);
        _s2 = SplitMixNext(ref x);
        _s3 = SplitMixNext(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1;
        }
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Uniform integer on [0, <paramref name="n"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 1)
        {
            return 0;
        }

        var m = (UInt128)NextUInt64() * (ulong)n;
        var low = (ulong)m;
        if (low < (ulong)n)
        {
            var threshold = (0UL - (ulong)n) % (ulong)n;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * (ulong)n;
                low = (ulong)m;
            }
        }

        return (int)(m >> 64);
    }

    /// <summary>Uniform integer on [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int min, int maxInclusive) => min + NextInt(maxInclusive - min + 1);

    /// <summary>Standard normal draw (Marsaglia polar method; uses only +, *, log and sqrt).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        var f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpareNormal = true;
        return u * f;
    }

    /// <summary>Normal draw with the given mean and standard deviation.</summary>
    public double NextNormal(double mean, double sd) => mean + sd * NextNormal();

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Picks an index by cumulative weights (binary search on a prefix-sum table).</summary>
    public int PickCumulative(double[] cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        var lo = 0;
        var hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>Turns weights into the prefix-sum table that <see cref="PickCumulative"/> expects.</summary>
    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var result = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }

    /// <summary>A stateless 64-bit mix of one value (SplitMix64 finaliser).</summary>
    public static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMixNext(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
