using System.Diagnostics;

namespace Adrn.Engine.Tests.Fixtures;

/// <summary>
/// A private PostgreSQL server for the persistence tests, started with
/// <c>scripts/postgres-test-server.sh</c> (initdb + pg_ctl, on loopback, private port and socket
/// folder) and stopped and deleted on dispose.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _dir;
    private readonly int _port;

    public PostgresServer()
    {
        // NOTE: directly under /tmp (not a 0700 temp folder) because the server runs as the
        // "postgres" user, which must be able to reach the data folder.
        _dir = Path.Combine("/tmp", "adrn-pg-" + Guid.NewGuid().ToString("N")[..10]);
        _port = FreePort.Next();
        ConnectionString = Run("start").Trim();
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        try
        {
            Run("stop");
        }
        finally
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private string Run(string action)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.Script("postgres-test-server.sh"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(_dir);
        start.ArgumentList.Add(_port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(90_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"postgres-test-server.sh {action} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres-test-server.sh {action} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }
}
