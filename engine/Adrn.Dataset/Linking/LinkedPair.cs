namespace Adrn.Dataset.Linking;

/// <summary>A record's link: the other record, the match probability and the blocking rule that made the pair a candidate.</summary>
internal sealed record LinkedPair(string Other, double Probability, string Rule);
