using System.Diagnostics;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cluster;

/// <summary>
/// <c>adrn node</c> processes stop when asked to: SIGTERM (sent by <c>kill</c>, <c>timeout</c>,
/// systemd or Kubernetes) makes a node leave the cluster and exit, rather than start a fresh actor
/// system as it does after a removal from the cluster.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class NodeShutdownTests : IDisposable
{
    // A node leaves and exits in about a second on loopback; before the fix it never exited. The bound is
    // generous for a loaded 2-core CI machine.
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_worker_node_and_then_the_seed_node_sent_SIGTERM_leave_the_cluster_and_exit_with_code_0()
    {
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 1, seedWorkers: 0);

        foreach (var node in new[] { cluster.Workers[0], cluster.Seed })
        {
            if (node == cluster.Seed)
            {
                // One at a time, seed last (docs/engine.md): the seed is stopped once it has removed the worker,
                // so that the departed worker is no longer the leader its own leaving would wait for.
                Assert.True(cluster.Seed.WaitForLine(l => l.Contains("Cluster: member removed", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                    "the seed never removed the worker that left\n" + cluster.Output);
            }

            var clock = Stopwatch.StartNew();
            node.Terminate();

            Assert.True(node.WaitForExit(ExitWithin), $"still running {ExitWithin.TotalSeconds:0} s after SIGTERM\n" + cluster.Output);
            Assert.True(node.ExitCode == 0, $"exit code {node.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s\n" + cluster.Output);
            Assert.Contains(node.Lines, l => l.StartsWith("node ", StringComparison.Ordinal) && l.EndsWith(" stopped", StringComparison.Ordinal));
            Assert.DoesNotContain(node.Lines, l => l.Contains("removed from the cluster; joining again", StringComparison.Ordinal));
        }
    }

    public void Dispose() => _dir.Dispose();
}
