namespace Adrn.Learning.Labels;

/// <summary>A decision about one record pair.</summary>
/// <param name="Left">Left record index.</param>
/// <param name="Right">Right record index.</param>
/// <param name="IsMatch">True when the two records are the same entity.</param>
public readonly record struct PairLabel(int Left, int Right, bool IsMatch);
