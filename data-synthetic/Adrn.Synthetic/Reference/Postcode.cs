using Adrn.Synthetic.Randomness;

namespace Adrn.Synthetic.Reference;

/// <summary>
/// A postcode packed into an int (area, district, sector digit, two unit letters) so that millions
/// of persons' addresses fit in a flat array without one string each.
/// </summary>
internal static class Postcode
{
    /// <summary>Packs the parts of a postcode.</summary>
    public static int Pack(int area, int district, int sector, int unit1, int unit2) =>
        (area << 20) | (district << 14) | (sector << 10) | (unit1 << 5) | unit2;

    /// <summary>The area index of a packed postcode.</summary>
    public static int Area(int packed) => packed >> 20;

    /// <summary>The district index of a packed postcode.</summary>
    public static int District(int packed) => (packed >> 14) & 0x3F;

    /// <summary>The sector digit of a packed postcode.</summary>
    public static int Sector(int packed) => (packed >> 10) & 0xF;

    /// <summary>A random postcode in the given area.</summary>
    public static int RandomIn(SeededRandom rng, int area)
    {
        var districts = UkGeography.Areas[area].Districts.Length;
        return RandomIn(rng, area, rng.NextInt(districts));
    }

    /// <summary>A random postcode in the given district.</summary>
    public static int RandomIn(SeededRandom rng, int area, int district) =>
        RandomIn(rng, area, district, rng.NextInt(10));

    /// <summary>A random unit in the given sector.</summary>
    public static int RandomIn(SeededRandom rng, int area, int district, int sector)
    {
        var n = UkGeography.UnitLetters.Length;
        return Pack(area, district, sector, rng.NextInt(n), rng.NextInt(n));
    }

    /// <summary>The same sector with a different second unit letter (a keying error that still looks valid).</summary>
    public static int WrongUnit(SeededRandom rng, int packed)
    {
        var n = UkGeography.UnitLetters.Length;
        var current = packed & 0x1F;
        var replacement = (current + 1 + rng.NextInt(n - 1)) % n;
        return (packed & ~0x1F) | replacement;
    }

    /// <summary>Formats a packed postcode as "AA9A 9AA".</summary>
    public static string Format(int packed)
    {
        var area = UkGeography.Areas[Area(packed)];
        var district = area.Districts[District(packed)];
        Span<char> buffer = stackalloc char[8];
        var length = 0;
        foreach (var c in area.Code)
        {
            buffer[length++] = c;
        }

        foreach (var c in district)
        {
            buffer[length++] = c;
        }

        buffer[length++] = ' ';
        buffer[length++] = (char)('0' + Sector(packed));
        buffer[length++] = UkGeography.UnitLetters[(packed >> 5) & 0x1F];
        buffer[length++] = UkGeography.UnitLetters[packed & 0x1F];
        return new string(buffer[..length]);
    }
}
