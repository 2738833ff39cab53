using System.Globalization;

namespace Adrn.Synthetic.Register;

/// <summary>
/// Identifier schemes. Each maps an index through an affine bijection (a·i + b mod M with a
/// coprime to M), so identifiers look scattered yet are unique without a look-up set.
/// </summary>
internal static class Identifiers
{
    // A prime coprime to every modulus below (none of them has a factor other than 2, 3, 5, 13, 19).
    private const long Multiplier = 2654435761L;

    /// <summary>Letters allowed as the second letter of a NINO prefix (not D F I O Q U V).</summary>
    public const string NinoSecondLetters = "ABCEGHJKLMNPRSTWXYZ";

    /// <summary>Opaque 10-digit enterprise reference (1000000000..9999999999).</summary>
    public static string EmployerId(int index) =>
        (1_000_000_000L + Scramble(index, 9_000_000_000L, 12345)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Employer PAYE reference "123/AB56789": tax office, slash, 2 letters and 5 digits.</summary>
    public static string PayeReference(int index, int taxOffice)
    {
        var k = Scramble(index, 676L * 100_000, 777);
        var letters = k / 100_000;
        var digits = k % 100_000;
        return string.Create(CultureInfo.InvariantCulture, $"{taxOffice:D3}/{(char)('A' + letters / 26)}{(char)('A' + letters % 26)}{digits:D5}");
    }

    /// <summary>Companies House number: 8 digits, or a two-letter prefix and 6 digits.</summary>
    public static string CompanyNumber(int index, string? prefix)
    {
        if (prefix is null)
        {
            return Scramble(index, 100_000_000L, 4242).ToString("D8", CultureInfo.InvariantCulture);
        }

        return prefix + Scramble(index, 1_000_000L, 99).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Synthetic National Insurance number: prefix Q + one of <see cref="NinoSecondLetters"/>,
    /// 6 digits, suffix A-D. Real NINOs never start with Q, so no real number is produced.
    /// </summary>
    public static string Nino(long index)
    {
        var k = Scramble(index, 19_000_000L, 31337);
        var second = NinoSecondLetters[(int)(k / 1_000_000)];
        var digits = k % 1_000_000;
        var suffix = (char)('A' + (int)(Randomness.SeededRandom.SplitMix((ulong)index) % 4));
        return string.Create(CultureInfo.InvariantCulture, $"Q{second}{digits:D6}{suffix}");
    }

    private static long Scramble(long index, long modulus, long offset) =>
        (long)(((UInt128)(ulong)index * (ulong)Multiplier + (ulong)offset) % (ulong)modulus);
}
