using System.Globalization;
using System.Text.Json.Nodes;
using Adrn.Engine.Hosting;
using Adrn.Engine.Registry;
using Adrn.Engine.Running;
using Adrn.Engine.Tests.Fixtures;

namespace Adrn.Engine.Tests.Cluster;

/// <summary>
/// "Nodes are not open doors" (issue 15), with real <c>adrn node</c> processes: a node that would listen beyond
/// loopback without TLS is refused before it binds, and a node refuses a job that names a path outside its data
/// roots, telling the submitting client, and writes nothing.
/// </summary>
[Collection(EngineEndToEnd.Name)]
public sealed class NodeSafetyTests : IDisposable
{
    // NOTE: 192.0.2.1 is TEST-NET-1 (RFC 5737), an address no machine holds: even if the refusal failed, the node
    // could not listen there, so no test ever opens a port beyond loopback.
    private const string NonLoopback = "192.0.2.1";

    private readonly TempDirectory _dir = new();

    private AdrnProcess Node(string name, params string[] extra)
    {
        var node = AdrnProcess.Start(name, ["node", "--role", "seed", "--host", NonLoopback, "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--state-dir", Directory.CreateDirectory(Path.Combine(_dir.Path, name)).FullName, .. extra]);
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)), node.Output);
        return node;
    }

    [Fact]
    public void A_node_on_a_non_loopback_address_without_TLS_is_refused_at_start_with_exit_code_2()
    {
        using var node = Node("insecure");

        Assert.True(node.ExitCode == 2, node.Output);
        Assert.Contains(node.Lines, l => l.StartsWith($"[stderr] adrn: refusing to start a node on {NonLoopback}:", StringComparison.Ordinal)
            && l.Contains("--allow-insecure", StringComparison.Ordinal));
        // Refused before binding: neither remoting nor the "up" line ever appeared.
        Assert.DoesNotContain(node.Lines, l => l.Contains("Starting remoting", StringComparison.Ordinal) || l.Contains(" up ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_insecure_node_allowed_with_allow_insecure_logs_a_warning_before_it_binds()
    {
        using var node = Node("allowed", "--allow-insecure");

        // The check let it through (with its warning first); listening then fails, cleanly, because no interface of
        // this machine holds the address.
        Assert.True(node.Lines.Length > 0 && node.Lines[0].StartsWith("warning: this node listens on " + NonLoopback, StringComparison.Ordinal), node.Output);
        Assert.True(node.ExitCode == 1, node.Output);
        Assert.Contains(node.Lines, l => l.StartsWith($"[stderr] adrn: cannot listen on {NonLoopback}:", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_job_naming_an_input_or_output_outside_the_node_data_roots_is_refused_and_nothing_is_written()
    {
        var allowed = Directory.CreateDirectory(Path.Combine(_dir.Path, "allowed")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_dir.Path, "outside")).FullName;
        var stateDir = Path.Combine(_dir.Path, "seed-state");
        // The job file lies under the root; its sources (the shared FEBRL files) do not.
        var job = TestJobs.WriteFebrl4(allowed, ScoringLoad.Light);
        using var cluster = new LoopbackCluster(stateDir, workerNodes: 0, dataRoots: [allowed]);

        var outsideOut = Path.Combine(outside, "out");
        using (var link = AdrnProcess.Start("link", "link", "--cluster", cluster.Address, "--config", job, "--out", outsideOut, "--job-id", "out-outside"))
        {
            Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
            Assert.True(link.ExitCode == 2, link.Output + cluster.Output);
            Assert.Contains(link.Lines, l => l.StartsWith("[stderr] adrn link: Job out-outside could not be opened", StringComparison.Ordinal)
                && l.Contains("output folder " + outsideOut, StringComparison.Ordinal) && l.Contains("data roots", StringComparison.Ordinal));
        }

        var insideOut = Path.Combine(allowed, "out");
        using (var link = AdrnProcess.Start("link", "link", "--cluster", cluster.Address, "--config", job, "--out", insideOut, "--job-id", "inputs-outside"))
        {
            Assert.True(link.WaitForExit(TimeSpan.FromSeconds(120)), link.Output + cluster.Output);
            Assert.True(link.ExitCode == 2, link.Output + cluster.Output);
            var source = (string)JsonNode.Parse(File.ReadAllText(job))!["sources"]![0]!["path"]!;
            Assert.Contains(link.Lines, l => l.Contains("source 'a' " + source, StringComparison.Ordinal));
        }

        // Nothing written: neither output folder exists (the client does not create it in cluster mode), and the
        // seed journalled neither job.
        Assert.False(Directory.Exists(outsideOut));
        Assert.False(Directory.Exists(insideOut));
        var journal = JournalOptions.ForSqliteFile(Path.Combine(stateDir, JournalOptions.SqliteFileName));
        foreach (var jobId in new[] { "out-outside", "inputs-outside" })
        {
            Assert.Empty(await JobJournalReader.ReadAsync(journal, jobId, CancellationToken.None));
        }

        Assert.DoesNotContain(await JobJournalReader.ReadAsync(journal, "registry", CancellationToken.None), e => e is RegistryJournal.JobRegistered);
    }

    public void Dispose() => _dir.Dispose();
}
