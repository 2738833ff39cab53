using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Adrn.Bench.Scaling;

/// <summary>
/// Runs the job with the actor engine as a user would, as separate <c>adrn</c> processes on 127.0.0.1: locally
/// (<c>adrn link --workers N</c>, one process) and on a loopback cluster (a seed node with no workers, N worker
/// node processes with one worker each, and <c>adrn link --cluster</c>), and times each run from the client's
/// progress lines. Every run must write the same links as the first, or the run is reported as failed.
/// </summary>
public static partial class EngineRuns
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The adrn.dll copied next to the harness (Adrn.Bench references Adrn.Cli).</summary>
    public static string DefaultAdrnDll => Path.Combine(AppContext.BaseDirectory, "adrn.dll");

    /// <summary>Runs local mode with 1..max(<paramref name="processCounts"/>) workers, then the cluster with each process count.</summary>
    /// <param name="adrnDll">Path of adrn.dll.</param>
    /// <param name="configPath">Job config.</param>
    /// <param name="dataDirectory">Value of <c>${data}</c>.</param>
    /// <param name="workDirectory">Scratch folder for outputs and node state (emptied per run).</param>
    /// <param name="processCounts">Worker process counts of the cluster runs (and worker counts of the local runs).</param>
    /// <param name="log">Progress lines.</param>
    /// <returns>One measurement per run, local first.</returns>
    public static IReadOnlyList<EngineRunMeasurement> Run(string adrnDll, string configPath, string dataDirectory, string workDirectory,
        IReadOnlyList<int> processCounts, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(processCounts);
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(adrnDll))
        {
            throw new FileNotFoundException($"adrn.dll not found at {adrnDll}: build the harness (dotnet build bench/Adrn.Bench -c Release) or pass --adrn PATH", adrnDll);
        }

        if (processCounts.Any(p => p < 1)) throw new ArgumentException("process counts must be at least 1", nameof(processCounts));
        var runs = new List<EngineRunMeasurement>();
        foreach (var workers in processCounts)
        {
            log($"adrn link locally, {workers} worker(s)");
            runs.Add(Local(adrnDll, configPath, dataDirectory, Path.Combine(workDirectory, "local-" + workers.ToString(CultureInfo.InvariantCulture)), workers));
            log(Describe(runs[^1]));
        }

        foreach (var processes in processCounts)
        {
            log($"adrn link --cluster, seed + {processes} worker process(es)");
            runs.Add(Cluster(adrnDll, configPath, dataDirectory, Path.Combine(workDirectory, "cluster-" + processes.ToString(CultureInfo.InvariantCulture)), processes, log));
            log(Describe(runs[^1]));
        }

        return runs;
    }

    private static string Describe(EngineRunMeasurement m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Mode}, {m.Processes} process(es), {m.Workers} worker(s): {m.WallSeconds:F1} s wall, {m.PairsWritten} pairs, peak RSS max {m.PeakRssMaxMiB:F0} MiB / sum {m.PeakRssSumMiB:F0} MiB");

    private static EngineRunMeasurement Local(string adrnDll, string configPath, string data, string dir, int workers)
    {
        Fresh(dir);
        var outDir = Path.Combine(dir, "out");
        using var client = NodeProcess.Start(adrnDll, "link (local)", "link", "--config", configPath, "--var", "data=" + data, "--out", outDir,
            "--workers", workers.ToString(CultureInfo.InvariantCulture));
        var (wall, peak, cpu) = WaitSampling(client, []);
        return Measure("local", 1, workers, client, wall, [peak], [cpu], outDir);
    }

    private static EngineRunMeasurement Cluster(string adrnDll, string configPath, string data, string dir, int processes, Action<string> log)
    {
        Fresh(dir);
        var outDir = Path.Combine(dir, "out");
        var seedPort = FreePort();
        var address = string.Create(CultureInfo.InvariantCulture, $"akka.tcp://adrn@127.0.0.1:{seedPort}");
        var nodes = new List<NodeProcess>();
        try
        {
            // The seed hosts the coordinator and journal but no workers, so every partition crosses the network.
            // Nodes read and write only under their data roots: the job file's folder, the data and the run's folder.
            string[] roots = ["--data-root", Path.GetDirectoryName(Path.GetFullPath(configPath))!, "--data-root", Path.GetFullPath(data), "--data-root", Path.GetFullPath(dir)];
            var seed = NodeProcess.Start(adrnDll, "seed", ["node", "--role", "seed", "--host", "127.0.0.1", "--port", seedPort.ToString(CultureInfo.InvariantCulture),
                "--seed-nodes", address, "--workers", "0", "--state-dir", Path.Combine(dir, "state"), .. roots]);
            nodes.Add(seed);
            WaitUp(seed);
            for (var i = 0; i < processes; i++)
            {
                var worker = NodeProcess.Start(adrnDll, "worker-" + (i + 1).ToString(CultureInfo.InvariantCulture), ["node", "--role", "worker", "--host", "127.0.0.1",
                    "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--seed-nodes", address, "--workers", "1", .. roots]);
                nodes.Add(worker);
                WaitUp(worker);
            }

            if (!seed.WaitForLine(_ => seed.Lines.Count(l => l.Line.Contains("Cluster: member up", StringComparison.Ordinal)) >= processes + 1, StartTimeout))
            {
                throw new TimeoutException("the loopback cluster did not form:\n" + string.Join('\n', nodes.Select(n => n.Output)));
            }

            // CPU the nodes spent starting and forming the cluster is not the job's.
            var nodeCpuBefore = nodes.ToDictionary(n => n, n => n.CpuSeconds());
            using var client = NodeProcess.Start(adrnDll, "link (cluster)", "link", "--cluster", address, "--config", configPath, "--var", "data=" + data, "--out", outDir);
            var (wall, clientPeak, clientCpu) = WaitSampling(client, nodes);
            var peaks = nodes.Select(n => n.PeakRssMiB()).Append(clientPeak).ToList();
            var cpu = nodes.Select(n => n.CpuSeconds() - nodeCpuBefore[n]).Append(clientCpu).ToList();
            return Measure("cluster", processes, processes, client, wall, peaks, cpu, outDir);
        }
        finally
        {
            // Workers leave one at a time, the seed last.
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                if (i == 0 && nodes.Count > 1)
                {
                    // The seed goes last, once it has removed every worker (a departed worker it still counts as
                    // leader would hold up its own leaving).
                    var seed = nodes[0];
                    seed.WaitForLine(_ => seed.Lines.Count(l => l.Line.Contains("Cluster: member removed", StringComparison.Ordinal)) >= nodes.Count - 1, TimeSpan.FromSeconds(30));
                }

                var stopped = nodes[i].Stop(TimeSpan.FromSeconds(20));
                log(stopped is { } s
                    ? string.Create(CultureInfo.InvariantCulture, $"{nodes[i].Name} left on SIGTERM in {s:F1} s")
                    : $"{nodes[i].Name} ignored SIGTERM for 20 s and was killed");
                nodes[i].Dispose();
            }
        }
    }

    /// <summary>Waits for the client to exit, sampling its peak RSS and CPU time every 50 ms (VmHWM is a high-water mark, so the last sample holds all but the final 50 ms).</summary>
    private static (double Wall, double Peak, double Cpu) WaitSampling(NodeProcess client, IReadOnlyList<NodeProcess> nodes)
    {
        var peak = double.NaN;
        var cpu = double.NaN;
        var deadline = DateTime.UtcNow + JobTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var sample = client.PeakRssMiB();
            if (!double.IsNaN(sample)) peak = sample;
            var used = client.CpuSeconds();
            if (!double.IsNaN(used)) cpu = used;
            if (client.WaitForExit(TimeSpan.FromMilliseconds(50)) is { } wall)
            {
                if (client.ExitCode != 0)
                {
                    throw new InvalidOperationException($"adrn link exited with {client.ExitCode}:\n{client.Output}\n{string.Join('\n', nodes.Select(n => n.Output))}");
                }

                return (wall, peak, cpu);
            }
        }

        throw new TimeoutException($"adrn link did not finish within {JobTimeout.TotalMinutes} minutes:\n{client.Output}");
    }

    private static EngineRunMeasurement Measure(string mode, int processes, int workers, NodeProcess client, double wall, IReadOnlyList<double> peaks,
        IReadOnlyList<double> cpu, string outDir)
    {
        // Stage times come from the client's own clock ("…, 12.34 s elapsed" on each progress line, "… in 15.67 s"
        // on the summary), not from when the lines reached this process, which pipes and scheduling can delay.
        var progress = client.Lines.Select(l => ProgressLine().Match(l.Line)).Where(m => m.Success)
            .Select(m => (Phase: m.Groups[1].Value, Seconds: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        var counting = progress.Where(p => p.Phase == "counting").Select(p => p.Seconds).ToList();
        var scoring = progress.Where(p => p.Phase == "scoring").Select(p => p.Seconds).ToList();
        if (scoring.Count == 0) throw new InvalidOperationException("no scoring progress lines in the client's output:\n" + client.Output);
        var complete = client.Lines.Select(l => CompleteLine().Match(l.Line)).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException("no completion line in the client's output:\n" + client.Output);
        var pairs = long.Parse(complete.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var done = double.Parse(complete.Groups[2].Value, CultureInfo.InvariantCulture);
        var known = peaks.Where(p => !double.IsNaN(p)).ToList();
        return new EngineRunMeasurement
        {
            Mode = mode,
            Processes = processes,
            Workers = workers,
            WallSeconds = wall,
            OpenSeconds = counting.Count > 0 ? counting.Min() : scoring.Min(),
            CountingSeconds = counting.Count > 0 ? counting.Max() - counting.Min() : 0,
            TrainingSeconds = counting.Count > 0 ? scoring.Min() - counting.Max() : 0,
            ScoringSeconds = scoring.Max() - scoring.Min(),
            WriteSeconds = done - scoring.Max(),
            JobSeconds = done,
            PairsWritten = pairs,
            CpuSeconds = cpu.Any(double.IsNaN) ? double.NaN : cpu.Sum(),
            PeakRssMaxMiB = known.Count == 0 ? double.NaN : known.Max(),
            PeakRssSumMiB = known.Count == 0 ? double.NaN : known.Sum(),
            LinksDigest = LinksDigest(Path.Combine(outDir, "links.arrow")),
        };
    }

    [GeneratedRegex(@"^(counting|scoring): \d+/\d+ partitions, .*, (\d+(?:\.\d+)?) s elapsed$")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@" complete: ([\d,]+) scored pairs written in (\d+(?:\.\d+)?) s$")]
    private static partial Regex CompleteLine();

    /// <summary>SHA-256 over (id_l, id_r, match_weight) of every row, in file order: equal digests mean the same links with bit-identical weights.</summary>
    internal static string LinksDigest(string linksArrow)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = File.OpenRead(linksArrow);
        using var reader = new ArrowFileReader(stream);
        Span<byte> weight = stackalloc byte[8];
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                var left = (StringArray)batch.Column("id_l");
                var right = (StringArray)batch.Column("id_r");
                var w = (DoubleArray)batch.Column("match_weight");
                for (var i = 0; i < batch.Length; i++)
                {
                    sha.AppendData(Encoding.UTF8.GetBytes(left.GetString(i) + "\u001f" + right.GetString(i) + "\u001f"));
                    BitConverter.TryWriteBytes(weight, w.GetValue(i) ?? double.NaN);
                    sha.AppendData(weight);
                }
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static void WaitUp(NodeProcess node)
    {
        if (!node.WaitForLine(l => l.StartsWith("node ", StringComparison.Ordinal) && l.Contains(" up ", StringComparison.Ordinal), StartTimeout))
        {
            throw new TimeoutException($"{node.Name} did not start:\n{node.Output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Fresh(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
    }
}
