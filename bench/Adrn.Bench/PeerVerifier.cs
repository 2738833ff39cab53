using Adrn.Bench.Peer;
using Adrn.Linkage;
using Adrn.Linkage.Blocking;
using Adrn.Linkage.Comparison;
using Adrn.Linkage.Configuration;
using Adrn.Linkage.Model;
using Adrn.Linkage.Preparation;
using Adrn.Linkage.Scoring;

namespace Adrn.Bench;

/// <summary>Checks that the engine and the DuckDB peer produce the same pairs, gammas and weights.</summary>
public static class PeerVerifier
{
    /// <summary>Prepares the job's data, then scores every candidate pair on both sides and compares them.</summary>
    /// <param name="config">A job using only SQL-expressible levels.</param>
    /// <param name="model">Its trained model.</param>
    /// <param name="threads">Threads on both sides.</param>
    /// <returns>The comparison.</returns>
    public static PeerVerification Verify(LinkageJobConfig config, MatchModel model, int threads)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        var linkage = LinkagePipeline.Open(config);
        var scoring = ScoringModel.Create(model, linkage.Comparisons, linkage.Prepared);
        using var peer = DuckDbPeer.Open(config, linkage.Prepared, linkage.Blocking.Keys);
        return Verify(linkage.Prepared, linkage.Blocking, scoring, peer, threads);
    }

    /// <summary>Scores all candidate pairs on both sides (no probability cut) and compares them pair by pair.</summary>
    /// <param name="prepared">Prepared records.</param>
    /// <param name="plan">The blocking plan (its keys are those loaded into the peer).</param>
    /// <param name="scoring">The engine's bound model.</param>
    /// <param name="peer">The peer holding the same records.</param>
    /// <param name="threads">Threads on both sides.</param>
    /// <returns>The comparison.</returns>
    public static PeerVerification Verify(PreparedLinkage prepared, BlockingPlan plan, ScoringModel scoring, DuckDbPeer peer, int threads)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scoring);
        ArgumentNullException.ThrowIfNull(peer);
        var k = scoring.Comparisons.Count;
        var batches = BenchHarness.ScoreUnordered(plan, scoring, 0, threads);
        peer.ScoreIntoTable(scoring.Model, double.NegativeInfinity, threads);
        var peerPairs = peer.ReadScored(k);
        long enginePairs = 0, oneOnly = 0, gammaMismatch = 0, matched = 0;
        var maxDiff = 0.0;
        var vectors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in batches)
        {
            for (var i = 0; i < b.Count; i++)
            {
                enginePairs++;
                var gammas = b.Gammas.AsSpan(i * k, k);
                vectors.Add(string.Join(',', gammas.ToArray()));
                if (!peerPairs.TryGetValue(DuckDbPeer.PairKey(b.Left[i], b.Right[i]), out var p))
                {
                    oneOnly++;
                    continue;
                }

                matched++;
                if (!gammas.SequenceEqual(p.Gammas)) gammaMismatch++;
                maxDiff = Math.Max(maxDiff, Math.Abs(b.Weight[i] - p.Weight));
            }
        }

        oneOnly += peerPairs.Count - matched;
        return new PeerVerification(enginePairs, peerPairs.Count, oneOnly, gammaMismatch, maxDiff, vectors.Count);
    }
}
