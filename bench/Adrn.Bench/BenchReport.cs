using System.Globalization;
using System.Text;

namespace Adrn.Bench;

/// <summary>Renders benchmark results as Markdown tables.</summary>
public static class BenchReport
{
    /// <summary>Header of the end-to-end table (the smoke test checks these columns).</summary>
    public static readonly IReadOnlyList<string> EndToEndColumns =
    [
        "records", "employers", "candidate pairs", "threads", "load s", "block s", "train s", "compare+score s", "resolve s", "write s",
        "total s", "pairs/s", "peak RSS MiB",
    ];

    /// <summary>Header of the engine-versus-peer table (one row per size and thread count: the scaling table).</summary>
    public static readonly IReadOnlyList<string> PeerColumns =
    [
        "records", "threads", "candidate pairs", "kept (engine)", "kept (peer)", "engine compare+score s", "peer compare+score s",
        "engine pairs/s", "peer pairs/s", "engine/peer speed", "engine peak RSS MiB", "peer peak RSS MiB", "peer load s",
    ];

    /// <summary>Header of the training-kernel table.</summary>
    public static readonly IReadOnlyList<string> TrainingColumns =
    [
        "records", "candidate pairs", "distinct patterns", "pattern counting s", "EM iterations", "EM s", "engine score+merge s", "load average",
    ];

    /// <summary>Header of the actor-engine process table (adrn link locally and on a loopback cluster).</summary>
    public static readonly IReadOnlyList<string> ProcessColumns =
    [
        "records", "mode", "worker processes", "workers", "wall s", "job s", "open s", "counting s", "training s", "scoring s",
        "merge+resolve+write s", "pairs written", "speed-up vs 1", "CPU s", "peak RSS max MiB", "peak RSS sum MiB", "same links as first run",
    ];

    /// <summary>Header of the verification table.</summary>
    public static readonly IReadOnlyList<string> VerificationColumns =
    [
        "records", "pairs (engine)", "pairs (peer)", "pairs in one side only", "gamma mismatches", "max abs weight difference", "agree",
    ];

