using Adrn.Stats.Data;

namespace Adrn.Stats.LinkageError;

/// <summary>
/// Candidate pairs as one table: row j holds the left record's columns, the right record's columns and the
/// pair's <c>link_probability</c>. Columns are read through row views of the two tables, never copied whole.
/// A column name found in both tables is ambiguous and refused when a model asks for it.
/// </summary>
internal sealed class LinkedPairData : IRegressionData
{
    public const string ProbabilityColumn = "link_probability";
    private readonly RowSubsetData _left;
    private readonly RowSubsetData _right;
    private readonly IRegressionData _probability;
    private readonly HashSet<string> _leftNames;
    private readonly HashSet<string> _rightNames;

    public LinkedPairData(IRegressionData left, int[] leftRows, IRegressionData right, int[] rightRows, double[] probability)
    {
        _left = new RowSubsetData(left, leftRows);
        _right = new RowSubsetData(right, rightRows);
        _probability = RegressionData.FromArrays(new Dictionary<string, Array> { [ProbabilityColumn] = probability });
        _leftNames = [.. left.ColumnNames];
        _rightNames = [.. right.ColumnNames];
        ColumnNames = [.. left.ColumnNames.Concat(right.ColumnNames).Append(ProbabilityColumn).Distinct(StringComparer.Ordinal)];
        RowCount = leftRows.Length;
    }

    public int RowCount { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>True when the column comes from the left table.</summary>
    public bool IsLeft(string name) => _leftNames.Contains(name) && !_rightNames.Contains(name);

    /// <summary>True when the column comes from the right table.</summary>
    public bool IsRight(string name) => _rightNames.Contains(name) && !_leftNames.Contains(name);

    public RegressionColumn GetColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var inLeft = _leftNames.Contains(name);
        var inRight = _rightNames.Contains(name);
        if (inLeft && inRight)
            throw new ArgumentException($"Column '{name}' is in both the left and the right table; rename one of them before linking.", nameof(name));
        if (inLeft) return _left.GetColumn(name);
        if (inRight) return _right.GetColumn(name);
        if (name == ProbabilityColumn) return _probability.GetColumn(name);
        throw new KeyNotFoundException($"No column '{name}' in the left or the right table. Available: {string.Join(", ", ColumnNames)}.");
    }
}
