namespace Adrn.Linkage.Standardisation;

/// <summary>
/// Document frequencies of tokens over a column of token lists (for example the tokens of every
/// standardised employer name): how many records contain each token. Used to pick the rarest
/// token of a name for blocking and to weight tokens in
/// <see cref="Adrn.Linkage.Comparison.Metrics.TokenSetSimilarity"/>.
/// </summary>
/// <remarks>
/// Tokens are interned to dense ids in first-seen order, so ids (and everything derived from them)
/// are deterministic for a deterministic order of <see cref="Add(IEnumerable{string})"/> calls. Adding is not
/// thread-safe; once built, the table may be read from any number of threads.
/// </remarks>
public sealed class TokenFrequencyTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _tokens = [];
    private readonly List<long> _frequencies = [];
    private readonly HashSet<int> _seenInDocument = [];

    /// <summary>Number of token lists (records) added, including empty ones.</summary>
    public long DocumentCount { get; private set; }

    /// <summary>Number of distinct tokens seen.</summary>
    public int DistinctTokenCount => _tokens.Count;

    /// <summary>
    /// Adds one record's tokens. A token repeated within the record counts once (document
    /// frequency); null or empty tokens are ignored.
    /// </summary>
    /// <param name="tokens">The record's tokens, e.g. from <see cref="CompanyNameStandardiser.Tokens"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is null.</exception>
    public void Add(IEnumerable<string> tokens) => Add(tokens, 1);

    /// <summary>Adds <paramref name="documents"/> records that all hold the same tokens (a distinct value and its record count).</summary>
    /// <param name="tokens">The tokens of each of those records.</param>
    /// <param name="documents">How many records hold them (at least 0).</param>
    public void Add(IEnumerable<string> tokens, long documents)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        DocumentCount += documents;
        _seenInDocument.Clear();
        foreach (string token in tokens)
        {
            if (string.IsNullOrEmpty(token))
            {
                continue;
            }

            int id = Intern(token);
            if (_seenInDocument.Add(id))
            {
                _frequencies[id] += documents;
            }
        }
    }

    /// <summary>Number of records that contain <paramref name="token"/>; 0 for an unseen token.</summary>
    /// <param name="token">The token (standardised form).</param>
    /// <returns>The document frequency.</returns>
    public long Frequency(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out int id) ? _frequencies[id] : 0;
    }

    /// <summary>
    /// Inverse document frequency weight of <paramref name="token"/>:
    /// ln((1 + N) / (1 + df)) + 1, with N = <see cref="DocumentCount"/> and df = <see cref="Frequency"/>.
    /// Always ≥ 1 (smoothed as in scikit-learn), so unseen and ubiquitous tokens still count a little.
    /// </summary>
    /// <param name="token">The token (standardised form).</param>
    /// <returns>The weight; rarer tokens weigh more.</returns>
    public double InverseWeight(string token) => Idf(Frequency(token));

    /// <summary>
    /// The rarest token of a record (lowest <see cref="Frequency"/>); ties go to the ordinally
    /// smallest token so the choice never depends on token order. Unseen tokens count as frequency 0.
    /// </summary>
    /// <param name="tokens">The record's tokens.</param>
    /// <returns>The rarest token, or null when <paramref name="tokens"/> has no non-empty token.</returns>
    public string? RarestToken(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        string? best = null;
        long bestFrequency = long.MaxValue;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (string.IsNullOrEmpty(token))
            {
                continue;
            }

            long frequency = Frequency(token);
            if (frequency < bestFrequency || (frequency == bestFrequency && string.CompareOrdinal(token, best) < 0))
            {
                best = token;
                bestFrequency = frequency;
            }
        }

        return best;
    }

    /// <summary>The dense id of <paramref name="token"/>, or -1 if it was never added.</summary>
    /// <param name="token">The token (standardised form).</param>
    /// <returns>An id in [0, <see cref="DistinctTokenCount"/>) or -1.</returns>
    public int TokenId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out int id) ? id : -1;
    }

    /// <summary>The token with dense id <paramref name="id"/>.</summary>
    /// <param name="id">An id returned by <see cref="TokenId"/>.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not a known id.</exception>
    public string TokenAt(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Count);
        return _tokens[id];
    }

    /// <summary>
    /// A snapshot of <see cref="InverseWeight"/> for every token, indexed by token id: the
    /// <c>tokenWeights</c> argument of <see cref="Adrn.Linkage.Comparison.Metrics.TokenSetSimilarity.Weighted(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{double})"/>.
    /// </summary>
    /// <returns>A new array of length <see cref="DistinctTokenCount"/>.</returns>
    public double[] InverseWeightsById()
    {
        var weights = new double[_tokens.Count];
        for (int id = 0; id < weights.Length; id++)
        {
            weights[id] = Idf(_frequencies[id]);
        }

        return weights;
    }

    private double Idf(long documentFrequency) => Math.Log((1.0 + DocumentCount) / (1.0 + documentFrequency)) + 1.0;

    private int Intern(string token)
    {
        if (!_ids.TryGetValue(token, out int id))
        {
            id = _tokens.Count;
            _ids.Add(token, id);
            _tokens.Add(token);
            _frequencies.Add(0);
        }

        return id;
    }
}