    /// <summary>Renders the results.</summary>
    /// <param name="cases">Results per size.</param>
    /// <param name="cores">Logical cores of the machine.</param>
    /// <returns>Markdown text.</returns>
    public static string ToMarkdown(IReadOnlyList<BenchCaseResult> cases, int cores)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"# Adrn linkage benchmark\n\nMachine: {cores} logical cores, {Environment.OSVersion}, .NET {Environment.Version}. Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n");
        sb.Append("## Engine end to end (LinkageJob.Run)\n\n");
        sb.Append("Stages: load = read + standardise (prepare), block = blocking plan + report, train = u sampling + EM, compare+score, resolve, write (Arrow links + model + report). Pairs/s = candidate pairs / compare+score seconds. Peak RSS is VmHWM reset before the run.\n\n");
        Header(sb, EndToEndColumns);
        foreach (var c in cases)
        {
            var s = c.EngineStages;
            double S(string k) => s.TryGetValue(k, out var v) ? v : double.NaN;
            Row(sb, [
                N(c.Employees), N(c.Employers), N(c.CandidatePairs), N(c.EngineThreads), F(S("prepare")), F(S("blocking")), F(S("training")), F(S("scoring")),
                F(S("resolution")), F(S("writing")), F(S("total")), N((long)(c.CandidatePairs / Math.Max(S("scoring"), 1e-9))), F(c.EnginePeakMiB, 0),
            ]);
        }

        sb.Append("\n## Compare+score: engine vs DuckDB SQL peer (same candidate pairs, comparisons, m/u)\n\n");
        sb.Append("Threads = engine MaxDegreeOfParallelism and DuckDB `SET threads` (threads in one process, not worker processes). Best of 3 repeats below 2M pairs, else 1. Both keep pairs at or above keep_probability (engine: in-memory batches; peer: CREATE TABLE AS). Peer load (Appender of the standardised records) is not part of compare+score.\n\n");
        Header(sb, PeerColumns);
        foreach (var c in cases)
        {
            foreach (var m in c.Scoring)
            {
                Row(sb, [
                    N(c.Employees), N(m.Threads), N(c.CandidatePairs), N(m.EngineKept), N(m.PeerKept), F(m.EngineSeconds), F(m.PeerSeconds),
                    N((long)(c.CandidatePairs / m.EngineSeconds)), N((long)(c.CandidatePairs / m.PeerSeconds)),
                    (m.PeerSeconds / m.EngineSeconds).ToString("F2", inv) + "x", F(m.EnginePeakMiB, 0), F(m.PeerPeakMiB, 0), F(c.PeerLoadSeconds),
                ]);
            }
        }

        if (cases.Any(c => c.EngineRuns.Count > 0))
        {
            sb.Append("\n## Scaling: the actor engine as processes (`adrn link`, locally and on a loopback cluster)\n\n");
            sb.Append("Each row is a fresh run of the released CLI with a fresh journal: `local` = `adrn link --workers N` (one process, N in-process workers); `cluster` = a seed node with `--workers 0` (coordinator + SQLite journal only) and N `adrn node --role worker --workers 1` processes on 127.0.0.1, driven by `adrn link --cluster`, so every task crosses Akka remoting: the coordinator reads and standardises the inputs once and writes the prepared job (value tables) and each task's partition slice into the output folder, and each worker process reads only those. Wall = start of the `adrn link` process to its exit; job = the command's own clock from its start to its summary line; stage times come from the elapsed seconds on the client's progress lines: open = until the counting phase starts (the coordinator has read, standardised and blocked the inputs); counting = from then to the last counted unit; training = merge of pattern counts, u sampling, EM; merge+resolve+write = after the last scored partition. CPU s = user + system seconds of all the run's processes during the job (nodes from the client's start; more CPU than 2 × wall is impossible on 2 cores). Peak RSS is each process's VmHWM (client sampled every 50 ms); sum = seed + workers + client. Speed-up = wall of the 1-worker run of the same mode / wall. Same links = SHA-256 over (id_l, id_r, match_weight) of links.arrow equals the first run's.\n\n");
            Header(sb, ProcessColumns);
            foreach (var c in cases)
            {
                foreach (var r in c.EngineRuns)
                {
                    var one = c.EngineRuns.FirstOrDefault(x => x.Mode == r.Mode && x.Workers == 1);
                    var first = c.EngineRuns[0];
                    Row(sb, [
                        N(c.Employees), r.Mode, r.Mode == "local" ? "0" : N(r.Processes), N(r.Workers), F(r.WallSeconds, 1), F(r.JobSeconds, 1), F(r.OpenSeconds, 1), F(r.CountingSeconds, 1),
                        F(r.TrainingSeconds, 1), F(r.ScoringSeconds, 1), F(r.WriteSeconds, 1), N(r.PairsWritten),
                        one is null ? "n/a" : (one.WallSeconds / r.WallSeconds).ToString("F2", inv) + "x", F(r.CpuSeconds, 1), F(r.PeakRssMaxMiB, 0), F(r.PeakRssSumMiB, 0),
                        r.LinksDigest == first.LinksDigest ? "yes" : "NO",
                    ]);
                }
            }
        }

        sb.Append("\n## Training kernels: agreement-pattern counting and EM\n\n");
        sb.Append("EM works on the histogram of agreement patterns, so its cost depends on the distinct patterns, not on the pairs. 25 iterations with tolerance 0 (every iteration runs). Engine score+merge = compare+score plus the merge of partition batches into id order that LinkageJob's scoring lap includes.\n\n");
        Header(sb, TrainingColumns);
        foreach (var c in cases)
        {
            Row(sb, [N(c.Employees), N(c.CandidatePairs), N(c.Patterns), F(c.PatternCountSeconds), N(c.EmIterations), F(c.EmSeconds, 4), F(c.EngineScoreAndMergeSeconds), F(c.LoadAverage, 2)]);
        }

        if (cases.Any(c => c.Verification is not null))
        {
            sb.Append("\n## Pair-by-pair check (all candidate pairs, no probability cut)\n\n");
            Header(sb, VerificationColumns);
            foreach (var c in cases)
            {
                if (c.Verification is not { } v) continue;
                Row(sb, [N(c.Employees), N(v.EnginePairs), N(v.PeerPairs), N(v.PairsInOneOnly), N(v.GammaMismatches), v.MaxWeightDifference.ToString("E2", inv), v.Agrees ? "yes" : "NO"]);
            }
        }

        return sb.ToString();
    }

    private static void Header(StringBuilder sb, IReadOnlyList<string> columns)
    {
        sb.Append("| ").Append(string.Join(" | ", columns)).Append(" |\n|");
        foreach (var _ in columns) sb.Append(" ---: |");
        sb.Append('\n');
    }

    private static void Row(StringBuilder sb, IReadOnlyList<string> cells) => sb.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v, int digits = 3) => double.IsNaN(v) ? "n/a" : v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
