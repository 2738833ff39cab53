using System.Numerics;
using System.Runtime.CompilerServices;

namespace Adrn.Linkage.Privacy;

/// <summary>Dice coefficient of two Bloom filters: 2·|A∩B| / (|A| + |B|), from population counts.</summary>
public static class DiceCoefficient
{
    /// <summary>
    /// Computes the coefficient. Both empty gives 1 (identical); filters of different lengths are an error.
    /// </summary>
    /// <param name="a">First filter.</param>
    /// <param name="b">Second filter, of the same length.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentException">The filters differ in length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Compute(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"filters differ in length ({a.Length * 64} and {b.Length * 64} bits); encode both sides with the same settings.", nameof(b));
        // Plain loop over words with hardware popcount: this runs once per candidate pair and field.
        int both = 0, total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            both += BitOperations.PopCount(a[i] & b[i]);
            total += BitOperations.PopCount(a[i]) + BitOperations.PopCount(b[i]);
        }

        return total == 0 ? 1.0 : 2.0 * both / total;
    }
}
