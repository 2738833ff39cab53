using System.Globalization;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Tls;

/// <summary>
/// Mutual TLS between cluster nodes and the submitting client (Akka.Remote DotNetty transport with
/// <c>enable-ssl</c>), with real <c>adrn</c> processes on 127.0.0.1 and certificates made in the test.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class ClusterTlsTests(Baselines baselines) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Two_nodes_sharing_a_self_signed_certificate_run_a_job_over_TLS_with_the_same_output()
    {
        using var certificate = TestCertificates.SelfSigned("adrn-cluster");
        var pfx = TestCertificates.WritePfx(certificate, _dir.Path, "cluster");
        string[] tls = ["--tls-certificate", pfx, "--tls-password", TestCertificates.Password];
        // The seed runs no workers, so every counting and scoring task must go to the worker node over TLS.
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 1, nodeArgs: tls, seedWorkers: 0);
        var outDir = Path.Combine(_dir.Path, "out");

        using var link = AdrnProcess.Start("link", ["link", "--cluster", cluster.Address, "--config", baselines.JobFile(ScoringLoad.Light),
            "--out", outDir, "--job-id", "tls-shared", .. tls]);
        Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);

        Assert.True(link.ExitCode == 0, link.Output + cluster.Output);
        Assert.Contains(cluster.Seed.Lines, l => l.Contains("mutual TLS", StringComparison.Ordinal));
        // The worker node (another process, reached only over TLS) ran tasks of both phases. Akka logs
        // asynchronously and its output is read from a pipe, so a line may arrive after the client exits:
        // wait for it (bounded) rather than reading a snapshot.
        var worker = cluster.Workers[0];
        Assert.True(worker.WaitForLine(l => l.Contains("Running partition", StringComparison.Ordinal) && l.Contains("(Counting)", StringComparison.Ordinal), TimeSpan.FromSeconds(15)), worker.Output);
        Assert.True(worker.WaitForLine(l => l.Contains("Running partition", StringComparison.Ordinal) && l.Contains("(Scoring)", StringComparison.Ordinal), TimeSpan.FromSeconds(15)), worker.Output);
        LinkOutput.AssertSameOutputs(baselines.OutputOf(ScoringLoad.Light), outDir);
    }

    [Fact]
    public void A_node_whose_certificate_the_cluster_does_not_trust_is_refused_at_the_handshake_and_never_becomes_a_member()
    {
        // The cluster trusts a private CA and its nodes hold a certificate the CA issued (the trusted
        // worker joining proves that path works).
        using var authority = TestCertificates.Authority("adrn test CA");
        using var node = TestCertificates.IssuedBy(authority, "adrn-node");
        var ca = TestCertificates.WritePem(authority, _dir.Path, "ca");
        var nodePfx = TestCertificates.WritePfx(node, _dir.Path, "node");
        string[] tls = ["--tls-certificate", nodePfx, "--tls-password", TestCertificates.Password, "--tls-trust", ca];
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 1, nodeArgs: tls);

        // The intruder has a self-signed certificate with the same subject, and trusts the cluster's
        // CA itself: only the cluster's check of the intruder's certificate can keep it out.
        using var intruderCertificate = TestCertificates.SelfSigned("adrn-node");
        var intruderPfx = TestCertificates.WritePfx(intruderCertificate, _dir.Path, "intruder");
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var intruder = AdrnProcess.Start("intruder", "node", "--role", "worker", "--host", "127.0.0.1", "--port", port,
            "--seed-nodes", cluster.Address, "--workers", "1",
            "--tls-certificate", intruderPfx, "--tls-password", TestCertificates.Password, "--tls-trust", ca);
        Assert.True(intruder.WaitForLine(l => l.StartsWith("node ", StringComparison.Ordinal) && l.Contains(" up ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), intruder.Output);

        // A trusted worker joined this cluster within seconds (LoopbackCluster waited for it); give
        // the intruder 15 s, several join retries.
        var joined = cluster.Seed.WaitForLine(l => l.Contains("Cluster: member up", StringComparison.Ordinal) && l.Contains(":" + port, StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        Assert.False(joined, cluster.Output + intruder.Output);
        Assert.DoesNotContain(intruder.Lines, l => l.Contains("Cluster: member up", StringComparison.Ordinal));
        Assert.Contains(cluster.Seed.Lines, l => l.Contains("TLS: refused", StringComparison.Ordinal) && l.Contains("adrn-node", StringComparison.Ordinal));

        intruder.Stop(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_worker_node_whose_TLS_handshake_with_the_seed_fails_exits_with_code_1_instead_of_restarting_forever()
    {
        // Two self-signed certificates, each node trusting only its own: every handshake fails. Akka
        // shuts the worker's actor system down; the node used to start a new one every 2 s for ever.
        using var seedCertificate = TestCertificates.SelfSigned("adrn-seed");
        using var workerCertificate = TestCertificates.SelfSigned("adrn-worker");
        var seedPfx = TestCertificates.WritePfx(seedCertificate, _dir.Path, "seed");
        var workerPfx = TestCertificates.WritePfx(workerCertificate, _dir.Path, "worker");
        using var cluster = new LoopbackCluster(Path.Combine(_dir.Path, "seed-state"), workerNodes: 0,
            nodeArgs: ["--tls-certificate", seedPfx, "--tls-password", TestCertificates.Password]);

        using var worker = AdrnProcess.Start("worker", "node", "--role", "worker", "--host", "127.0.0.1",
            "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--seed-nodes", cluster.Address, "--workers", "1",
            "--tls-certificate", workerPfx, "--tls-password", TestCertificates.Password);

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), worker.Output + cluster.Output);
        Assert.True(worker.ExitCode == 1, worker.Output);
        Assert.DoesNotContain(worker.Lines, l => l.Contains("removed from the cluster; joining again", StringComparison.Ordinal));
        // The error names the cause and what to check.
        Assert.Contains(worker.Lines, l => l.StartsWith("[stderr] adrn: ", StringComparison.Ordinal)
            && l.Contains("TLS handshake failed", StringComparison.Ordinal) && l.Contains("--tls-trust", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
