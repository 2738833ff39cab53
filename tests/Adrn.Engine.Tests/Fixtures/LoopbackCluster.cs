using System.Globalization;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>
/// A seed node and worker nodes as separate <c>adrn node</c> processes on 127.0.0.1. Disposing
/// stops the workers one at a time (SIGTERM: they leave the cluster), then the seed. Every node may
/// read and write under the system temp folder (the tests' jobs and outputs) and the shared data
/// folder (the public benchmark inputs), unless the test gives other data roots.
/// </summary>
internal sealed class LoopbackCluster : IDisposable
{
    private readonly List<AdrnProcess> _workers = [];
    private readonly List<AdrnProcess> _killedSeeds = [];
    private readonly string[] _seedArgs;
    private bool _disposed;

    public LoopbackCluster(string stateDirectory, int workerNodes, int workersPerNode = 1, IReadOnlyList<string>? nodeArgs = null, int? seedWorkers = null,
        IReadOnlyList<string>? dataRoots = null)
    {
        dataRoots ??= DefaultDataRoots;
        nodeArgs = [.. nodeArgs ?? [], .. dataRoots.SelectMany(root => new[] { "--data-root", root })];
        var seedPort = FreePort.Next();
        Address = string.Create(CultureInfo.InvariantCulture, $"akka.tcp://adrn@127.0.0.1:{seedPort}");
        var workers = workersPerNode.ToString(CultureInfo.InvariantCulture);
        // seedWorkers: 0 makes every task cross the network to the worker nodes.
        _seedArgs = ["node", "--role", "seed", "--host", "127.0.0.1", "--port", seedPort.ToString(CultureInfo.InvariantCulture),
            "--seed-nodes", Address, "--workers", (seedWorkers ?? workersPerNode).ToString(CultureInfo.InvariantCulture), "--state-dir", stateDirectory, .. nodeArgs];
        Seed = AdrnProcess.Start("seed", _seedArgs);
        WaitUp(Seed);
        for (var i = 0; i < workerNodes; i++)
        {
            var worker = AdrnProcess.Start("worker-" + (i + 1), ["node", "--role", "worker", "--host", "127.0.0.1",
                "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--seed-nodes", Address, "--workers", workers, .. nodeArgs]);
            _workers.Add(worker);
            WaitUp(worker);
        }

        // Every node logs each member that comes up; wait until the seed has seen them all.
        var members = workerNodes + 1;
        if (!Seed.WaitForLine(_ => Seed.Lines.Count(l => l.Contains("Cluster: member up", StringComparison.Ordinal)) >= members, TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The cluster did not form within 60 s.\n" + Output);
        }
    }

    /// <summary>The system temp folder and the repository's shared data folder.</summary>
    public static IReadOnlyList<string> DefaultDataRoots =>
        [Path.GetTempPath(), Path.GetFullPath(Path.Combine(Adrn.Tests.Shared.RepositoryPaths.Root, "..", "shared"))];

    public string Address { get; }

    public AdrnProcess Seed { get; private set; }

    /// <summary>SIGKILLs the seed node and starts it again on the same address and state folder.</summary>
    public void KillAndRestartSeed()
    {
        Seed.Kill();
        _killedSeeds.Add(Seed);
        Seed = AdrnProcess.Start("seed (restarted)", _seedArgs);
        WaitUp(Seed);
    }

    public IReadOnlyList<AdrnProcess> Workers => _workers;

    public string Output => string.Join('\n', _killedSeeds.Append(Seed).Concat(_workers).Select(p => p.Output));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var worker in _workers)
        {
            worker.Stop(TimeSpan.FromSeconds(15));
            worker.Dispose();
        }

        Seed.Stop(TimeSpan.FromSeconds(15));
        Seed.Dispose();
        _killedSeeds.ForEach(s => s.Dispose());
    }

    private static void WaitUp(AdrnProcess node)
    {
        if (!node.WaitForLine(l => l.StartsWith("node ", StringComparison.Ordinal) && l.Contains(" up ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("A node did not start within 60 s.\n" + node.Output);
        }
    }
}
