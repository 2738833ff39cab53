using System.Globalization;
using Adrn.Stats.Data;

namespace Adrn.Stats.LinkageError;

/// <summary>
/// Candidate links between a left and a right table with their match probabilities: the shape of the
/// linkage engine's <c>pairs</c> and <c>links</c> outputs (<c>id_l</c>, <c>id_r</c>, <c>match_probability</c>).
/// Each left record's candidates are the prior over which right record (or none) is its true match.
/// Adrn.Stats reads this table; it does not depend on the linkage engine.
/// </summary>
public sealed class CandidateLinks
{
    private CandidateLinks(string[] left, string[] right, double[] probability)
    {
        Left = left;
        Right = right;
        Probability = probability;
    }

    /// <summary>Left identifier of each candidate pair.</summary>
    public IReadOnlyList<string> Left { get; }

    /// <summary>Right identifier of each candidate pair.</summary>
    public IReadOnlyList<string> Right { get; }

    /// <summary>Match probability of each candidate pair, in [0, 1].</summary>
    public IReadOnlyList<double> Probability { get; }

    /// <summary>Candidate pairs.</summary>
    public int Count => Left.Count;

    /// <summary>Reads candidate pairs from a table (for example a pairs or links Arrow file read with <see cref="RegressionData.Load"/>).</summary>
    /// <param name="table">The table.</param>
    /// <param name="leftColumn">Left identifier column (default <c>id_l</c>).</param>
    /// <param name="rightColumn">Right identifier column (default <c>id_r</c>).</param>
    /// <param name="probabilityColumn">Match probability column (default <c>match_probability</c>).</param>
    /// <exception cref="ArgumentException">A missing identifier, a probability outside [0, 1], or a pair listed twice (the message names the row, column and value).</exception>
    public static CandidateLinks FromTable(IRegressionData table, string leftColumn = "id_l", string rightColumn = "id_r", string probabilityColumn = "match_probability")
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.RowCount;
        var left = table.GetColumn(leftColumn);
        var right = table.GetColumn(rightColumn);
        var p = new double[n];
        table.GetColumn(probabilityColumn).CopyNumeric(p);
        var l = new string[n];
        var r = new string[n];
        for (var i = 0; i < n; i++)
        {
            l[i] = left.GetLabel(i) ?? throw new ArgumentException($"Row {i + 1}, column '{leftColumn}': the left identifier is missing.", nameof(table));
            r[i] = right.GetLabel(i) ?? throw new ArgumentException($"Row {i + 1}, column '{rightColumn}': the right identifier is missing.", nameof(table));
        }

        return Create(l, r, p, probabilityColumn);
    }

    /// <summary>Builds candidate pairs from arrays of equal length.</summary>
    /// <param name="left">Left identifiers.</param>
    /// <param name="right">Right identifiers.</param>
    /// <param name="probability">Match probabilities in [0, 1].</param>
    /// <exception cref="ArgumentException">Lengths differ, a probability is outside [0, 1], or a pair is listed twice.</exception>
    public static CandidateLinks FromArrays(IReadOnlyList<string> left, IReadOnlyList<string> right, IReadOnlyList<double> probability)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(probability);
        if (left.Count != right.Count || left.Count != probability.Count)
            throw new ArgumentException($"Left ({left.Count}), right ({right.Count}) and probability ({probability.Count}) must have the same length.", nameof(probability));
        return Create([.. left], [.. right], [.. probability], "match_probability");
    }

    private static CandidateLinks Create(string[] left, string[] right, double[] p, string probabilityColumn)
    {
        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < left.Length; i++)
        {
            if (!(p[i] >= 0 && p[i] <= 1))
                throw new ArgumentException($"Row {i + 1}, column '{probabilityColumn}': {p[i].ToString(CultureInfo.InvariantCulture)} is not a probability in [0, 1].", nameof(p));
            if (!seen.TryAdd((left[i], right[i]), i))
                throw new ArgumentException($"Rows {seen[(left[i], right[i])] + 1} and {i + 1}: the pair ({left[i]}, {right[i]}) is listed twice.", nameof(left));
        }

        return new CandidateLinks(left, right, p);
    }
}
