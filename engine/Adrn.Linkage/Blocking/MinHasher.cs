using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Blocking;

/// <summary>
/// MinHash signatures of character q-gram sets, cut into bands: the keys of a <c>minhash</c> blocking part. Immutable
/// and thread-safe; the same (q, bands, rows, seed) give the same keys on any machine and thread count.
/// </summary>
/// <remarks>
/// <para>
/// The value's spaces are removed first, so a word typed glued ("PRICECONSULTANTS") or split ("FABRI CATIONS") keeps
/// its q-grams. Each q-gram is hashed once to 32 bits; hash function k of the signature is
/// <c>fmix32(gram ^ s_k)</c> (MurmurHash3's finaliser, a bijection, with a per-function seed s_k drawn from the job
/// seed by SplitMix64), and row k of the signature is its minimum over the value's grams. Band i's key mixes band i's
/// rows with i, so two values share band i's key exactly when all its rows agree (up to a 2^-64 collision).
/// </para>
/// <para>
/// NOTE: this is the hot part of LSH key building (one pass per distinct value of a million-row column): the hash
/// functions are evaluated <see cref="Vector{T}.Count"/> at a time with <see cref="Vector{T}"/> integer lanes (exact
/// integer arithmetic, so vector and scalar hardware give identical keys), grams and minima live on the stack, and
/// nothing is allocated per value.
/// </para>
/// </remarks>
public sealed class MinHasher
{
    private const int StackLimit = 512;
    private readonly uint[] _seeds;
    private readonly int _lanes;

    /// <summary>Creates the hash functions.</summary>
    /// <param name="q">q-gram length (1 or more).</param>
    /// <param name="bands">Bands (keys per value).</param>
    /// <param name="rows">Rows (hash functions) per band.</param>
    /// <param name="seed">Seed of the hash functions.</param>
    public MinHasher(int q, int bands, int rows, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        Q = q;
        Bands = bands;
        Rows = rows;
        Seed = seed;
        var functions = bands * rows;
        // Padded to whole vectors; the padding lanes are computed and ignored.
        _lanes = (functions + Vector<uint>.Count - 1) / Vector<uint>.Count * Vector<uint>.Count;
        _seeds = new uint[_lanes];
        var random = new Training.SplitMix64(seed ^ 0x6D696E68617368UL); // "minhash"
        for (var k = 0; k < _lanes; k++) _seeds[k] = (uint)(random.Next() >> 32);
    }

    /// <summary>q-gram length.</summary>
    public int Q { get; }

    /// <summary>Bands: keys per value.</summary>
    public int Bands { get; }

    /// <summary>Rows (hash functions) per band.</summary>
    public int Rows { get; }

    /// <summary>Seed of the hash functions.</summary>
    public ulong Seed { get; }

    /// <summary>Writes the value's <see cref="Bands"/> band keys (never 0) into <paramref name="keys"/>.</summary>
    /// <param name="value">The standardised value.</param>
    /// <param name="keys">Destination, at least <see cref="Bands"/> long.</param>
    /// <returns>False when the value has no character other than spaces (no key).</returns>
    [SkipLocalsInit]
    public bool BandKeys(ReadOnlySpan<char> value, Span<ulong> keys)
    {
        char[]? rentedChars = null;
        var compact = value.Length <= StackLimit ? stackalloc char[value.Length] : (rentedChars = ArrayPool<char>.Shared.Rent(value.Length));
        var n = 0;
        foreach (var c in value)
            if (c != ' ') compact[n++] = c;
        if (n == 0)
        {
            if (rentedChars is not null) ArrayPool<char>.Shared.Return(rentedChars);
            return false;
        }

        // A value shorter than q is one gram: itself.
        var grams = Math.Max(1, n - Q + 1);
        var width = Math.Min(Q, n);
        Span<uint> mins = _lanes <= 1024 ? stackalloc uint[_lanes] : new uint[_lanes];
        mins.Fill(uint.MaxValue);
        var seeds = _seeds.AsSpan();
        var seedVectors = MemoryMarshalCast(seeds);
        var minVectors = MemoryMarshalCast(mins);
        for (var g = 0; g < grams; g++)
        {
            var x = GramHash(compact.Slice(g, width));
            var xv = new Vector<uint>(x);
            for (var v = 0; v < minVectors.Length; v++)
                minVectors[v] = Vector.Min(minVectors[v], Fmix(xv ^ seedVectors[v]));
        }

        if (rentedChars is not null) ArrayPool<char>.Shared.Return(rentedChars);
        for (var b = 0; b < Bands; b++)
        {
            var h = Mix(0xB5AD4ECEDA1CE2A9UL * (ulong)(b + 1) ^ Seed);
            for (var r = 0; r < Rows; r++) h = Mix(h + mins[(b * Rows) + r]);
            keys[b] = h == 0 ? 1 : h;
        }

        return true;
    }

    /// <summary>The signature, band by band (a scalar recomputation, for inspection and tests: the share of rows on which two
    /// values agree estimates the Jaccard similarity of their q-gram sets).</summary>
    /// <param name="value">The value.</param>
    /// <returns>bands × rows minima, or an empty array for a value with no character.</returns>
    public uint[] Signature(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var compact = value.Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length == 0) return [];
        var grams = Math.Max(1, compact.Length - Q + 1);
        var width = Math.Min(Q, compact.Length);
        var mins = new uint[Bands * Rows];
        Array.Fill(mins, uint.MaxValue);
        for (var g = 0; g < grams; g++)
        {
            var x = GramHash(compact.AsSpan(g, width));
            for (var k = 0; k < mins.Length; k++) mins[k] = Math.Min(mins[k], FmixScalar(x ^ _seeds[k]));
        }

        return mins;
    }

    private static Span<Vector<uint>> MemoryMarshalCast(Span<uint> s) => System.Runtime.InteropServices.MemoryMarshal.Cast<uint, Vector<uint>>(s);

    /// <summary>FNV-1a over the gram's UTF-16 units, finalised with fmix32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint GramHash(ReadOnlySpan<char> gram)
    {
        var h = 2166136261u;
        foreach (var c in gram) h = (h ^ c) * 16777619u;
        return FmixScalar(h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> Fmix(Vector<uint> h)
    {
        h ^= Vector.ShiftRightLogical(h, 16);
        h *= new Vector<uint>(0x85EBCA6Bu);
        h ^= Vector.ShiftRightLogical(h, 13);
        h *= new Vector<uint>(0xC2B2AE35u);
        return h ^ Vector.ShiftRightLogical(h, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint FmixScalar(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        return h ^ (h >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z) => BlockingKeyBuilder.Mix(z);
}
