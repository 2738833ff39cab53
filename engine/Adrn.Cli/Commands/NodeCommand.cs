using System.CommandLine;
using Adrn.Engine.Hosting;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn node --role seed|worker --host H --port P --seed-nodes akka.tcp://adrn@H:P,...</c> starts
/// a cluster node and runs until stopped (Ctrl+C or SIGTERM: it leaves the cluster gracefully).
/// Seed nodes host the job registry and coordinators (journal: SQLite under --state-dir, or
/// PostgreSQL with --journal-connection); every node runs workers.
/// Exit codes: 0 stopped, 1 failed, 2 bad usage.
/// </summary>
public static class NodeCommand
{
    /// <summary>Builds the <c>node</c> command.</summary>
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "seed (hosts coordinators and the journal, and runs workers) or worker.", Required = true };
        var host = new Option<string>("--host") { Description = "Host name or IP this node binds and is reached at.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port of this node.", DefaultValueFactory = _ => 4053 };
        var seeds = new Option<string?>("--seed-nodes") { Description = "Comma-separated seed node addresses, e.g. akka.tcp://adrn@127.0.0.1:4053. Default: this node (a lone seed)." };
        var workers = new Option<int>("--workers") { Description = "Workers on this node (each runs one partition at a time). Default: one per core.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var journal = new Option<string?>("--journal-connection") { Description = "PostgreSQL connection string of the journal (seed nodes). Default: SQLite in --state-dir." };
        var stateDir = new Option<string>("--state-dir") { Description = "Folder of the default SQLite journal (seed nodes).", DefaultValueFactory = _ => "." };
        var command = new Command("node", "Start a cluster node of the actor engine and run until stopped.")
        {
            role, host, port, seeds, workers, journal, stateDir,
        };
        command.SetAction((parseResult, ct) => RunAsync(
            parseResult,
            parseResult.GetValue(role)!,
            parseResult.GetValue(host)!,
            parseResult.GetValue(port),
            parseResult.GetValue(seeds),
            parseResult.GetValue(workers),
            parseResult.GetValue(journal),
            parseResult.GetValue(stateDir)!,
            ct));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, string role, string host, int port, string? seeds, int workers, string? journal, string stateDir, CancellationToken ct)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var nodeRole = role.ToUpperInvariant() switch
        {
            "SEED" => NodeRole.Seed,
            "WORKER" => NodeRole.Worker,
            _ => throw new UsageException($"--role must be seed or worker (got '{role}')."),
        };
        if (port is < 1 or > 65535)
        {
            throw new UsageException($"--port must be 1..65535 (got {port}).");
        }

        if (workers < 0)
        {
            throw new UsageException($"--workers must not be negative (got {workers}).");
        }

        var self = FormattableString.Invariant($"akka.tcp://{ClusterNodeOptions.SystemName}@{host}:{port}");
        var seedNodes = string.IsNullOrWhiteSpace(seeds)
            ? (nodeRole == NodeRole.Seed ? [self] : throw new UsageException("a worker node needs --seed-nodes akka.tcp://adrn@HOST:PORT."))
            : seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var seed in seedNodes)
        {
            try
            {
                ClusterJobClient.ParseAddress(seed);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--seed-nodes: {ex.Message.Split(" (Parameter")[0]}", ex);
            }
        }

        JournalOptions journalOptions;
        try
        {
            journalOptions = JournalOptions.FromConnectionStringOrDirectory(journal, Path.GetFullPath(stateDir));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot use --state-dir '{stateDir}': {ex.Message}", ex);
        }

        var options = new ClusterNodeOptions
        {
            Role = nodeRole,
            Host = host,
            Port = port,
            SeedNodes = seedNodes,
            WorkerCount = workers,
            Journal = journalOptions,
        };
        var incarnation = 0;
        await ClusterNodeHost.RunAsync(options, new LinkageJobWorkloadFactory(), address =>
        {
            if (incarnation++ > 0)
            {
                stdout.WriteLine($"node {address} was removed from the cluster; joining again");
            }

            stdout.WriteLine($"node {address} up (role {ClusterNodeOptions.RoleName(nodeRole)}, {workers} workers, journal {journalOptions.Describe()})");
            stdout.Flush();
        }, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        stdout.WriteLine($"node {self} stopped");
        return ExitCodes.Ok;
    }
}
