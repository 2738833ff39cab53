using System.CommandLine;
using System.Runtime.InteropServices;
using Adrn.Engine.Hosting;
using Adrn.Engine.LinkageWorkloads;
using Adrn.Engine.Running;
using Adrn.Engine.Security;

namespace Adrn.Cli.Commands;

/// <summary>
/// <c>adrn node --role seed|worker --host H --port P --seed-nodes akka.tcp://adrn@H:P,...</c> starts
/// a cluster node and runs until stopped (Ctrl+C or SIGTERM: it leaves the cluster gracefully).
/// Seed nodes host the job registry and coordinators (journal: SQLite under --state-dir, or
/// PostgreSQL with --journal-connection); every node runs workers. A node reads and writes only under its data roots
/// (<c>--data-root</c>, default: its working directory), and refuses to listen on a non-loopback address without TLS
/// unless <c>--allow-insecure</c>.
/// Exit codes: 0 stopped, 1 failed, 2 bad usage (including an insecure node refused before it binds).
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
        var tlsCertificate = new Option<string?>("--tls-certificate") { Description = "Mutual TLS between nodes: this node's certificate, a .pfx (with --tls-password) or a PEM certificate (with --tls-key). Every node and client must then use TLS." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of a PEM --tls-certificate." };
        var tlsPassword = new Option<string?>("--tls-password") { Description = "Password of the .pfx (or encrypted PEM key): the value, or env:NAME to read environment variable NAME." };
        var tlsTrust = new Option<string[]>("--tls-trust") { Description = "Certificate (PEM/DER) a peer's certificate must chain to, e.g. the cluster CA (repeatable). Default: this node's own certificate (all nodes share one).", AllowMultipleArgumentsPerToken = false };
        var dataRoots = new Option<string[]>("--data-root") { Description = "Folder this node may read job inputs from and write outputs to (repeatable); jobs naming paths elsewhere are refused. Default: the working directory.", AllowMultipleArgumentsPerToken = false };
        var allowInsecure = new Option<bool>("--allow-insecure") { Description = "Allow listening on a non-loopback --host without TLS (anyone who reaches the port can submit jobs). Default: refused." };
        var command = new Command("node", "Start a cluster node of the actor engine and run until stopped.")
        {
            role, host, port, seeds, workers, journal, stateDir, tlsCertificate, tlsKey, tlsPassword, tlsTrust, dataRoots, allowInsecure,
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
            Tls(parseResult.GetValue(tlsCertificate), parseResult.GetValue(tlsKey), parseResult.GetValue(tlsPassword), parseResult.GetValue(tlsTrust)),
            Roots(parseResult.GetValue(dataRoots)),
            parseResult.GetValue(allowInsecure),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, string role, string host, int port, string? seeds, int workers, string? journal, string stateDir, TlsOptions? tls,
        DataRoots dataRoots, bool allowInsecure, CancellationToken ct)
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

        var self = ClusterNodeOptions.WithProtocol(FormattableString.Invariant($"akka.tcp://{ClusterNodeOptions.SystemName}@{host}:{port}"), tls is not null);
        var seedNodes = string.IsNullOrWhiteSpace(seeds)
            ? (nodeRole == NodeRole.Seed ? [self] : throw new UsageException("a worker node needs --seed-nodes akka.tcp://adrn@HOST:PORT."))
            : seeds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(seed => ClusterNodeOptions.WithProtocol(seed, tls is not null)).ToArray();
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
            Tls = tls,
            DataRoots = dataRoots,
            AllowInsecure = allowInsecure,
            LogStackTraces = AdrnCommandLine.IsVerbose(parseResult),
        };
        try
        {
            // NOTE: checked here, before anything binds the port, so a refused node never listened.
            if (NodeExposure.Check(options) is { } warning)
            {
                stdout.WriteLine(warning);
            }
        }
        catch (InsecureNodeException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        // NOTE: the command's token is not cancelled by SIGTERM or SIGINT here (Akka's coordinated
        // shutdown and the generic host catch them first); cancel it ourselves, so that a signal
        // stops the node even while it waits to join again, when no actor system is running.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            // NOTE: the handler runs on its own thread and can still run after the node has stopped
            // (Akka's own hook ended the actor system first) and this method has disposed the source.
            try
            {
                stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped: nothing left to cancel.
            }
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var incarnation = 0;
        await ClusterNodeHost.RunAsync(options, new LinkageJobWorkloadFactory(new Adrn.Learning.LearnedScorerProvider(), new StatusLine(stdout, interactive: false)), address =>
        {
            if (incarnation++ > 0)
            {
                stdout.WriteLine($"node {address} was removed from the cluster; joining again");
            }

            stdout.WriteLine($"node {address} up (role {ClusterNodeOptions.RoleName(nodeRole)}, {workers} workers, journal {journalOptions.Describe()}{(tls is null ? string.Empty : ", mutual TLS")}, data roots {string.Join(", ", dataRoots.Roots)})");
            stdout.Flush();
        }, TimeSpan.FromSeconds(2), stopping.Token).ConfigureAwait(false);
        stdout.WriteLine($"node {self} stopped");
        return ExitCodes.Ok;
    }

    /// <summary>The data roots of <c>--data-root</c> (default: the working directory); a missing folder is a usage error.</summary>
    /// <param name="folders">--data-root values.</param>
    /// <returns>The roots.</returns>
    private static DataRoots Roots(string[]? folders)
    {
        try
        {
            return DataRoots.Create(folders is { Length: > 0 } ? folders : [Environment.CurrentDirectory]);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--data-root: {ex.Message.Split(" (Parameter")[0]}", ex);
        }
    }

    /// <summary>The TLS options of <c>--tls-*</c>, or null for plain TCP; a bad combination is a usage error.</summary>
    /// <param name="certificate">--tls-certificate.</param>
    /// <param name="key">--tls-key.</param>
    /// <param name="password">--tls-password.</param>
    /// <param name="trust">--tls-trust.</param>
    /// <returns>The options or null.</returns>
    internal static TlsOptions? Tls(string? certificate, string? key, string? password, string[]? trust)
    {
        try
        {
            return TlsOptions.FromCommandLine(certificate, key, password, trust);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message.Split(" (Parameter")[0], ex);
        }
    }
}
