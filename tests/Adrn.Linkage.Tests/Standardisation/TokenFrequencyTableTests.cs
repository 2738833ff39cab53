using Adrn.Linkage.Comparison.Metrics;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Tests.Standardisation;

public sealed class TokenFrequencyTableTests
{
    private static TokenFrequencyTable SmallRegister()
    {
        var table = new TokenFrequencyTable();
        table.Add(["acme", "services"]);
        table.Add(["acme", "engineering"]);
        table.Add(["harrow", "precision", "engineering"]);
        table.Add(["services", "services"]);
        table.Add([]);
        return table;
    }

    [Fact]
    public void Frequency_counts_records_containing_a_token_once_each()
    {
        var table = SmallRegister();
        Assert.Equal(5, table.DocumentCount);
        Assert.Equal(5, table.DistinctTokenCount);
        Assert.Equal(2, table.Frequency("acme"));
        Assert.Equal(2, table.Frequency("services"));
        Assert.Equal(2, table.Frequency("engineering"));
        Assert.Equal(1, table.Frequency("harrow"));
        Assert.Equal(0, table.Frequency("unknown"));
    }

    [Fact]
    public void InverseWeight_is_the_smoothed_idf_and_favours_rare_tokens()
    {
        var table = SmallRegister();
        // ln((1 + N) / (1 + df)) + 1 with N = 5 records.
        Assert.Equal(Math.Log(6.0 / 2.0) + 1.0, table.InverseWeight("harrow"), 12);
        Assert.Equal(Math.Log(6.0 / 3.0) + 1.0, table.InverseWeight("acme"), 12);
        Assert.Equal(Math.Log(6.0 / 1.0) + 1.0, table.InverseWeight("unknown"), 12);
        Assert.True(table.InverseWeight("harrow") > table.InverseWeight("acme"));
    }

    [Fact]
    public void RarestToken_breaks_ties_lexicographically_whatever_the_order()
    {
        var table = SmallRegister();
        Assert.Equal("harrow", table.RarestToken(["precision", "engineering", "harrow"]));
        Assert.Equal("harrow", table.RarestToken(["harrow", "engineering", "precision"]));
        Assert.Equal("acme", table.RarestToken(["services", "acme"]));
        Assert.Equal("zebra", table.RarestToken(["acme", "zebra"]));
        Assert.Null(table.RarestToken([]));
    }

    [Fact]
    public void Token_ids_are_dense_in_first_seen_order()
    {
        var table = SmallRegister();
        Assert.Equal(0, table.TokenId("acme"));
        Assert.Equal(1, table.TokenId("services"));
        Assert.Equal(2, table.TokenId("engineering"));
        Assert.Equal(-1, table.TokenId("unknown"));
        Assert.Equal("harrow", table.TokenAt(table.TokenId("harrow")));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.TokenAt(99));
    }

    [Fact]
    public void Weighted_similarity_by_ids_agrees_with_the_string_overload()
    {
        var table = SmallRegister();
        double[] weights = table.InverseWeightsById();
        string[] a = ["acme", "engineering"];
        string[] b = ["harrow", "precision", "engineering"];
        int[] idsA = [.. a.Select(table.TokenId)];
        int[] idsB = [.. b.Select(table.TokenId)];
        double byIds = TokenSetSimilarity.Weighted(idsA, idsB, weights);
        double byStrings = TokenSetSimilarity.Weighted(a, b, table);
        Assert.Equal(byStrings, byIds, 12);
        double expected = table.InverseWeight("engineering")
            / (table.InverseWeight("acme") + table.InverseWeight("engineering") + table.InverseWeight("harrow") + table.InverseWeight("precision"));
        Assert.Equal(expected, byIds, 12);
    }

    [Fact]
    public void Sharing_a_rare_token_scores_higher_than_sharing_a_common_one()
    {
        var table = new TokenFrequencyTable();
        for (int i = 0; i < 50; i++)
        {
            table.Add(["firm" + i, "services"]);
        }

        table.Add(["harrow", "logistics"]);
        double rareShared = TokenSetSimilarity.Weighted(["harrow", "services"], ["harrow", "logistics"], table);
        double commonShared = TokenSetSimilarity.Weighted(["firm1", "services"], ["firm2", "services"], table);
        Assert.True(rareShared > commonShared, $"{rareShared} <= {commonShared}");
    }
}
