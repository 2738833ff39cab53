namespace Adrn.Bench;

/// <summary>Compare+score of the same candidate pairs by the engine and by the DuckDB peer at one thread count.</summary>
/// <param name="Threads">Engine MaxDegreeOfParallelism and DuckDB threads.</param>
/// <param name="EngineSeconds">Engine compare+score seconds (best of the repeats).</param>
/// <param name="PeerSeconds">Peer compare+score seconds (best of the repeats).</param>
/// <param name="EngineKept">Pairs the engine kept (at or above keep_probability).</param>
/// <param name="PeerKept">Pairs the peer kept.</param>
/// <param name="EnginePeakMiB">Peak RSS during the engine's compare+score, MiB.</param>
/// <param name="PeerPeakMiB">Peak RSS during the peer's compare+score (DuckDB's native memory included), MiB.</param>
public sealed record ScoringMeasurement(int Threads, double EngineSeconds, double PeerSeconds, long EngineKept, long PeerKept, double EnginePeakMiB, double PeerPeakMiB);
