using Adrn.Tables;

namespace Adrn.Learning.Evaluation;

/// <summary>
/// True pairs of record ids, as listed in a truth file (CSV; its first two columns are the ids of a true pair), kept in
/// the file's orientation and order. Unlike <see cref="Adrn.Linkage.Evaluation.TruthPairSet"/>, which normalises each
/// pair by ordinal order for membership tests, held-out evaluation needs to know which id is the left record.
/// </summary>
public sealed class TruthPairs
{
    private readonly HashSet<(string, string)> _set = [];
    private readonly List<(string IdLeft, string IdRight)> _pairs = [];

    /// <summary>The distinct pairs in file order (first column, second column).</summary>
    public IReadOnlyList<(string IdLeft, string IdRight)> Pairs => _pairs;

    /// <summary>Adds a pair (order does not matter for <see cref="Contains"/>; repeats are kept once).</summary>
    /// <param name="idLeft">First id.</param>
    /// <param name="idRight">Second id.</param>
    public void Add(string idLeft, string idRight)
    {
        ArgumentNullException.ThrowIfNull(idLeft);
        ArgumentNullException.ThrowIfNull(idRight);
        if (_set.Add(Key(idLeft, idRight))) _pairs.Add((idLeft, idRight));
    }

    /// <summary>Whether two ids form a true pair (either order).</summary>
    /// <param name="a">One id.</param>
    /// <param name="b">The other.</param>
    /// <returns>True when listed.</returns>
    public bool Contains(string a, string b) => _set.Contains(Key(a, b));

    /// <summary>Reads a truth CSV (header row, then one true pair per row in its first two columns).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The pairs.</returns>
    /// <exception cref="InvalidDataException">A row has fewer than two ids (file and line named).</exception>
    /// <exception cref="TableFormatException">The file is not well-formed CSV (file, line and column named).</exception>
    public static TruthPairs Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"truth file '{path}' does not exist", path);
        var truth = new TruthPairs();
        using var csv = CsvCursor.Open(path);
        if (csv.Header.Count < 2) throw new InvalidDataException($"{path}, line {csv.HeaderLine}: a truth file needs two id columns, found {csv.Header.Count}");
        while (csv.MoveNext())
        {
            if (csv[0].IsEmpty || csv[1].IsEmpty)
                throw new InvalidDataException($"{path}, line {csv.LineNumber}: a truth row needs two ids in its first two columns (got '{csv.GetString(0)}', '{csv.GetString(1)}')");
            truth.Add(csv.GetString(0), csv.GetString(1));
        }

        return truth;
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
