using Adrn.Linkage.Configuration;
using Adrn.Linkage.Standardisation;

namespace Adrn.Linkage.Preparation;

/// <summary>
/// One job column in columnar, interned form: every record holds an int id into a table of distinct
/// standardised values shared by all sources, and everything a comparison needs per value (parsed date,
/// postcode parts, token ids, term frequency) is precomputed once per distinct value, so the per-pair loop
/// only indexes arrays.
/// </summary>
public sealed partial class ColumnData
{
    internal ColumnData(ColumnConfig config, int[] valueIds, string[] values)
    {
        Config = config;
        ValueIds = valueIds;
        Values = values;
        TermFrequency = new double[values.Length];
    }

    private ColumnData(ColumnData values, int[] valueIds)
    {
        Config = values.Config;
        ValueIds = valueIds;
        Values = values.Values;
        Counts = values.Counts;
        SourceCounts = values.SourceCounts;
        TermFrequency = values.TermFrequency;
        DayNumbers = values.DayNumbers;
        PostcodeSectors = values.PostcodeSectors;
        PostcodeDistricts = values.PostcodeDistricts;
        PostcodeAreas = values.PostcodeAreas;
        _tokens = values._tokens;
        BloomFilters = values.BloomFilters;
        Numbers = values.Numbers;
    }

    /// <summary>The column's configuration.</summary>
    public ColumnConfig Config { get; }

    /// <summary>Column name.</summary>
    public string Name => Config.Name;

    /// <summary>Per record: index into <see cref="Values"/>, or -1 when missing.</summary>
    public int[] ValueIds { get; }

    /// <summary>Distinct standardised values (dates as <c>yyyy-MM-dd</c>, postcodes as units).</summary>
    public string[] Values { get; }

    /// <summary>Per value: number of records (over all sources) holding it.</summary>
    public long[] Counts { get; private init; } = [];

    /// <summary>
    /// Per source (in job order), per value: number of that source's records holding it; summed over sources it is
    /// <see cref="Counts"/>. Term frequencies of one source (<c>term_frequency.source</c>) come from it, so a node holding
    /// only the value tables computes them as the preparing node does.
    /// </summary>
    public long[][] SourceCounts { get; private init; } = [];

    /// <summary>Per value: share of non-null records holding it (over all sources).</summary>
    public double[] TermFrequency { get; }

    /// <summary>Per value (date columns): <see cref="DateOnly.DayNumber"/>.</summary>
    public int[]? DayNumbers { get; internal set; }

    /// <summary>Per value (postcode columns): interned sector id.</summary>
    public int[]? PostcodeSectors { get; internal set; }

    /// <summary>Per value (postcode columns): interned district id.</summary>
    public int[]? PostcodeDistricts { get; internal set; }

    /// <summary>Per value (postcode columns): interned area id.</summary>
    public int[]? PostcodeAreas { get; internal set; }

    /// <summary>Per value (company-name columns): token ids.</summary>
    public int[][]? Tokens => _tokens?.Value.Ids;

    /// <summary>Per token id (company-name columns): rarity weight.</summary>
    public double[]? TokenWeights => _tokens?.Value.Weights;

    /// <summary>Per value (company-name columns): id of its rarest token, -1 when it has none.</summary>
    public int[]? RarestTokens => _tokens?.Value.Rarest;

    /// <summary>Token document frequencies (company-name columns).</summary>
    public TokenFrequencyTable? TokenFrequencies => _tokens?.Value.Table;

    /// <summary>Per value (Bloom-filter columns): the filter's 64-bit words.</summary>
    public ulong[][]? BloomFilters { get; internal set; }

    /// <summary>Per value (number columns): the number.</summary>
    public double[]? Numbers { get; internal set; }

    /// <summary>
    /// The same column over other records: a column that shares this one's value table (values, term frequencies and
    /// everything derived per value) and holds <paramref name="valueIds"/> for its own records. A partition slice's
    /// columns are made this way, so value ids, comparisons and value-pair caches mean the same in both.
    /// </summary>
    /// <param name="valueIds">Per record of the other table: an index into <see cref="Values"/>, or -1.</param>
    /// <returns>The column over the other records.</returns>
    public ColumnData WithRecords(int[] valueIds)
    {
        ArgumentNullException.ThrowIfNull(valueIds);
        return new ColumnData(this, valueIds);
    }

    /// <summary>Whether <paramref name="other"/> shares this column's value table (see <see cref="WithRecords"/>).</summary>
    /// <param name="other">Another column.</param>
    /// <returns>True when value ids of both columns index the same values.</returns>
    public bool SharesValuesWith(ColumnData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(Values, other.Values);
    }

    /// <summary>The standardised value of a record, or null.</summary>
    /// <param name="record">Record index.</param>
    /// <returns>The value.</returns>
    public string? ValueOf(int record)
    {
        var id = ValueIds[record];
        return id < 0 ? null : Values[id];
    }
}
