using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cluster;

/// <summary>
/// <c>adrn link --cluster</c> listens on an address of its own, not on the node's host (which, on another machine or
/// container, is not one of the client's addresses: "Cannot assign requested address"). On loopback the seed is on
/// 127.0.0.1 and the clients on 127.0.0.2 (<c>--host</c>) and behind 0.0.0.0 advertised as 127.0.0.3
/// (<c>--public-host</c>, as in a container).
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class ClusterClientAddressTests(Baselines baselines) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_client_on_another_loopback_address_than_the_seed_submits_a_job_and_gets_the_same_output()
    {
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 0, workersPerNode: 2);
        Assert.StartsWith("akka.tcp://adrn@127.0.0.1:", cluster.Address, StringComparison.Ordinal);

        var first = Path.Combine(_dir.Path, "out-host");
        using (var link = AdrnProcess.Start("link", "link", "--cluster", cluster.Address, "--host", "127.0.0.2",
            "--config", baselines.JobFile(ScoringLoad.Light), "--out", first, "--job-id", "client-host"))
        {
            Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
            Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
            Assert.Contains(link.Lines, l => l.StartsWith("client listening at akka.tcp://adrn-client@127.0.0.2:", StringComparison.Ordinal));
        }

        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Light), first);

        var second = Path.Combine(_dir.Path, "out-public-host");
        using (var link = AdrnProcess.Start("link", "link", "--cluster", cluster.Address, "--host", "0.0.0.0", "--public-host", "127.0.0.3",
            "--config", baselines.JobFile(ScoringLoad.Light), "--out", second, "--job-id", "client-public-host"))
        {
            Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
            Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
            Assert.Contains(link.Lines, l => l.StartsWith("client listening at akka.tcp://adrn-client@127.0.0.3:", StringComparison.Ordinal));
        }

        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Light), second);
    }

    public void Dispose() => _dir.Dispose();
}
