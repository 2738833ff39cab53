using System.Numerics;
using Adrn.Linkage.Privacy;

namespace Adrn.Linkage.Tests.Privacy;

public sealed class BloomFilterEncoderTests
{
    private static readonly PseudonymKey Key = PseudonymKey.FromSecret("a shared secret for the tests");

    /// <summary>Dice coefficient of the padded bigram sets, computed directly on strings (the quantity a Bloom filter approximates).</summary>
    private static double BigramDice(string a, string b)
    {
        static HashSet<string> Grams(string s)
        {
            var p = "_" + s + "_";
            return Enumerable.Range(0, p.Length - 1).Select(i => p.Substring(i, 2)).ToHashSet();
        }

        var x = Grams(a);
        var y = Grams(b);
        return 2.0 * x.Intersect(y).Count() / (x.Count + y.Count);
    }

    [Theory]
    [InlineData("smith", "smyth")]
    [InlineData("catherine", "kathryn")]
    [InlineData("jones", "jones")]
    [InlineData("oliver", "olivia")]
    [InlineData("ashworth", "wood")]
    public void Dice_of_sparse_filters_equals_the_dice_of_the_bigram_sets(string a, string b)
    {
        // With 65,536 bits and 4 bits per bigram, collisions are rare, so the filter Dice must equal
        // the set Dice computed independently on the strings.
        var encoder = new BloomFilterEncoder(Key, "surname", new BloomFilterSettings { LengthBits = 65_536, HashCount = 4 });
        var dice = DiceCoefficient.Compute(encoder.EncodeText(a), encoder.EncodeText(b));
        Assert.Equal(BigramDice(a, b), dice, 0.02);
    }

    [Fact]
    public void Each_bigram_sets_hash_count_bits_without_collisions_in_a_sparse_filter()
    {
        var encoder = new BloomFilterEncoder(Key, "surname", new BloomFilterSettings { LengthBits = 65_536, HashCount = 4 });
        var filter = encoder.EncodeText("abc")!; // _a ab bc c_ : four distinct bigrams
        Assert.Equal(16, filter.Sum(w => BitOperations.PopCount(w)));
    }

    [Fact]
    public void Different_keys_or_fields_give_unrelated_filters()
    {
        var settings = new BloomFilterSettings();
        var a = new BloomFilterEncoder(Key, "surname", settings).EncodeText("smith")!;
        var otherKey = new BloomFilterEncoder(PseudonymKey.FromSecret("another shared secret!"), "surname", settings).EncodeText("smith")!;
        var otherField = new BloomFilterEncoder(Key, "first_name", settings).EncodeText("smith")!;
        Assert.True(DiceCoefficient.Compute(a, otherKey) < 0.5);
        Assert.True(DiceCoefficient.Compute(a, otherField) < 0.5);
        Assert.Equal(1.0, DiceCoefficient.Compute(a, new BloomFilterEncoder(Key, "surname", settings).EncodeText("smith")!));
    }

    [Fact]
    public void Date_with_day_and_month_swapped_shares_half_of_its_tokens()
    {
        var encoder = new BloomFilterEncoder(Key, "dob", new BloomFilterSettings { LengthBits = 65_536, HashCount = 4 });
        Assert.Equal(1.0, DiceCoefficient.Compute(encoder.EncodeDate(new DateOnly(1983, 9, 13)), encoder.EncodeDate(new DateOnly(1983, 9, 13))));
        var swap = encoder.EncodeDate(new DateOnly(1983, 4, 5))!;
        var original = encoder.EncodeDate(new DateOnly(1983, 5, 4))!;
        Assert.Equal(0.5, DiceCoefficient.Compute(swap, original), 0.02);
        var otherYear = encoder.EncodeDate(new DateOnly(1990, 5, 4))!;
        Assert.Equal(0.75, DiceCoefficient.Compute(otherYear, original), 0.02);
    }

    [Fact]
    public void Missing_values_encode_to_null()
    {
        var encoder = new BloomFilterEncoder(Key, "surname", new BloomFilterSettings());
        Assert.Null(encoder.EncodeText(null));
        Assert.Null(encoder.EncodeText(string.Empty));
        Assert.Null(encoder.EncodeDate(null));
    }

    [Fact]
    public void Base64_round_trips_and_rejects_partial_words()
    {
        var encoder = new BloomFilterEncoder(Key, "surname", new BloomFilterSettings());
        var filter = encoder.EncodeText("ashworth")!;
        Assert.Equal(filter, BloomFilterEncoder.FromBase64(BloomFilterEncoder.ToBase64(filter)));
        Assert.Throws<FormatException>(() => BloomFilterEncoder.FromBase64(Convert.ToBase64String(new byte[5])));
    }

    [Fact]
    public void Invalid_settings_list_every_problem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BloomFilterEncoder(Key, "x", new BloomFilterSettings { LengthBits = 100, HashCount = 0, Q = 9 }));
        Assert.Contains("length", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hash count", ex.Message, StringComparison.Ordinal);
        Assert.Contains("q must", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dice_refuses_filters_of_different_lengths()
    {
        Assert.Throws<ArgumentException>(() => DiceCoefficient.Compute(new ulong[2], new ulong[3]));
    }
}
