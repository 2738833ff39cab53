namespace Adrn.Linkage.Scoring;

/// <summary>
/// A sorted run of scored pairs read one at a time: one partition's result, in the (source, id) order of left then
/// right record, with record indices of the job's table. The finish stage merges P runs into the job's outputs.
/// </summary>
public interface IScoredPairRun : IDisposable
{
    /// <summary>Moves to the next pair.</summary>
    /// <returns>False at the end of the run.</returns>
    bool MoveNext();

    /// <summary>Left record of the current pair.</summary>
    int Left { get; }

    /// <summary>Right record of the current pair.</summary>
    int Right { get; }

    /// <summary>Match weight of the current pair.</summary>
    double Weight { get; }

    /// <summary>Match probability of the current pair.</summary>
    double Probability { get; }

    /// <summary>Blocking rule that produced the current pair (-1 unknown).</summary>
    int Rule { get; }

    /// <summary>Gamma vector of the current pair (valid until the next <see cref="MoveNext"/>).</summary>
    ReadOnlySpan<sbyte> Gammas { get; }
}
