using System.Globalization;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Preparation;

/// <summary>Building a column's per-value tables (term frequencies and what each comparison needs per value).</summary>
public sealed partial class ColumnData
{
    // Shared by a column and its copies over other records (WithRecords); null for a column of another type.
    private Lazy<TokenTables>? _tokens;

    /// <summary>
    /// Builds a column from its distinct values and how many records hold each: term frequencies, and per value
    /// the parsed date, postcode parts, company-name tokens, Bloom filter or number. A function of
    /// (<paramref name="values"/>, <paramref name="sourceCounts"/>) only, so a node that reads a prepared job's value
    /// tables builds exactly the column the preparing node built.
    /// </summary>
    /// <param name="config">The column's configuration.</param>
    /// <param name="valueIds">Per record: index into <paramref name="values"/>, or -1.</param>
    /// <param name="values">Distinct standardised values.</param>
    /// <param name="sourceCounts">Per source, per value: number of the source's records holding it.</param>
    /// <param name="deferTokens">Build a company-name column's token tables when first asked for, not now: a worker
    /// node reading value tables needs them only when a comparison uses tokens (it reads blocking keys, it does not
    /// derive them), and they are about half the cost of reading the tables.</param>
    /// <returns>The column.</returns>
    internal static ColumnData Build(ColumnConfig config, int[] valueIds, string[] values, long[][] sourceCounts, bool deferTokens = false)
    {
        var counts = new long[values.Length];
        foreach (var perSource in sourceCounts)
            for (var i = 0; i < counts.Length; i++) counts[i] += perSource[i];
        var data = new ColumnData(config, valueIds, values) { Counts = counts, SourceCounts = sourceCounts };
        long nonNull = 0;
        foreach (var c in counts) nonNull += c;
        for (var i = 0; i < values.Length; i++) data.TermFrequency[i] = nonNull == 0 ? 0 : (double)counts[i] / nonNull;
        switch (config.Type)
        {
            case ColumnType.Date:
                data.DayNumbers = values.Select(v => DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber).ToArray();
                break;
            case ColumnType.Number:
                data.Numbers = values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                break;
            case ColumnType.Postcode:
                BuildPostcodes(data, values);
                break;
            case ColumnType.CompanyName:
                data._tokens = new Lazy<TokenTables>(() => BuildTokens(values, counts), LazyThreadSafetyMode.ExecutionAndPublication);
                if (!deferTokens) _ = data._tokens.Value;
                break;
            case ColumnType.BloomFilter:
                data.BloomFilters = values.Select(Privacy.BloomFilterEncoder.FromBase64).ToArray();
                break;
        }

        return data;
    }

    private static void BuildPostcodes(ColumnData data, string[] values)
    {
        var sectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var districts = new Dictionary<string, int>(StringComparer.Ordinal);
        var areas = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(Dictionary<string, int> d, string s)
        {
            if (!d.TryGetValue(s, out var id)) d[s] = id = d.Count;
            return id;
        }

        data.PostcodeSectors = new int[values.Length];
        data.PostcodeDistricts = new int[values.Length];
        data.PostcodeAreas = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (UkPostcode.TryParse(values[i], out var pc))
            {
                data.PostcodeSectors[i] = Id(sectors, pc.Sector);
                data.PostcodeDistricts[i] = Id(districts, pc.District);
                data.PostcodeAreas[i] = Id(areas, pc.Area);
            }
            else
            {
                // Not a parseable postcode (standardiser none): only exact matching is meaningful.
                data.PostcodeSectors[i] = data.PostcodeDistricts[i] = data.PostcodeAreas[i] = -1 - i;
            }
        }
    }

    private static TokenTables BuildTokens(string[] values, long[] counts)
    {
        var table = new TokenFrequencyTable();
        var tokens = new IReadOnlyList<string>[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            tokens[i] = CompanyNameStandardiser.Tokens(values[i]);
            // Document frequency counts records, not distinct values: each value counts once per record holding it.
            table.Add(tokens[i], counts[i]);
        }

        var tokenIds = new int[values.Length][];
        var rarestTokens = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var ids = new int[tokens[i].Count];
            for (var t = 0; t < ids.Length; t++) ids[t] = table.TokenId(tokens[i][t]);
            tokenIds[i] = ids;
            var rarest = table.RarestToken(tokens[i]);
            rarestTokens[i] = rarest is null ? -1 : table.TokenId(rarest);
        }

        return new TokenTables(table, tokenIds, rarestTokens, table.InverseWeightsById());
    }

    /// <summary>A company-name column's token tables (<see cref="Tokens"/>, <see cref="RarestTokens"/>, <see cref="TokenWeights"/>, <see cref="TokenFrequencies"/>).</summary>
    private sealed record TokenTables(TokenFrequencyTable Table, int[][] Ids, int[] Rarest, double[] Weights);
}
