using Adrn.Linkage.Comparison.Metrics;

namespace Adrn.Linkage.Tests.Metrics;

/// <summary>
/// The bounded edit-distance tests the comparison levels use must answer exactly as the full distances do
/// (themselves checked against jellyfish in <see cref="StringMetricsReferenceTests"/>): a seeded property test over
/// random near and far string pairs on a small alphabet (so swaps, repeats and shared affixes are frequent).
/// </summary>
public sealed class BoundedDistanceTests
{
    [Fact]
    public void Bounded_levenshtein_and_damerau_levenshtein_agree_with_the_full_distances_on_200000_random_pairs()
    {
        var rng = new Random(20261203);
        var checkedPairs = 0;
        var within = new int[5];
        for (var n = 0; n < 200_000; n++)
        {
            var a = RandomString(rng, rng.Next(0, 12));
            var b = rng.Next(3) == 0 ? RandomString(rng, rng.Next(0, 12)) : Mutate(rng, a, rng.Next(0, 4));
            var lev = StringMetrics.Levenshtein(a, b);
            var dl = StringMetrics.DamerauLevenshtein(a, b);
            for (var k = 0; k <= 4; k++)
            {
                Assert.True(lev <= k == StringMetrics.LevenshteinWithin(a, b, k), $"Levenshtein('{a}', '{b}') = {lev}, bound {k}");
                Assert.True(dl <= k == StringMetrics.DamerauLevenshteinWithin(a, b, k), $"DamerauLevenshtein('{a}', '{b}') = {dl}, bound {k}");
                if (dl <= k) within[k]++;
            }

            checkedPairs++;
        }

        Assert.Equal(200_000, checkedPairs);
        // The sample reaches every bound on both sides (the property would be weak if almost all pairs were far apart).
        Assert.All(within, w => Assert.InRange(w, 10_000, 190_000));
    }

    [Theory]
    [InlineData("MARTHA", "MARHTA")]
    [InlineData("DIXON", "DICKSONX")]
    [InlineData("JELLYFISH", "SMELLYFISH")]
    [InlineData("123/AB56789", "123/AB56798")]
    [InlineData("", "A")]
    [InlineData("CA", "ABC")]
    public void Jaro_winkler_from_a_computed_jaro_equals_jaro_winkler_bit_for_bit(string a, string b)
    {
        Assert.Equal(StringMetrics.JaroWinkler(a, b), StringMetrics.JaroWinklerFromJaro(a, b, StringMetrics.Jaro(a, b)));
    }

    [Fact]
    public void Jaro_equals_a_textbook_implementation_on_100000_random_pairs_with_ascii_and_accented_characters()
    {
        // Reference: the textbook algorithm (window max(|a|,|b|)/2 - 1, first unmatched equal character, half
        // transpositions floored), written here independently of the engine's bit-parallel version.
        var rng = new Random(7);
        const string alphabet = "ABCDE É";
        for (var n = 0; n < 100_000; n++)
        {
            var a = RandomString(rng, rng.Next(1, 70), alphabet);
            var b = rng.Next(2) == 0 ? RandomString(rng, rng.Next(1, 70), alphabet) : Mutate(rng, a, rng.Next(0, 6));
            if (b.Length == 0) continue;
            Assert.Equal(TextbookJaro(a, b), StringMetrics.Jaro(a, b));
        }
    }

    private static double TextbookJaro(string a, string b)
    {
        if (a == b) return 1.0;
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var ma = new bool[a.Length];
        var mb = new bool[b.Length];
        var m = 0;
        for (var i = 0; i < a.Length; i++)
            for (var j = Math.Max(0, i - window); j < Math.Min(b.Length, i + window + 1); j++)
                if (!mb[j] && a[i] == b[j]) { ma[i] = mb[j] = true; m++; break; }
        if (m == 0) return 0.0;
        var half = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!ma[i]) continue;
            while (!mb[k]) k++;
            if (a[i] != b[k]) half++;
            k++;
        }

        double md = m;
        return ((md / a.Length) + (md / b.Length) + ((m - half / 2) / md)) / 3.0;
    }

    private static string RandomString(Random rng, int length, string alphabet = "ABCD")
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
        return new string(chars);
    }

    private static string Mutate(Random rng, string s, int edits)
    {
        var chars = s.ToList();
        for (var e = 0; e < edits; e++)
        {
            var op = rng.Next(4);
            var at = chars.Count == 0 ? 0 : rng.Next(chars.Count);
            switch (op)
            {
                case 0 when chars.Count > 0: chars[at] = "ABCD"[rng.Next(4)]; break;
                case 1: chars.Insert(rng.Next(chars.Count + 1), "ABCD"[rng.Next(4)]); break;
                case 2 when chars.Count > 0: chars.RemoveAt(at); break;
                case 3 when chars.Count > 1 && at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }

        return new string(chars.ToArray());
    }
}
