using Adrn.Linkage.Scoring;

namespace Adrn.Engine.LinkageWorkloads;

/// <summary>Collects the merged pairs at or above the match threshold (the input of resolution), in merge order.</summary>
internal sealed class LinkCandidates(int comparisonCount)
{
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _weight = [];
    private readonly List<double> _probability = [];
    private readonly List<sbyte> _gammas = [];

    public void Add(int left, int right, double weight, double probability, ReadOnlySpan<sbyte> gammas)
    {
        _left.Add(left);
        _right.Add(right);
        _weight.Add(weight);
        _probability.Add(probability);
        foreach (var g in gammas)
        {
            _gammas.Add(g);
        }
    }

    public ScoredPairBatch ToBatch() =>
        new(comparisonCount, [.. _left], [.. _right], [.. _weight], [.. _probability], [.. _gammas], _left.Count);
}
